/* Login: staff name, password and counter number. */
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "keymap.h"
#include "keys.h"
#include "password.h"
#include "request.h"
#include "screen-login.h"
#include "tui.h"
#include "when.h"
#include "../forms/lineedit-draw.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/version.h"
#include "../util/xmalloc.h"

enum { F_USER, F_PASS, F_COUNTER, NFIELDS };

struct login {
	struct lineedit	 f[NFIELDS];
	int		 focus;
};

static const char *const labels[NFIELDS] = {
	N_("Staff"), N_("Password"), N_("Counter")
};

static const struct keyhelp login_keys[] = {
	{ N_("Enter"), N_("Next / log in"), 1 },
	{ N_("Tab"), N_("Next field"), 0 },
	{ N_("Shift-Tab"), N_("Previous field"), 0 },
	{ N_("Esc"), N_("Cancel the request"), 0 },
	{ NULL, NULL, 0 }
};

static void
login_init(struct screen *s, void *arg)
{
	struct login	*l = xcalloc(1, sizeof *l);

	(void)arg;
	lineedit_init(&l->f[F_USER], 32);
	lineedit_init(&l->f[F_PASS], 128);
	l->f[F_PASS].secret = 1;
	lineedit_init(&l->f[F_COUNTER], 8);
	l->f[F_COUNTER].filter = keys_alnum;
	if (app.counter_default != NULL)
		lineedit_set(&l->f[F_COUNTER], app.counter_default);
	s->data = l;
}

static void
login_free(struct screen *s)
{
	struct login	*l = s->data;
	int		 i;

	for (i = 0; i < NFIELDS; i++)
		lineedit_free(&l->f[i]);
	free(l);
}

static void
on_login(struct api_result *r, void *arg)
{
	struct login	*l = arg;

	if (r->status != API_OK) {
		app_message(MSG_ERROR, "%s", r->message);
		lineedit_clear(&l->f[F_PASS]);
		l->focus = r->status == API_ERR_NETWORK ? l->focus : F_PASS;
		return;
	}
	model_session_free(app.session);
	app.session = r->model;
	r->model = NULL;
	when_set_zone(app.session->time_zone);
	if (app.sender != NULL)
		sender_set_staff(app.sender, app.session->username);
	app_message(MSG_INFO, NULL);
	if (app.session->must_change_password)
		app_reset(&screen_password, NULL);	/* frees this screen */
	else
		login_landing();
}

void
login_landing(void)
{
	/* the evaluator has one screen, and nothing else */
	if (app.evaluator != NULL) {
		app_reset(&screen_evaluator, NULL);
		return;
	}
	/* most visits start with a card: land on the lookup, menu below */
	app_reset(&screen_home, NULL);
	app_push(&screen_lookup, NULL);
	drafts_offer(0);
}

static void
submit(struct login *l)
{
	struct request	*rq;
	char		*v[NFIELDS];
	int		 i, empty = -1;

	for (i = 0; i < NFIELDS; i++) {
		if (l->f[i].len == 0 && empty == -1)
			empty = i;
	}
	if (empty != -1) {
		l->focus = empty;
		app_message(MSG_ERROR, _("Fill in %s."), _(labels[empty]));
		return;
	}
	for (i = 0; i < NFIELDS; i++)
		v[i] = lineedit_text(&l->f[i]);
	app_message(MSG_INFO, NULL);
	rq = request_new(l, 0, on_login, l);
	request_call(rq, api_login(app.api, v[F_USER], v[F_PASS],
	    v[F_COUNTER], request_reply, rq));
	for (i = 0; i < NFIELDS; i++) {
		explicit_bzero(v[i], strlen(v[i]));
		free(v[i]);
	}
}

static int
login_key(struct screen *s, int key)
{
	struct login	*l = s->data;

	if (request_busy(l, 0)) {
		if (key == TK_ESC && request_cancel(l, 0))
			app_message(MSG_INFO, "%s", _("Cancelled."));
		return (keymap_action(key) != ACT_QUIT);
	}
	switch (key) {
	case TK_ENTER:
		if (l->focus == NFIELDS - 1)
			submit(l);
		else
			l->focus++;
		break;
	case TK_TAB:
	case TK_DOWN:
		l->focus = (l->focus + 1) % NFIELDS;
		break;
	case TK_BTAB:
	case TK_UP:
		l->focus = (l->focus + NFIELDS - 1) % NFIELDS;
		break;
	default:
		if (!keys_edit(&l->f[l->focus], key))
			return (0);
	}
	/* the login request is near: libcurl loads while the password is
	 * typed, not after Enter (http.h) */
	if (l->focus == F_PASS)
		http_warm(api_http(app.api));
	app_dirty();
	return (1);
}

static void
login_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct login	*l = s->data;
	const char	*title = _("Community service counter - log in");
	int		 i, y, lw = 0, fw = 24, x, cursor;

	for (i = 0; i < NFIELDS; i++) {
		if (text_width(_(labels[i])) > lw)
			lw = text_width(_(labels[i]));
	}
	x = (cols - (lw + 2 + fw)) / 2;
	if (x < 1)
		x = 1;
	y = top + (rows > 12 ? rows / 2 - 4 : 1);
	draw_text(y, (cols - text_width(title)) / 2 > 0 ?
	    (cols - text_width(title)) / 2 : 0, title, cols, STYLE_TITLE);
	y += 2;
	for (i = 0; i < NFIELDS; i++, y += 2) {
		draw_text_right(y, x + lw, _(labels[i]), lw, STYLE_LABEL);
		draw_text(y, x + lw, ":", 1, STYLE_LABEL);
		cursor = lineedit_draw(stdscr, &l->f[i], y, x + lw + 2, fw,
		    draw_attr(STYLE_FIELD));
		if (i == l->focus && !request_busy(l, 0)) {
			*cy = y;
			*cx = cursor;
		}
	}
	draw_text(y, x, "bianmin " BIANMIN_VERSION, cols - x, STYLE_DIM);
}

/* A card scanned before logging in: never typed into a field (the
 * password least of all). */
static int
login_scan(struct screen *s, const char *id)
{
	(void)s;
	(void)id;
	app_message(MSG_ERROR, "%s", _("Log in first, then scan the ID "
	    "card."));
	return (1);
}

static struct lineedit *
login_typing(struct screen *s)
{
	struct login	*l = s->data;

	return (request_busy(l, 0) ? NULL : &l->f[l->focus]);
}

const struct screen_ops screen_login = {
	.name = "login",
	.title = N_("Log in"),
	.init = login_init,
	.free = login_free,
	.key = login_key,
	.draw = login_draw,
	.scan = login_scan,
	.typing = login_typing,
	.keys = login_keys,
};
