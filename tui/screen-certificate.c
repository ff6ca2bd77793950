/* An issued certificate: its serial and verification code, the paper as
 * it will print (a plain-text preview), printing it, and reprints, each
 * recorded at the server first and marked 补打 on paper. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "dialog-prompt.h"
#include "draw.h"
#include "keys.h"
#include "print-cases.h"
#include "print-ui.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../printing/doc.h"
#include "../printing/plain.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

#define PREVIEW_COLS	60

struct certview {
	struct certificate	*c;
	char			**lines;	/* the preview */
	size_t			 nlines;
	int			 top;
	struct api_call		*call;
	char			 key[33];	/* of the reprint being asked */
	char			*reason;	/* its reason, for a retry */
	int			 lost;
	int			 reopened;	/* issued before: reprints only */
};

static const struct keyhelp certview_keys[] = {
	{ N_("P"), N_("Print"), 1 },
	{ N_("R"), N_("Reprint"), 1 },
	{ N_("Esc"), N_("Back"), 1 },
	{ N_("Up/Down"), N_("Scroll the preview"), 0 },
	{ N_("PgDn/PgUp"), N_("Page the preview"), 0 },
	{ NULL, NULL, 0 }
};

static struct certview	*current;

/* The document as text, a line each, for the screen. */
static void
preview(struct certview *v)
{
	struct pdoc	*d = cases_paper_certificate(v->c, 0);
	struct buf	 b;
	char		*text, *line, *next, *cause = NULL;

	buf_init(&b);
	if (plain_render(d, PREVIEW_COLS, NULL, &b, &cause) != 0) {
		free(cause);
		buf_adds(&b, v->c->body);
	}
	pdoc_free(d);
	text = buf_steal(&b);
	for (line = text; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		v->lines = xreallocarray(v->lines, v->nlines + 1,
		    sizeof *v->lines);
		v->lines[v->nlines++] = text_sanitize(line, 0);
	}
	free(text);
}

static void
certview_init(struct screen *s, void *arg)
{
	struct certificate_open	*o = arg;
	struct certview		*v = xcalloc(1, sizeof *v);

	v->c = o->cert;
	o->cert = NULL;
	v->reopened = o->reopened;
	s->data = v;
	current = v;
	preview(v);
	if (v->reopened)
		app_message(MSG_INFO, _("Issued before: %s. P records a "
		    "reprint and prints it, marked as such."), v->c->serial);
	else
		app_message(MSG_INFO, _("Issued: %s. P prints it."),
		    v->c->serial);
}

static void
certview_free(struct screen *s)
{
	struct certview	*v = s->data;
	size_t		 i;

	if (current == v)
		current = NULL;
	if (v->call != NULL) {
		api_cancel(app.api, v->call);
		app_busy(-1);
	}
	for (i = 0; i < v->nlines; i++)
		free(v->lines[i]);
	free(v->lines);
	free(v->reason);
	model_certificate_free(v->c);
	free(v);
}

/* P: the original, once; another copy is a reprint, recorded first. */
static void
print_original(struct certview *v)
{
	struct pdoc	*d = cases_paper_certificate(v->c, 0);

	if (print_ui_document(d, 0) != 0)
		app_message(MSG_ERROR, "%s", _("This certificate was printed "
		    "already. R records a reprint and prints it, marked as "
		    "such."));
	pdoc_free(d);
}

static void
on_reprint(struct api_result *r, void *arg)
{
	struct certview	*v = arg;
	struct reprint	*rp;
	struct pdoc	*d;

	v->call = NULL;
	app_busy(-1);
	v->lost = r->status == API_ERR_NETWORK;
	if (r->status == API_ERR_AUTH) {
		app_session_ended(r->message);
		return;
	}
	if (r->status != API_OK) {
		app_message(MSG_ERROR, r->status == API_ERR_NETWORK ?
		    _("Not recorded, so not printed: the server cannot be "
		    "reached (%s) R again once the link is back.") : "%s",
		    r->message);
		return;
	}
	rp = r->model;
	v->c->reprints = rp->reprint_no;
	free(v->reason);
	v->reason = NULL;
	d = cases_paper_certificate(v->c, rp->reprint_no);
	if (print_ui_document(d, 0) != 0)
		app_message(MSG_ERROR, "%s", _("This reprint was printed "
		    "already: R records another."));
	pdoc_free(d);
}

static void
reason_given(const char *text, void *arg)
{
	struct certview	*v = arg;
	size_t		 n = utf8_chars(text);

	if (v != current || v->call != NULL)
		return;
	if (n < 2 || n > 200) {
		app_message(MSG_ERROR, "%s", _("A reprint needs its reason, "
		    "2 to 200 characters: nothing was recorded."));
		return;
	}
	/* the same reprint again after a lost answer keeps its key */
	if (v->reason == NULL || !v->lost || strcmp(v->reason, text) != 0)
		api_new_key(v->key);
	free(v->reason);
	v->reason = xstrdup(text);
	v->call = api_certificate_reprint(app.api, v->c->id, text, v->key,
	    on_reprint, v);
	app_busy(1);
}

static void
ask_reason(struct certview *v)
{
	struct prompt	p = { NULL, NULL, 200, NULL, reason_given, v };

	p.title = _("Why print it again? (recorded with the reprint)");
	app_push(&dialog_prompt, &p);
}

static int
certview_key(struct screen *s, int key)
{
	struct certview	*v = s->data;
	int		 page = LINES - 10 > 1 ? LINES - 10 : 1;

	current = v;
	switch (key) {
	case TK_ESC:
		if (v->call != NULL) {
			api_cancel(app.api, v->call);
			v->call = NULL;
			v->lost = 1;
			app_busy(-1);
			app_message(MSG_INFO, "%s", _("Cancelled."));
		} else
			app_pop();
		return (1);
	case 'p':
	case 'P':
		if (!v->reopened)
			print_original(v);
		else if (v->call == NULL)
			ask_reason(v);	/* its original left with the resident */
		return (1);
	case 'r':
	case 'R':
		if (v->call == NULL)
			ask_reason(v);
		return (1);
	case TK_UP:
	case TK_PGUP:
		v->top -= key == TK_UP ? 1 : page;
		if (v->top < 0)
			v->top = 0;
		break;
	case TK_DOWN:
	case TK_PGDN:
		v->top += key == TK_DOWN ? 1 : page;
		if (v->top > (int)v->nlines - 1)
			v->top = v->nlines > 0 ? (int)v->nlines - 1 : 0;
		break;
	default:
		return (0);
	}
	app_dirty();
	return (1);
}

static void
certview_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct certview	*v = s->data;
	char		 line[512];
	int		 y = top, x, i, w = cols - 4;

	*cy = *cx = -1;
	snprintf(line, sizeof line, "%s  %s", v->c->title, v->c->serial);
	draw_text(y++, 1, line, cols - 2, STYLE_TITLE);
	snprintf(line, sizeof line, _("Verification code %.4s %s   valid "
	    "until %s   reprints %d"), v->c->verify_code,
	    strlen(v->c->verify_code) > 4 ? v->c->verify_code + 4 : "",
	    v->c->valid_until, v->c->reprints);
	draw_text(y++, 1, line, cols - 2, STYLE_NORMAL);
	x = draw_text(y, 1, _("Preview"), cols - 2, STYLE_LABEL);
	draw_hline(y++, x + 2, cols - x - 3);
	x = w > PREVIEW_COLS ? (cols - PREVIEW_COLS) / 2 : 2;
	for (i = v->top; i < (int)v->nlines && y < top + rows; i++, y++)
		draw_text(y, x, v->lines[i], w, STYLE_NORMAL);
}

const struct screen_ops screen_certificate = {
	.name = "certificate",
	.init = certview_init,
	.free = certview_free,
	.key = certview_key,
	.draw = certview_draw,
	.keys = certview_keys,
};
