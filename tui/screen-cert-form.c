/* A certificate's own fields (the type's template fields, through the
 * form engine) and its purpose; what the record holds the server fills
 * in. F9 asks once, then issues: online only, never queued, and a retry
 * after a lost answer cannot issue twice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cases.h"
#include "draw.h"
#include "form-ui.h"
#include "form-view.h"
#include "keys.h"
#include "request.h"
#include "tui.h"
#include "../forms/form.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

struct certform {
	struct formscr	 fs;		/* what the form view draws */
	long long	 type_id;
	char		*type_name;
	char		*type_code;
};

static const struct keyhelp certform_keys[] = {
	{ N_("F9"), N_("Issue the certificate"), 1 },
	{ N_("Tab/Enter"), N_("Next field"), 1 },
	{ N_("Esc"), N_("Close"), 1 },
	{ N_("1-9"), N_("Choose that option (on a choice)"), 0 },
	{ N_("Space"), N_("Open the choices"), 0 },
	{ N_("Shift-Tab/Up"), N_("Previous field"), 0 },
	{ N_("Ctrl-S"), N_("Issue the certificate"), 0 },
	{ NULL, NULL, 0 }
};

/* The template's fields and a purpose field (default: the type's), as
 * a form schema of one section. */
static cJSON *
schema_of(const struct cert_type *t)
{
	cJSON	*form = cJSON_CreateObject(), *sec, *fields, *p;

	cJSON_AddNumberToObject(form, "version", 1);
	sec = cJSON_CreateObject();
	cJSON_AddItemToArray(cJSON_AddArrayToObject(form, "sections"), sec);
	cJSON_AddStringToObject(sec, "title", t->name);
	fields = cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(
	    t->template, "fields"), 1);
	cJSON_AddItemToObject(sec, "fields", fields);
	p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "name", "purpose");
	cJSON_AddStringToObject(p, "label", _("Purpose"));
	cJSON_AddStringToObject(p, "type", "text");
	cJSON_AddBoolToObject(p, "required", 1);
	cJSON_AddNumberToObject(p, "max_length", 100);
	if (*t->purpose != '\0')
		cJSON_AddStringToObject(p, "default", t->purpose);
	cJSON_AddItemToArray(fields, p);
	return (form);
}

/* A choice of a few options shows them numbered, so one digit picks. */
static void
number_options(struct form *fm)
{
	struct form_field	*f;
	struct buf		 b;
	size_t			 i, k;

	for (i = 0; i < fm->nfields; i++) {
		f = &fm->fields[i];
		if (f->type != FT_SELECT || f->noptions > 9 || *f->help != '\0')
			continue;
		buf_init(&b);
		for (k = 0; k < f->noptions; k++)
			buf_printf(&b, "%s%zu %s", k > 0 ? "   " : "", k + 1,
			    form_ui_option_label(&f->options[k]));
		free(f->help);
		f->help = buf_steal(&b);
	}
}

static int
build(struct certform *cf, const struct cert_type *t)
{
	cJSON	*schema = schema_of(t);
	char	*cause = NULL;
	size_t	 i;

	cf->fs.fm = form_load(schema, NULL, &cause);
	cJSON_Delete(schema);
	if (cf->fs.fm == NULL) {
		app_message(MSG_ERROR, _("This certificate's fields cannot be "
		    "shown (%s). Call support."), cause);
		free(cause);
		return (-1);
	}
	number_options(cf->fs.fm);
	cf->fs.stops = xcalloc(cf->fs.fm->nfields + 1, sizeof *cf->fs.stops);
	for (i = 0; i < cf->fs.fm->nfields; i++) {
		cf->fs.stops[i].field = (int)i;
		cf->fs.stops[i].material = -1;
	}
	cf->fs.nstops = (int)cf->fs.fm->nfields;
	for (i = 0; i < cf->fs.fm->nfields; i++) {
		if (form_field_empty(&cf->fs.fm->fields[i]))
			break;
	}
	cf->fs.focus = i < cf->fs.fm->nfields ? (int)i : 0;
	return (0);
}

static void
certform_init(struct screen *s, void *arg)
{
	struct cert_form_open	*o = arg;
	struct certform		*cf = xcalloc(1, sizeof *cf);

	s->data = cf;
	cf->type_id = o->type->id;
	cf->type_name = xstrdup(o->type->name);
	cf->type_code = xstrdup(o->type->code);
	cf->fs.title = xstrdup(o->type->name);
	cf->fs.resident_id = o->resident_id;
	cf->fs.resident_name = xstrdup(o->resident_name);
	cf->fs.broken = build(cf, o->type) != 0;
}

static void
certform_free(struct screen *s)
{
	struct certform	*cf = s->data;

	form_free(cf->fs.fm);
	free(cf->fs.stops);
	free(cf->fs.title);
	free(cf->fs.resident_name);
	free(cf->type_name);
	free(cf->type_code);
	free(cf);
}

static struct form_field *
focused(struct certform *cf)
{
	return (&cf->fs.fm->fields[cf->fs.stops[cf->fs.focus].field]);
}

static void
move_focus(struct certform *cf, int to)
{
	form_check_field(cf->fs.fm, focused(cf), time(NULL));
	cf->fs.focus = (to + cf->fs.nstops) % cf->fs.nstops;
}

/* A 403 is the role; a validation error goes beside its field. */
static void
refused(struct certform *cf, struct api_result *r)
{
	const char		*fields[64] = { NULL }, *messages[64] = { NULL };
	size_t			 n;
	struct problem_ext	*e;

	if (r->http_status == 403) {
		app_message(MSG_ERROR, "%s", _("The server refused: your role "
		    "may not issue certificates. A counter clerk issues "
		    "them."));
		return;
	}
	if (strcmp(r->problem, "certificate-not-issued") == 0) {
		e = problem_ext_parse(r->problem_json);
		app_message(MSG_ERROR, _("Not issued: %s Basis: %s"),
		    r->message, e->basis);
		problem_ext_free(e);
		return;
	}
	for (n = 0; n < r->nerrors && n < 64; n++) {
		fields[n] = r->errors[n].field;
		messages[n] = r->errors[n].message;
	}
	form_apply_errors(cf->fs.fm, fields, messages, n);
	if (n > 0)
		app_message(MSG_ERROR, "%s: %s", r->message,
		    r->errors[0].message);
	else
		app_message(MSG_ERROR, "%s", r->message);
}

static void
on_issued(struct api_result *r, void *arg)
{
	struct certform		*cf = arg;
	struct certificate_open	 o;

	if (r->status == API_ERR_AUTH) {
		app_session_ended(r->message);
		return;
	}
	if (r->status == API_ERR_NETWORK) {
		/* the essentials first: the message line is one line */
		app_message(MSG_ERROR, "%s", _("Not issued (online only, and "
		    "the server cannot be reached): F9 again when it is "
		    "back."));
		return;
	}
	if (r->status != API_OK) {
		refused(cf, r);
		return;
	}
	memset(&o, 0, sizeof o);
	o.cert = r->model;
	r->model = NULL;
	app_changed(RES_CERTIFICATE, o.cert->id);
	app_pop();	/* frees cf */
	app_push(&screen_certificate, &o);
	model_certificate_free(o.cert);
}

/* The purpose goes beside the data, the other fields into it. */
static void
issue(struct certform *cf)
{
	struct form_field	*p = form_field(cf->fs.fm, "purpose");
	cJSON			*data = form_data(cf->fs.fm), *req;
	struct request		*rq;
	char			*purpose, *text;

	cJSON_DeleteItemFromObjectCaseSensitive(data, "purpose");
	purpose = lineedit_text(&p->edit);
	req = cJSON_CreateObject();
	cJSON_AddStringToObject(req, "purpose", purpose);
	cJSON_AddItemToObject(req, "data", cJSON_Duplicate(data, 1));
	if ((text = cJSON_PrintUnformatted(req)) == NULL)
		fatal("out of memory printing JSON");
	cJSON_Delete(req);
	rq = request_new(cf, 0, on_issued, cf);
	request_call(rq, api_certificate_issue(app.api, cf->type_id,
	    cf->fs.resident_id, purpose, data, request_key(rq, text),
	    request_reply, rq));
	free(text);
	free(purpose);
	app_message(MSG_INFO, "%s", _("Issuing..."));
}

static void
confirmed(void *arg)
{
	if (!request_busy(arg, 0))
		issue(arg);
}

static void
ask_issue(struct certform *cf)
{
	char	q[256];
	int	bad, i;

	form_check_field(cf->fs.fm, focused(cf), time(NULL));
	if ((bad = form_check(cf->fs.fm, time(NULL))) >= 0) {
		for (i = 0; i < cf->fs.nstops; i++) {
			if (cf->fs.stops[i].field == bad)
				cf->fs.focus = i;
		}
		app_message(MSG_ERROR, "%s", _("Some fields need attention: "
		    "see the red lines."));
		return;
	}
	snprintf(q, sizeof q, _("Issue %s for %s?"), cf->type_name,
	    cf->fs.resident_name);
	confirm_ask(q, confirmed, cf);
}

static void
chosen(void *arg)
{
	struct certform	*cf = arg;

	form_check_field(cf->fs.fm, focused(cf), time(NULL));
	app_dirty();
}

/* A choice: a digit picks that option and moves on; Space, F4 or a
 * letter opens the list. */
static int
choice_key(struct certform *cf, int key)
{
	struct form_field	*f = focused(cf);

	if (key >= '1' && key <= '9' && (size_t)(key - '1') < f->noptions) {
		f->choice = key - '1';
		f->origin = ORIGIN_TYPED;
		cf->fs.modified = 1;
		move_focus(cf, cf->fs.focus + 1);
		return (1);
	}
	if (key != ' ' && key != TK_F(4) && (TK_IS_CODE(key) || key <= ' '))
		return (0);
	cf->fs.modified = 1;
	form_ui_choose(f, form_ui_label(f), key != ' ' && key != TK_F(4) ?
	    key : 0, chosen, cf);
	return (1);
}

static int
edit_key(struct certform *cf, int key)
{
	struct form_field	*f = focused(cf);

	if (f->type == FT_SELECT || f->type == FT_MULTISELECT)
		return (choice_key(cf, key));
	if (f->type == FT_CHECKBOX) {
		if (key != ' ')
			return (0);
		f->checked = !f->checked;
		f->origin = ORIGIN_TYPED;
		cf->fs.modified = 1;
		return (1);
	}
	if (!TK_IS_CODE(key) && key >= ' ' &&
	    !form_accepts(f, (uint32_t)(key & ~TK_PASTED)))
		return (1);	/* refused quietly: the field's filter */
	if (!keys_edit(&f->edit, key))
		return (0);
	f->origin = ORIGIN_TYPED;
	cf->fs.modified = 1;
	return (1);
}

static void
discard(void *arg)
{
	(void)arg;
	app_pop();
}

static void
ask_close(struct certform *cf)
{
	if (!cf->fs.modified)
		app_pop();
	else
		confirm_ask(_("Throw away what was typed for this "
		    "certificate?"), discard, cf);
}

static int
certform_key(struct screen *s, int key)
{
	struct certform	*cf = s->data;

	if (cf->fs.broken || request_busy(cf, 0)) {
		if (key == TK_ESC && request_cancel(cf, 0)) {
			/* it may have been issued: the same key again */
			app_message(MSG_INFO, "%s", _("Cancelled: F9 asks "
			    "again; it cannot issue twice."));
		} else if (key == TK_ESC)
			app_pop();
		return (1);
	}
	switch (key) {
	case TK_TAB:
	case TK_DOWN:
	case TK_ENTER:
		move_focus(cf, cf->fs.focus + 1);
		break;
	case TK_BTAB:
	case TK_UP:
		move_focus(cf, cf->fs.focus - 1);
		break;
	case TK_F(9):
	case TK_CTRL('s'):
		ask_issue(cf);
		return (1);
	case TK_ESC:
		ask_close(cf);
		return (1);
	default:
		if (!edit_key(cf, key))
			return (0);
	}
	app_dirty();
	return (1);
}

/* A card scanned into a focused ID number field fills it, as typed
 * and Enter. */
static int
certform_scan(struct screen *s, const char *id)
{
	struct certform	*cf = s->data;

	if (cf->fs.broken || focused(cf)->type != FT_ID_NUMBER)
		return (0);
	form_set_text(focused(cf), id, ORIGIN_TYPED);
	cf->fs.modified = 1;
	move_focus(cf, cf->fs.focus + 1);
	return (1);
}

static void
certform_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct certform	*cf = s->data;

	*cy = *cx = -1;
	if (cf->fs.broken)
		return;
	draw_text(top + rows - 1, 1, _("Name, sex, ID number, address and "
	    "community come from the record."), cols - 2, STYLE_DIM);
	form_view_draw(&cf->fs, top, rows - 1, cols, cy, cx);
	if (request_busy(cf, 0))
		*cy = *cx = -1;
}

const struct screen_ops screen_cert_form = {
	.name = "certificate-form",
	.title = N_("Certificate form"),
	.init = certform_init,
	.free = certform_free,
	.key = certform_key,
	.draw = certform_draw,
	.scan = certform_scan,
	.keys = certform_keys,
};
