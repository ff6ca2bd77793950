/* The first login of an account made or reset by `bianmind admin`:
 * its one-time password is replaced by one the staff chooses, before
 * any other screen opens (the server refuses everything else until
 * then). */
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "keymap.h"
#include "keys.h"
#include "password.h"
#include "request.h"
#include "screen-login.h"
#include "tui.h"
#include "../forms/lineedit-draw.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

#define PASSWORD_MIN	8

enum { F_CURRENT, F_NEW, F_AGAIN, NFIELDS };

struct password {
	struct lineedit	 f[NFIELDS];
	int		 focus;
};

static const char *const labels[NFIELDS] = {
	N_("Password now"), N_("New password"), N_("New, again")
};

static const struct keyhelp password_keys[] = {
	{ N_("Enter"), N_("Next / change"), 1 },
	{ N_("F4"), N_("Log out"), 1 },
	{ NULL, NULL, 0 }
};

static void
password_init(struct screen *s, void *arg)
{
	struct password	*p = xcalloc(1, sizeof *p);
	int		 i;

	(void)arg;
	for (i = 0; i < NFIELDS; i++) {
		lineedit_init(&p->f[i], 128);
		p->f[i].secret = 1;
	}
	s->data = p;
	app_message(MSG_INFO, "%s", _("The administrator gave you this "
	    "password: choose your own to go on."));
}

static void
password_free(struct screen *s)
{
	struct password	*p = s->data;
	int		 i;

	for (i = 0; i < NFIELDS; i++)
		lineedit_free(&p->f[i]);
	free(p);
}

static void
on_changed(struct api_result *r, void *arg)
{
	struct password	*p = arg;
	int		 i;

	if (r->status != API_OK) {
		app_message(MSG_ERROR, "%s", r->nerrors > 0 ?
		    r->errors[0].message : r->message);
		for (i = F_NEW; i < NFIELDS; i++)
			lineedit_clear(&p->f[i]);
		p->focus = r->nerrors > 0 && strcmp(r->errors[0].field,
		    "current_password") == 0 ? F_CURRENT : F_NEW;
		return;
	}
	app.session->must_change_password = 0;
	app_message(MSG_INFO, "%s", _("Your password is changed."));
	login_landing();	/* frees this screen */
}

/* Checks what can be checked here, then asks the server. */
static void
submit(struct password *p)
{
	struct request	*rq;
	char		*v[NFIELDS];
	int		 i;

	for (i = 0; i < NFIELDS; i++)
		v[i] = lineedit_text(&p->f[i]);
	if (strcmp(v[F_NEW], v[F_AGAIN]) != 0) {
		app_message(MSG_ERROR, "%s", _("The two new passwords differ."));
		lineedit_clear(&p->f[F_AGAIN]);
		p->focus = F_AGAIN;
	} else if (utf8_chars(v[F_NEW]) < PASSWORD_MIN) {
		app_message(MSG_ERROR, _("The new password needs at least %d "
		    "characters."), PASSWORD_MIN);
		p->focus = F_NEW;
	} else {
		rq = request_new(p, 0, on_changed, p);
		request_call(rq, api_password_change(app.api, v[F_CURRENT],
		    v[F_NEW], request_reply, rq));
	}
	for (i = 0; i < NFIELDS; i++) {
		explicit_bzero(v[i], strlen(v[i]));
		free(v[i]);
	}
}

static int
password_key(struct screen *s, int key)
{
	struct password	*p = s->data;

	if (keymap_action(key) == ACT_QUIT)
		return (0);
	if (request_busy(p, 0))
		return (1);
	switch (key) {
	case TK_ENTER:
		if (p->f[p->focus].len == 0)
			break;
		if (p->focus == NFIELDS - 1)
			submit(p);
		else
			p->focus++;
		break;
	case TK_TAB:
	case TK_DOWN:
		p->focus = (p->focus + 1) % NFIELDS;
		break;
	case TK_BTAB:
	case TK_UP:
		p->focus = (p->focus + NFIELDS - 1) % NFIELDS;
		break;
	case TK_F(4):
		app_session_ended(_("Logged out."));
		return (1);
	default:
		keys_edit(&p->f[p->focus], key);
	}
	app_dirty();
	return (1);
}

static void
password_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct password	*p = s->data;
	const char	*title = _("Choose your own password");
	int		 i, y = top + (rows > 12 ? rows / 2 - 4 : 1), x, lw = 0;
	int		 cursor;

	for (i = 0; i < NFIELDS; i++) {
		if (text_width(_(labels[i])) > lw)
			lw = text_width(_(labels[i]));
	}
	x = (cols - (lw + 2 + 24)) / 2 > 1 ? (cols - (lw + 2 + 24)) / 2 : 1;
	draw_text(y, (cols - text_width(title)) / 2 > 0 ?
	    (cols - text_width(title)) / 2 : 0, title, cols, STYLE_TITLE);
	y += 2;
	*cy = -1;
	for (i = 0; i < NFIELDS; i++, y += 2) {
		draw_text_right(y, x + lw, _(labels[i]), lw, STYLE_LABEL);
		draw_text(y, x + lw, ":", 1, STYLE_LABEL);
		cursor = lineedit_draw(stdscr, &p->f[i], y, x + lw + 2, 24,
		    draw_attr(STYLE_FIELD));
		if (i == p->focus && !request_busy(p, 0)) {
			*cy = y;
			*cx = cursor;
		}
	}
}

/* A card scanned here is no password: the server takes nothing else
 * until the password is the staff's own. */
static int
password_scan(struct screen *s, const char *id)
{
	(void)s;
	(void)id;
	app_message(MSG_ERROR, "%s", _("Choose your own password first, "
	    "then scan the ID card."));
	return (1);
}

const struct screen_ops screen_password = {
	.name = "password",
	.title = N_("Choose your own password"),
	.scan = password_scan,
	.init = password_init,
	.free = password_free,
	.key = password_key,
	.draw = password_draw,
	.keys = password_keys,
};
