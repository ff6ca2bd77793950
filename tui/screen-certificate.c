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
#include "list.h"
#include "print-cases.h"
#include "print-promise.h"
#include "print-ui.h"
#include "promise-ui.h"
#include "request.h"
#include "../api/kiosk.h"
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
	struct list		 view;
	int			 reopened;	/* issued before: reprints only */
	char			*purpose;	/* a correction's, being asked */
};

static const struct keyhelp certview_keys[] = {
	{ N_("P"), N_("Print"), 1 },
	{ N_("R"), N_("Reprint"), 1 },
	{ N_("Esc"), N_("Back"), 1 },
	{ N_("V"), N_("Void it, with the reason (supervisor)"), 0 },
	{ N_("K"), N_("Correct its purpose, with the reason (supervisor)"),
	  0 },
	{ N_("G"), N_("Print the 告知承诺书 it was issued on (two copies)"),
	  0 },
	{ N_("S"), N_("Release it to the self-service terminal: the "
	  "resident prints it there once"), 0 },
	{ N_("Up/Down"), N_("Scroll the preview"), 0 },
	{ N_("PgDn/PgUp"), N_("Page the preview"), 0 },
	{ NULL, NULL, 0 }
};

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
		v->lines[v->nlines++] = utf8_sanitize(line, 0);
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
	preview(v);
	v->view.view = 1;
	list_count(&v->view, (int)v->nlines);
	if (v->reopened)
		app_hint(MSG_INFO, _("Issued before: %s. P records a "
		    "reprint and prints it, marked as such."), v->c->serial);
	else
		app_hint(MSG_INFO, _("Issued: %s. P prints it."),
		    v->c->serial);
}

static void
certview_free(struct screen *s)
{
	struct certview	*v = s->data;
	size_t		 i;

	for (i = 0; i < v->nlines; i++)
		free(v->lines[i]);
	free(v->lines);
	model_certificate_free(v->c);
	free(v->purpose);
	free(v);
}

/* P: the original, once; another copy is a reprint, recorded first. */
static void
print_original(struct certview *v)
{
	struct pdoc	*d = cases_paper_certificate(v->c, 0);

	if (print_ui_document(d, 0) != 0)
		app_hint(MSG_ERROR, "%s", _("This certificate was printed "
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

	if (app_signed_out(r))
		return;
	if (r->status != API_OK) {
		app_hint(MSG_ERROR, r->status == API_ERR_NETWORK ?
		    _("Not recorded, so not printed: the server cannot be "
		    "reached (%s) R again once the link is back.") : "%s",
		    r->message);
		return;
	}
	rp = r->model;
	v->c->reprints = rp->reprint_no;
	app_changed(RES_CERTIFICATE, v->c->id);
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
	struct request	*rq;

	if (request_refuse(v, 0))
		return;
	/* the same reprint again after a lost answer keeps its key */
	rq = request_new(v, 0, on_reprint, v);
	request_call(rq, api_certificate_reprint(app.api, v->c->id, text,
	    request_key(rq, text), request_reply, rq));
}

static void
ask_reason(struct certview *v)
{
	prompt_ask(&(struct prompt){ .title = _("Why print it again? "
	    "(recorded with the reprint)"), .max_chars = 200, .min_chars = 2,
	    .too_short = _("A reprint needs its reason, 2 to 200 "
	    "characters."), .done = reason_given, .arg = v });
}

/* The preview again, for the certificate as the server now has it. */
static void
replace_cert(struct certview *v, struct certificate *c)
{
	size_t	i;

	for (i = 0; i < v->nlines; i++)
		free(v->lines[i]);
	free(v->lines);
	v->lines = NULL;
	v->nlines = 0;
	model_certificate_free(v->c);
	v->c = c;
	preview(v);
	list_count(&v->view, (int)v->nlines);
	app_changed(RES_CERTIFICATE, c->id);
}

/* The answer to a void or a correction. */
static void
on_ruled(struct api_result *r, void *arg)
{
	struct certview	*v = arg;
	int		 corrected;

	if (app_signed_out(r))
		return;
	if (r->status != API_OK) {
		app_hint(MSG_ERROR, "%s", r->message);
		return;
	}
	corrected = ((struct certificate *)r->model)->corrections >
	    v->c->corrections;
	replace_cert(v, r->model);
	r->model = NULL;
	v->reopened = 0;	/* a corrected paper is a new original */
	if (corrected)
		app_hint(MSG_INFO, _("Corrected: %s is reissued, marked as "
		    "corrected; the old paper no longer verifies. P prints "
		    "it."), v->c->serial);
	else
		app_hint(MSG_INFO, _("Void: %s verifies as void from now on "
		    "and is not printed again."), v->c->serial);
}

static void
void_reason_given(const char *text, void *arg)
{
	struct certview	*v = arg;
	struct request	*rq;

	if (request_refuse(v, 0))
		return;
	rq = request_new(v, 0, on_ruled, v);
	request_call(rq, api_certificate_void(app.api, v->c->id, text,
	    request_key(rq, text), request_reply, rq));
}

static void
correction_reason_given(const char *text, void *arg)
{
	struct certview	*v = arg;
	struct request	*rq;
	char		*both;

	if (v->purpose == NULL || request_refuse(v, 0))
		return;
	both = xasprintf("%s\n%s", v->purpose, text);
	rq = request_new(v, 0, on_ruled, v);
	request_call(rq, api_certificate_correct(app.api, v->c->id,
	    v->purpose, text, request_key(rq, both), request_reply, rq));
	free(both);
}

static void
purpose_given(const char *text, void *arg)
{
	struct certview	*v = arg;

	free(v->purpose);
	v->purpose = xstrdup(text);
	prompt_ask(&(struct prompt){ .title = _("Reason for the correction "
	    "(kept with the certificate)"), .max_chars = 200,
	    .min_chars = 2, .too_short = _("A correction needs its reason, 2 "
	    "to 200 characters."), .done = correction_reason_given,
	    .arg = v });
}

/* V and K are the supervisor's; a clerk is told whom to ask. */
static int
may_rule(struct certview *v)
{
	const char	*role = app.session != NULL ? app.session->role : "";

	if (strcmp(role, "supervisor") != 0 && strcmp(role, "admin") != 0) {
		app_message(MSG_ERROR, "%s", _("Only the supervisor voids or "
		    "corrects a certificate: ask them to do it at their "
		    "counter."));
		return (0);
	}
	if (v->c->is_void) {
		app_message(MSG_ERROR, _("This certificate is void since %s: "
		    "nothing more can be done with it."), v->c->voided_on);
		return (0);
	}
	return (!request_refuse(v, 0));
}

/* V: void it, with the reason. */
static void
ask_void(struct certview *v)
{
	if (!may_rule(v))
		return;
	prompt_ask(&(struct prompt){ .title = _("Void this certificate: the "
	    "reason (it will verify as void)"), .max_chars = 200,
	    .min_chars = 2, .too_short = _("Voiding needs its reason, 2 to "
	    "200 characters."), .done = void_reason_given, .arg = v });
}

/* K: correct its purpose, then the reason. */
static void
ask_correction(struct certview *v)
{
	if (!may_rule(v))
		return;
	prompt_ask(&(struct prompt){ .title = _("Corrected purpose of the "
	    "certificate"), .max_chars = 100, .min_chars = 1,
	    .too_short = _("Type the purpose, up to 100 characters."),
	    .done = purpose_given, .arg = v });
}

static void
on_released(struct api_result *r, void *arg)
{
	struct certview	*v = arg;

	if (app_signed_out(r))
		return;
	if (r->status != API_OK) {
		app_hint(MSG_ERROR, "%s", r->message);
		return;
	}
	replace_cert(v, r->model);
	r->model = NULL;
	app_hint(MSG_INFO, _("Released: the resident may print %s once at "
	    "the self-service terminal, with the ID card and a pickup "
	    "code."), v->c->serial);
}

/* S: released to the self-service terminal (audited at the server). */
static void
release(struct certview *v)
{
	struct request	*rq;

	if (request_refuse(v, 0))
		return;
	rq = request_new(v, 0, on_released, v);
	request_call(rq, api_certificate_kiosk_release(app.api, v->c->id,
	    request_key(rq, "kiosk-release"), request_reply, rq));
}

/* A void certificate is never printed again. */
static int
refuse_void(struct certview *v)
{
	if (!v->c->is_void)
		return (0);
	app_message(MSG_ERROR, _("Not printed: this certificate is void "
	    "since %s (%s)."), v->c->voided_on, v->c->void_reason);
	return (1);
}

static int
certview_key(struct screen *s, int key)
{
	struct certview	*v = s->data;

	switch (key) {
	case 'v':
	case 'V':
		ask_void(v);
		return (1);
	case 'k':
	case 'K':
		ask_correction(v);
		return (1);
	case 'p':
	case 'P':
		if (refuse_void(v))
			;
		else if (!v->reopened)
			print_original(v);
		else if (!request_refuse(v, 0))
			ask_reason(v);	/* its original left with the resident */
		return (1);
	case 'r':
	case 'R':
		if (!refuse_void(v) && !request_refuse(v, 0))
			ask_reason(v);
		return (1);
	case 's':
	case 'S':
		if (!refuse_void(v))
			release(v);
		return (1);
	case 'g':
	case 'G':
		if (v->c->promise_id != 0)
			print_ui_offer(print_promise_certificate(v->c), NULL);
		else
			app_message(MSG_ERROR, "%s", _("This certificate was "
			    "not issued on a promise: there is no 告知承诺书 "
			    "to print."));
		return (1);
	}
	if (list_key(&v->view, key) == LIST_UNUSED)
		return (0);
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
	if (v->c->is_void) {
		snprintf(line, sizeof line, _("VOID since %s: %s"),
		    v->c->voided_on, v->c->void_reason);
		draw_text(y++, 1, line, cols - 2, STYLE_ERROR);
	} else if (v->c->corrections > 0) {
		snprintf(line, sizeof line, _("Corrected (%d times)"),
		    v->c->corrections);
		draw_text(y++, 1, line, cols - 2, STYLE_NORMAL);
	}
	if (v->c->promise_id != 0) {
		snprintf(line, sizeof line, _("On a promise (告知承诺), %s: "
		    "G prints the 告知承诺书."),
		    promise_ui_status(v->c->promise_status));
		draw_text(y++, 1, line, cols - 2, STYLE_NORMAL);
	}
	x = draw_text(y, 1, _("Preview"), cols - 2, STYLE_LABEL);
	draw_hline(y++, x + 2, cols - x - 3);
	x = w > PREVIEW_COLS ? (cols - PREVIEW_COLS) / 2 : 2;
	list_show(&v->view, top + rows - y);
	for (i = v->view.top; i < (int)v->nlines && y < top + rows; i++, y++)
		draw_text(y, x, v->lines[i], w, STYLE_NORMAL);
}

const struct screen_ops screen_certificate = {
	.name = "certificate",
	.title = N_("Certificate"),
	.init = certview_init,
	.free = certview_free,
	.key = certview_key,
	.draw = certview_draw,
	.keys = certview_keys,
};
