/* The lock: after the idle minutes nothing of the work shows, and only
 * the same staff's password opens it again (a fresh login). */
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "keymap.h"
#include "keys.h"
#include "request.h"
#include "tui.h"
#include "when.h"
#include "../forms/lineedit-draw.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

struct lock {
	struct lineedit	 pass;
	char		*username;
	char		*name;
	char		*counter;
};

static const struct keyhelp lock_keys[] = {
	{ N_("Enter"), N_("Unlock"), 1 },
	{ N_("F4"), N_("Log out"), 1 },
	{ NULL, NULL, 0 }
};

static void
lock_init(struct screen *s, void *arg)
{
	struct lock	*l = xcalloc(1, sizeof *l);

	(void)arg;
	lineedit_init(&l->pass, 128);
	l->pass.secret = 1;
	l->username = xstrdup(app.session->username);
	l->name = xstrdup(app.session->staff_name);
	l->counter = xstrdup(app.session->counter);
	s->data = l;
	app_message(MSG_INFO, NULL);	/* it may name a resident */
}

static void
lock_free(struct screen *s)
{
	struct lock	*l = s->data;

	lineedit_free(&l->pass);
	free(l->username);
	free(l->name);
	free(l->counter);
	free(l);
}

static void
on_unlock(struct api_result *r, void *arg)
{
	struct lock	*l = arg;

	lineedit_clear(&l->pass);
	if (r->status != API_OK) {
		app_message(MSG_ERROR, "%s", r->message);
		return;
	}
	model_session_free(app.session);
	app.session = r->model;
	r->model = NULL;
	when_set_zone(app.session->time_zone);
	app_message(MSG_INFO, NULL);
	app_pop();	/* frees l: the work is back as it was */
}

static int
lock_key(struct screen *s, int key)
{
	struct lock	*l = s->data;
	struct request	*rq;
	char		*pw;

	if (keymap_action(key) == ACT_QUIT)
		return (0);	/* quitting stays possible; drafts are kept */
	if (request_busy(l, 0))
		return (1);
	switch (key) {
	case TK_ENTER:
		if (l->pass.len == 0)
			break;
		pw = lineedit_text(&l->pass);
		rq = request_new(l, 0, on_unlock, l);
		request_call(rq, api_login(app.api, l->username, pw,
		    l->counter, request_reply, rq));
		explicit_bzero(pw, strlen(pw));
		free(pw);
		break;
	case TK_F(4):
		app_save_all();
		app_session_ended(_("Logged out."));
		return (1);
	default:
		keys_edit(&l->pass, key);
	}
	app_dirty();
	return (1);
}

static void
lock_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct lock	*l = s->data;
	const char	*title = _("Locked");
	char		 who[256];
	int		 y = top + rows / 2 - 3, x = cols / 2 - 20;

	if (x < 1)
		x = 1;
	draw_text(y, (cols - text_width(title)) / 2, title, cols, STYLE_TITLE);
	snprintf(who, sizeof who, _("%s (%s): type your password to go on."),
	    l->name, l->username);
	draw_text(y + 2, x, who, cols - x - 1, STYLE_NORMAL);
	draw_text(y + 4, x, _("Password"), 12, STYLE_LABEL);
	*cx = lineedit_draw(stdscr, &l->pass, y + 4, x + 14, 24,
	    draw_attr(STYLE_FIELD));
	*cy = !request_busy(l, 0) ? y + 4 : -1;
}

/* A card scanned at the lock is never a password (it would count as a
 * failed login): what was typed goes, and the clerk is told. */
static int
lock_scan(struct screen *s, const char *id)
{
	struct lock	*l = s->data;

	(void)id;
	lineedit_clear(&l->pass);
	app_message(MSG_ERROR, "%s", _("The screen is locked: type your "
	    "password."));
	return (1);
}

const struct screen_ops screen_lock = {
	.name = "lock",
	.title = N_("Locked"),
	.init = lock_init,
	.free = lock_free,
	.key = lock_key,
	.draw = lock_draw,
	.scan = lock_scan,
	.keys = lock_keys,
};
