/* A service's form: edit, check, keep a draft, submit the application. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "case-labels.h"
#include "cases.h"
#include "dialog-choose.h"
#include "dialog-prompt.h"
#include "form-ui.h"
#include "form-view.h"
#include "keys.h"
#include "labels.h"
#include "promise-ui.h"
#include "request.h"
#include "resident-form.h"
#include "screen-form.h"
#include "tui.h"
#include "../forms/draft.h"
#include "../forms/idnum.h"
#include "../forms/schema.h"
#include "../forms/validate.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/buf.h"
#include "../util/paths.h"
#include "../util/utf8.h"
#include "../util/xmalloc.h"

/* Request slots: the outbox's answer, the applicant looked up, whether
 * the applicant may promise (告知承诺), the fee they will owe. */
enum { SLOT_SENT, SLOT_APPLICANT, SLOT_PROMISE, SLOT_FEE };

static const struct keyhelp form_keys[] = {
	{ N_("F9"), N_("Submit"), 1 },
	{ N_("Enter"), N_("Next field to fill"), 1 },
	{ N_("Tab"), N_("Next field"), 0 },
	{ N_("Ctrl-R"), N_("All required materials received"), 1 },
	{ N_("D"), N_("On a material: taken 容缺, brought later"), 0 },
	{ N_("C"), N_("On a material: the resident's written promise "
	  "instead (告知承诺)"), 0 },
	{ N_("Esc"), N_("Close"), 1 },
	{ N_("Shift-Tab/Up"), N_("Previous field"), 0 },
	{ N_("Space"), N_("Tick, or open the choices"), 0 },
	{ N_("F4"), N_("Open the choices"), 0 },
	{ N_("Ctrl-S"), N_("Submit"), 0 },
	{ N_("Ctrl-V"), N_("Type a character by its code (e.g. 4DB5)"), 0 },
	{ N_("Ctrl-O"), N_("Keep a credit code that fails its check"), 0 },
	{ N_("PgDn/PgUp"), N_("Next / previous page"), 0 },
	{ NULL, NULL, 0 }
};

static struct form_field *
focused(struct formscr *fs)
{
	return (&fs->fm->fields[fs->stops[fs->focus].field]);
}

static void
build_stops(struct formscr *fs)
{
	struct form	*fm = fs->fm;
	size_t		 i, m;

	fs->stops = xcalloc(fm->nfields + fm->nmaterials + 1,
	    sizeof *fs->stops);
	for (i = 0; i < fm->nfields; i++) {
		if (fm->fields[i].type != FT_MATERIALS) {
			fs->stops[fs->nstops].field = (int)i;
			fs->stops[fs->nstops++].material = -1;
			continue;
		}
		for (m = 0; m < fm->nmaterials; m++) {
			fs->stops[fs->nstops].field = (int)i;
			fs->stops[fs->nstops++].material = (int)m;
		}
	}
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

/* Pre-fills from the resident; those values are marked as the record's. */
static void
prefill(struct formscr *fs, const cJSON *values)
{
	const cJSON	*v;
	size_t		 i;

	for (i = 0; values != NULL && i < fs->fm->nfields; i++) {
		struct form_field	*f = &fs->fm->fields[i];

		if (*f->prefill == '\0')
			continue;
		v = cJSON_GetObjectItemCaseSensitive(values, f->prefill);
		if (cJSON_IsString(v) && *v->valuestring != '\0')
			form_set_text(f, v->valuestring, ORIGIN_RECORD);
	}
}

/* Writes the draft now; a failure is said, never hidden. */
static void
save_draft(struct formscr *fs)
{
	cJSON	*doc;
	char	*dir;

	if (!fs->modified || fs->submitted || fs->broken ||
	    fs->submit != NULL)
		return;
	doc = draft_values(fs->fm);
	cJSON_AddItemToObject(doc, "service", cJSON_Duplicate(fs->service,
	    1));
	cJSON_AddNumberToObject(doc, "resident_id", (double)fs->resident_id);
	cJSON_AddStringToObject(doc, "resident_name", fs->resident_name);
	cJSON_AddStringToObject(doc, "idempotency_key", fs->key);
	cJSON_AddNumberToObject(doc, "saved_at", (double)time(NULL));
	if ((dir = paths_state("drafts")) == NULL ||
	    draft_write(dir, fs->draft_key, doc) != 0)
		app_message(MSG_ERROR, "%s", _("The draft could not be saved: "
		    "the disk may be full. Do not leave this form."));
	free(dir);
	cJSON_Delete(doc);
}

static void
drop_draft(struct formscr *fs)
{
	char	*dir = paths_state("drafts");

	if (dir != NULL)
		draft_remove(dir, fs->draft_key);
	free(dir);
}

static int
load(struct formscr *fs, struct form_open *o)
{
	const cJSON	*sv = fs->service;
	const char	*key;
	char		*cause = NULL;

	fs->fm = form_load(cJSON_GetObjectItemCaseSensitive(sv, "form"),
	    cJSON_GetObjectItemCaseSensitive(sv, "materials"), &cause);
	if (fs->fm == NULL) {
		app_message(MSG_ERROR, _("This service's form cannot be "
		    "shown (%s). Call support."), cause);
		free(cause);
		return (-1);
	}
	prefill(fs, o->prefill);
	number_options(fs->fm);
	if (o->draft != NULL) {
		draft_restore(fs->fm, o->draft);
		fs->modified = 1;
	}
	key = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o->draft,
	    "idempotency_key"));
	if (key != NULL && strlen(key) == 32)
		memcpy(fs->key, key, 33);
	else
		api_new_key(fs->key);
	build_stops(fs);
	return (0);
}

/* The first field the clerk has to fill: what the record and the
 * defaults filled is skipped, so typing starts where data is missing. */
static int
first_to_fill(struct formscr *fs)
{
	struct form_field	*f;
	int			 i;

	for (i = 0; i < fs->nstops; i++) {
		f = &fs->fm->fields[fs->stops[i].field];
		if (f->type != FT_MATERIALS && form_field_empty(f))
			return (i);
	}
	return (0);
}

/* An application's form: the fee the resident will owe, asked again
 * when a field it follows changes (form-fee.c). */
static void
ask_fee(struct formscr *fs)
{
	if (!fs->broken && fs->submit == NULL)
		form_fee_update(&fs->fee, fs, SLOT_FEE, fs->service, fs->fm,
		    fs->resident_id);
}

static void
fscr_init(struct screen *s, void *arg)
{
	struct form_open	*o = arg;
	struct formscr		*fs = xcalloc(1, sizeof *fs);
	const char		*name;

	s->data = fs;
	fs->service = o->service;
	o->service = NULL;
	fs->service_id = (long long)cJSON_GetNumberValue(
	    cJSON_GetObjectItemCaseSensitive(fs->service, "id"));
	fs->resident_id = o->resident_id;
	fs->resident_name = utf8_sanitize(o->resident_name != NULL ?
	    o->resident_name : "", 0);
	name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
	    fs->service, "name"));
	fs->title = utf8_sanitize(name != NULL ? name : "", 0);
	fs->draft_key = xasprintf("%lld-%lld", fs->service_id,
	    fs->resident_id);
	fs->submit = o->submit;
	fs->submit_arg = o->submit_arg;
	fs->submit_free = o->submit_free;
	fs->note = o->note != NULL ? xstrdup(o->note) : NULL;
	fs->broken = load(fs, o) != 0;
	if (!fs->broken)
		fs->focus = first_to_fill(fs);
	ask_fee(fs);
}

static void
fscr_free(struct screen *s)
{
	struct formscr	*fs = s->data;

	save_draft(fs);
	if (fs->submit_free != NULL)
		fs->submit_free(fs->submit_arg);
	form_free(fs->fm);
	cJSON_Delete(fs->service);
	free(fs->stops);
	free(fs->title);
	free(fs->resident_name);
	free(fs->draft_key);
	free(fs->note);
	form_fee_clear(&fs->fee);
	promise_ui_clear(&fs->promise);
	free(fs);
}

static void
fscr_save(struct screen *s)
{
	save_draft(s->data);
}

/* Leaving a field: check it, derive from an ID number, keep a draft. */
static void
leave_field(struct formscr *fs)
{
	struct form_field	*f = focused(fs);
	time_t			 now = time(NULL);

	if (form_check_field(fs->fm, f, now) == 0 && f->type == FT_ID_NUMBER)
		form_derive_from_id(fs->fm, f, now);
	save_draft(fs);
}

static void
move_focus(struct formscr *fs, int to)
{
	if (fs->nstops == 0)
		return;
	if (fs->stops[fs->focus].field != fs->stops[(to + fs->nstops) %
	    fs->nstops].field)
		leave_field(fs);
	fs->focus = (to + fs->nstops) % fs->nstops;
}

/* Whether stop i still wants something from the clerk: an error, a
 * required value, a required material or tick not given. */
static int
needs(struct formscr *fs, int i)
{
	struct form_field	*f = &fs->fm->fields[fs->stops[i].field];
	int			 m = fs->stops[i].material;

	if (m >= 0)
		return (fs->fm->materials[m].required &&
		    !fs->fm->materials[m].received &&
		    !fs->fm->materials[m].deferred &&
		    !fs->fm->materials[m].promised);
	if (f->error != NULL)
		return (1);
	if (f->type == FT_MATERIALS || !f->required)
		return (0);
	return (form_field_empty(f));
}

/* Enter: on to the next stop that wants something, past what the
 * record and the defaults filled; a field just typed wrong keeps the
 * focus. */
static void
next_needed(struct formscr *fs)
{
	int	i, k;

	leave_field(fs);
	if (focused(fs)->error != NULL && fs->stops[fs->focus].material < 0)
		return;
	for (k = 1; k < fs->nstops; k++) {
		i = (fs->focus + k) % fs->nstops;
		if (needs(fs, i)) {
			move_focus(fs, i);
			return;
		}
	}
	app_message(MSG_INFO, "%s", _("Everything is filled in: F9 "
	    "submits."));
}

/* Ctrl-R: the resident brought what the service requires. */
static void
all_received(struct formscr *fs)
{
	size_t	i;
	int	n = 0;

	for (i = 0; i < fs->fm->nmaterials; i++) {
		if (fs->fm->materials[i].required &&
		    !fs->fm->materials[i].received &&
		    !fs->fm->materials[i].deferred &&
		    !fs->fm->materials[i].promised) {
			fs->fm->materials[i].received = 1;
			n++;
		}
	}
	if (n > 0)
		fs->modified = 1;
	app_message(MSG_INFO, "%s", _("Every required material is ticked "
	    "as received."));
}

/* The label of the outbox item, for the clerk's outbox screen. */
static char *
item_label(struct formscr *fs)
{
	const char	*txcode = cJSON_GetStringValue(
			    cJSON_GetObjectItemCaseSensitive(fs->service,
			    "txcode"));

	return (xasprintf("%s %s - %s", txcode != NULL ? txcode : "",
	    fs->title, fs->resident_name));
}

/* The materials taken 容缺 as the server will show them, with no date
 * yet: the server sets it. */
static void
deferred_known(struct formscr *fs, cJSON *a)
{
	cJSON	*list = cJSON_AddArrayToObject(a, "deferred"), *o;
	size_t	 i;

	for (i = 0; i < fs->fm->nmaterials; i++) {
		if (!fs->fm->materials[i].deferred)
			continue;
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", fs->fm->materials[i].name);
		cJSON_AddStringToObject(o, "due_date", "");
		cJSON_AddNullToObject(o, "received_at");
		cJSON_AddItemToArray(list, o);
	}
}

/* The proofs replaced by a promise as the server will show them. */
static void
promises_known(struct formscr *fs, cJSON *a)
{
	cJSON	*list = cJSON_AddArrayToObject(a, "promises"), *o;
	size_t	 i;

	for (i = 0; i < fs->fm->nmaterials; i++) {
		if (!fs->fm->materials[i].promised)
			continue;
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "matter", fs->fm->materials[i].name);
		cJSON_AddStringToObject(o, "status", "unchecked");
		cJSON_AddItemToArray(list, o);
	}
}

/* What the form knows of its application, for a slip printed before
 * the server has answered. */
static cJSON *
known_application(struct formscr *fs)
{
	cJSON		*a = cJSON_CreateObject(), *o;
	const char	*txcode = cJSON_GetStringValue(
			    cJSON_GetObjectItemCaseSensitive(fs->service,
			    "txcode"));
	char		*id = NULL;
	size_t		 i;

	o = cJSON_AddObjectToObject(a, "service");
	cJSON_AddStringToObject(o, "name", fs->title);
	cJSON_AddStringToObject(o, "txcode", txcode != NULL ? txcode : "");
	o = cJSON_AddObjectToObject(a, "resident");
	cJSON_AddStringToObject(o, "name", fs->resident_name);
	for (i = 0; i < fs->fm->nfields && id == NULL; i++) {
		if (strcmp(fs->fm->fields[i].prefill, "id_number") == 0)
			id = form_value_text(&fs->fm->fields[i]);
	}
	if (id != NULL && strchr(id, '*') == NULL) {
		char	*m = idnum_mask(id);

		free(id);
		id = m;
	}
	cJSON_AddStringToObject(o, "id_number_masked", id != NULL ? id : "");
	free(id);
	cJSON_AddItemToObject(a, "materials", form_materials_json(fs->fm));
	deferred_known(fs, a);
	promises_known(fs, a);
	return (a);
}

/* Replaces the form by the result: the server's application when it
 * answered, else what is known, under the outbox's local reference. */
static void
show_result(struct formscr *fs, const struct outbox_item *done,
    long long local_ref)
{
	struct result_open	o;

	memset(&o, 0, sizeof o);
	if (done != NULL)
		o.application = cJSON_Parse(done->result);
	if (o.application == NULL) {
		o.application = known_application(fs);
		o.local_ref = local_ref;
	}
	app_pop();	/* frees fs */
	app_push(&screen_result, &o);
	cJSON_Delete(o.application);
}

void
form_ui_done(struct formscr *fs)
{
	fs->modified = 0;	/* what it held is where it belongs */
	app_pop();
}

void
form_ui_sending(struct formscr *fs, int on)
{
	fs->sending = on;
	app_dirty();
}

void
form_ui_errors(struct formscr *fs, const struct api_result *r)
{
	const char	*fields[64], *messages[64];
	size_t		 n;
	int		 i;

	for (n = 0; n < r->nerrors && n < 64; n++) {
		fields[n] = r->errors[n].field;
		messages[n] = r->errors[n].message;
	}
	form_apply_errors(fs->fm, fields, messages, n);
	for (i = 0; i < fs->nstops; i++) {
		if (fs->fm->fields[fs->stops[i].field].error != NULL) {
			fs->focus = i;
			break;
		}
	}
	app_message(MSG_ERROR, "%s", r->message);
}

static void
open_existing(void *arg)
{
	struct application_open	o = { *(long long *)arg, NULL };

	app_push(cases_may_act() ? &screen_application :
	    &screen_application_ro, &o);
}

/* The resident has this service open already (409 application-open):
 * the application it is, and Enter opens it. */
static void
already_open(struct formscr *fs, const struct api_result *r)
{
	const cJSON	*j = r->problem_json;
	const char	*number, *status;
	long long	*id = xmalloc(sizeof *id);
	char		 q[256];

	*id = (long long)cJSON_GetNumberValue(
	    cJSON_GetObjectItemCaseSensitive(j, "existing_id"));
	number = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j,
	    "existing_number"));
	status = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j,
	    "existing_status"));
	snprintf(q, sizeof q, _("%s has %s open already: %s, %s. Open it?"),
	    fs->resident_name, fs->title, number != NULL ? number : "?",
	    label_app_status(status != NULL ? status : ""));
	app_message(MSG_ERROR, "%s", q);
	confirm_ask_free(q, open_existing, id, free);
}

/* The applicant has died (confirmed) or moved out (422
 * resident-inactive): said plainly, the form kept as typed. */
static void
inactive(struct formscr *fs, const struct api_result *r)
{
	const char	*status, *since;
	char		*day;

	status = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
	    r->problem_json, "resident_status"));
	since = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
	    r->problem_json, "since"));
	day = utf8_sanitize(since != NULL ? since : "?", 0);
	if (status != NULL && strcmp(status, "deceased") == 0)
		app_message(MSG_ERROR, _("Refused: %s died %s (confirmed)."),
		    fs->resident_name, day);
	else if (status != NULL && strcmp(status, "moved_out") == 0)
		app_message(MSG_ERROR, _("Refused: %s moved out %s."),
		    fs->resident_name, day);
	else
		app_message(MSG_ERROR, "%s", r->message);
	free(day);
}

int
form_outbox_event(struct screen *s, enum sender_event ev,
    const struct outbox_item *it, const struct api_result *r)
{
	struct formscr	*fs = s->data;

	if (s->ops != &screen_form || fs->outbox_id != it->id)
		return (0);
	fs->outbox_id = 0;
	request_done(fs, SLOT_SENT);
	if (ev == SENDER_DONE || ev == SENDER_WAITING) {
		/* accepted, or safe in the outbox: the form is done, and
		 * what to print comes next */
		app_message(MSG_INFO, NULL);
		show_result(fs, ev == SENDER_DONE ? it : NULL, it->id);
		return (1);
	}
	if (ev != SENDER_FAILED) {
		app_pop();
		return (0);	/* the shell says what happened */
	}
	/* refused: nothing was stored, so the same key may carry the
	 * corrected form; the refused copy goes */
	outbox_discard(app.outbox, it->id);
	app_outbox_changed();
	fs->submitted = 0;
	if (strcmp(r->problem, "application-open") == 0)
		already_open(fs, r);
	else if (strcmp(r->problem, "resident-inactive") == 0)
		inactive(fs, r);
	else if (!promise_ui_refused(&fs->promise, r))
		form_ui_errors(fs, r);
	return (1);
}

/* Saves the submission in the outbox (on disk, with its key) before
 * anything is sent; the sender takes it from there. */
static void
queue(struct formscr *fs)
{
	char		*body, *label, *cause = NULL;
	long long	 id;

	if (app.outbox == NULL) {
		app_message(MSG_ERROR, "%s", _("No local database: the "
		    "submission cannot be kept safe, so it is not sent."));
		return;
	}
	body = api_application_body(&(struct app_new){ fs->service_id,
	    fs->resident_id, form_data(fs->fm), form_materials_json(fs->fm),
	    form_deferred_json(fs->fm), form_promised_json(fs->fm) });
	label = item_label(fs);
	id = outbox_add(app.outbox, app.session->username, "POST",
	    "/api/v1/applications", body, fs->key, label, &cause);
	explicit_bzero(body, strlen(body));
	free(body);
	free(label);
	if (id < 0) {
		app_message(MSG_ERROR, _("Not saved (%s): nothing was sent; "
		    "the form stays open."), cause);
		free(cause);
		return;
	}
	if (id == 0) {
		app_message(MSG_ERROR, _("The outbox is full (%d waiting): "
		    "nothing was saved. Send or clear the outbox first (F8)."),
		    OUTBOX_CAP);
		return;
	}
	fs->submitted = 1;
	fs->outbox_id = id;
	drop_draft(fs);
	app_outbox_changed();
	app_message(MSG_INFO, "%s", _("Saved. Sending..."));
	request_wait(fs, SLOT_SENT, NULL, NULL);	/* the spinner, till it answers */
	sender_pump(app.sender, time(NULL));
}

static void
submit(struct formscr *fs)
{
	int	bad, i;

	if (fs->outbox_id != 0)
		return;
	leave_field(fs);
	if ((bad = form_check(fs->fm, time(NULL))) >= 0) {
		for (i = 0; i < fs->nstops; i++) {
			if (fs->stops[i].field == bad) {
				fs->focus = i;
				break;
			}
		}
		app_message(MSG_ERROR, "%s", _("Some fields need attention: "
		    "see the red lines."));
		return;
	}
	if (fs->submit != NULL) {
		fs->submit(fs, fs->submit_arg);
		return;
	}
	if (fs->resident_id == 0) {
		app_message(MSG_ERROR, "%s", _("Open the resident first (F2): "
		    "an application needs an applicant."));
		return;
	}
	queue(fs);
}

/* The applicant scanned into a form opened without one: the record
 * found by the number fills the form, and the application is theirs. */
static void
on_record(struct api_result *r, void *arg)
{
	struct formscr	*fs = arg;
	struct resident	*res = r->model;
	cJSON		*values;

	if (!app_answer(r))
		return;
	drop_draft(fs);
	fs->resident_id = res->s.id;
	free(fs->resident_name);
	fs->resident_name = utf8_sanitize(res->s.name, 0);
	free(fs->draft_key);
	fs->draft_key = xasprintf("%lld-%lld", fs->service_id,
	    fs->resident_id);
	prefill(fs, values = resident_form_service_prefill(res));
	cJSON_Delete(values);
	fs->focus = first_to_fill(fs);
	ask_fee(fs);
	app_message(MSG_INFO, _("The application is %s's: filled from the "
	    "record."), fs->resident_name);
}

static void
on_applicant(struct api_result *r, void *arg)
{
	struct formscr		*fs = arg;
	struct resident_page	*p = r->model;
	struct request		*rq;

	if (!app_answer(r))
		return;
	if (p->n != 1) {
		app_message(MSG_ERROR, "%s", label_not_here(0));
		form_set_text(focused(fs), "", ORIGIN_TYPED);
		return;
	}
	rq = request_new(fs, SLOT_APPLICANT, on_record, fs);
	request_call(rq, api_resident_get(app.api, p->items[0].id,
	    request_reply, rq));
}

/* A card scanned into a focused ID number field fills it, as typed
 * and Enter; into the applicant's, when the form has none yet, it
 * makes that resident the applicant. Elsewhere it is no field's. */
static int
fscr_scan(struct screen *s, const char *id)
{
	struct formscr		*fs = s->data;
	struct form_field	*f;
	struct idnum_info	 info;
	struct request		*rq;

	if (fs->broken || fs->sending || fs->outbox_id != 0 ||
	    fs->stops[fs->focus].material >= 0 ||
	    (f = focused(fs))->type != FT_ID_NUMBER)
		return (0);
	form_set_text(f, id, ORIGIN_TYPED);
	fs->modified = 1;
	if (fs->resident_id != 0 || fs->submit != NULL ||
	    strcmp(f->prefill, "id_number") != 0 ||
	    idnum_check(id, time(NULL), &info) != IDNUM_OK) {
		next_needed(fs);
		return (1);
	}
	rq = request_new(fs, SLOT_APPLICANT, on_applicant, fs);
	request_call(rq, api_resident_search(app.api, info.normalized, NULL,
	    1, request_reply, rq));
	return (1);
}

static int
hex_char(uint32_t cp)
{
	return (cp < 0x80 && isxdigit((int)cp));
}

/* Ctrl-V: a rare character no input method offers, by its code point. */
static void
insert_code_point(const char *text, void *arg)
{
	struct formscr		*fs = arg;
	struct form_field	*f = focused(fs);
	unsigned long		 cp = strtoul(text, NULL, 16);

	if (*text == '\0' || cp < 0x20 || cp > 0x10FFFF ||
	    utf8_is_unsafe((uint32_t)cp) || (cp >= 0xD800 && cp <= 0xDFFF) ||
	    lineedit_insert(&f->edit, (uint32_t)cp) != 0) {
		app_message(MSG_ERROR, _("U+%s is not a character that can be "
		    "typed here."), text);
		return;
	}
	f->origin = ORIGIN_TYPED;
	fs->modified = 1;
	app_dirty();
}

static void
keep_uscc(const char *text, void *arg)
{
	struct formscr		*fs = arg;
	struct form_field	*f = focused(fs);

	if (*text == '\0') {
		app_message(MSG_ERROR, "%s", _("A reason is needed to keep "
		    "the code."));
		return;
	}
	f->override = 1;
	free(f->override_reason);
	f->override_reason = xstrdup(text);
	fs->modified = 1;
	form_check_field(fs->fm, f, time(NULL));
	app_dirty();
}

static void
open_prompt(const char *title, size_t max, int (*filter)(uint32_t),
    void (*done)(const char *, void *), void *arg)
{
	prompt_ask(&(struct prompt){ .title = title, .max_chars = max,
	    .filter = filter, .done = done, .arg = arg });
}

static void
chosen(void *arg)
{
	struct formscr	*fs = arg;

	fs->modified = 1;
	form_check_field(fs->fm, focused(fs), time(NULL));
	save_draft(fs);
	ask_fee(fs);
}

static void
open_choices(struct formscr *fs, int first_key)
{
	struct form_field	*f = focused(fs);

	form_ui_choose(f, form_ui_label(f), first_key, chosen, fs);
}

static void
discard(void *arg)
{
	struct formscr	*fs = arg;

	drop_draft(fs);
	fs->modified = 0;
	app_pop();
}

static void
ask_close(struct formscr *fs)
{
	if (!fs->modified)
		app_pop();
	else
		confirm_ask(_("Throw away what was typed in this form?"),
		    discard, fs);
}

/* D on a material: taken 容缺 (the resident brings it later), or not
 * any more; only one the catalog lets be 容缺. */
static int
defer_material(struct formscr *fs, struct form_material *m)
{
	if (m->defer_days <= 0) {
		app_message(MSG_ERROR, _("%s cannot be taken 容缺: the "
		    "catalog does not allow it for this service."), m->name);
		return (1);
	}
	m->deferred ^= 1;
	m->received = 0;
	m->promised = 0;
	fs->modified = 1;
	if (m->deferred)
		app_message(MSG_INFO, _("%s: taken 容缺, to be brought within "
		    "%d working days. The resident signs the 容缺 notice "
		    "printed after submitting."), m->name, m->defer_days);
	return (1);
}

/* The server says the applicant may promise: the material is taken on
 * the written promise. */
static void
promise_allowed(void *arg)
{
	struct formscr		*fs = arg;
	struct form_material	*m;

	if (fs->promising < 0 || (size_t)fs->promising >= fs->fm->nmaterials)
		return;
	m = &fs->fm->materials[fs->promising];
	m->promised = 1;
	m->received = m->deferred = 0;
	fs->modified = 1;
	save_draft(fs);
	app_message(MSG_INFO, _("%s: taken on the resident's written promise "
	    "(告知承诺), checked later. After submitting, G prints the "
	    "promise for the resident to sign."), m->name);
}

/* C on a material: the resident's written promise instead of the proof
 * (告知承诺), when the catalog allows it and the resident is not barred
 * by a false promise; C again takes it back. */
static int
promise_material(struct formscr *fs, int i)
{
	struct form_material	*m = &fs->fm->materials[i];

	if (!m->promisable) {
		app_message(MSG_ERROR, _("%s cannot be replaced by a promise: "
		    "the catalog does not allow 告知承诺 for it."), m->name);
		return (1);
	}
	if (m->promised) {
		m->promised = 0;
		fs->modified = 1;
		app_message(MSG_INFO, _("%s: no longer on a promise."),
		    m->name);
		return (1);
	}
	if (fs->resident_id == 0) {
		app_message(MSG_ERROR, "%s", _("Open the resident first (F2): "
		    "a promise is the applicant's."));
		return (1);
	}
	fs->promising = i;
	fs->promise.ok = promise_allowed;
	fs->promise.arg = fs;
	promise_ui_ask(&fs->promise, fs, SLOT_PROMISE, fs->resident_id);
	return (1);
}

/* Space, Enter and typing on a field that is not edited in place. */
static int
toggle_key(struct formscr *fs, int key)
{
	struct form_stop	*st = &fs->stops[fs->focus];
	struct form_field	*f = focused(fs);

	if (st->material >= 0 && key == ' ') {
		fs->fm->materials[st->material].received ^= 1;
		fs->fm->materials[st->material].deferred = 0;
		fs->fm->materials[st->material].promised = 0;
		fs->modified = 1;
		return (1);
	}
	if (st->material >= 0 && (key == 'd' || key == 'D'))
		return (defer_material(fs, &fs->fm->materials[st->material]));
	if (st->material >= 0 && (key == 'c' || key == 'C'))
		return (promise_material(fs, st->material));
	if (f->type == FT_CHECKBOX && key == ' ') {
		f->checked = !f->checked;
		f->origin = ORIGIN_TYPED;
		fs->modified = 1;
		return (1);
	}
	if (f->type == FT_SELECT && key >= '1' && key <= '9' &&
	    f->noptions <= 9 && (size_t)(key - '1') < f->noptions) {
		f->choice = key - '1';	/* a few options, numbered */
		f->origin = ORIGIN_TYPED;
		fs->modified = 1;
		move_focus(fs, fs->focus + 1);
		return (1);
	}
	if (f->type == FT_SELECT || f->type == FT_MULTISELECT) {
		if (key == ' ' || key == TK_F(4))
			open_choices(fs, 0);
		else if (!TK_IS_CODE(key) && key > ' ')
			open_choices(fs, key);
		else
			return (0);
		return (1);
	}
	return (0);
}

static int
edit_key(struct formscr *fs, int key)
{
	struct form_field	*f = focused(fs);

	if (fs->stops[fs->focus].material >= 0 || f->type == FT_CHECKBOX ||
	    f->type == FT_SELECT || f->type == FT_MULTISELECT)
		return (toggle_key(fs, key));
	if (!TK_IS_CODE(key) && key >= ' ') {
		/* typed or pasted, the field's filter applies alike */
		key &= ~TK_PASTED;
		if (!form_accepts(f, (uint32_t)key))
			return (1);	/* refused, quietly: a filter */
		if (f->type == FT_ID_NUMBER || f->type == FT_USCC)
			key = toupper(key);
	}
	if (!keys_edit(&f->edit, key))
		return (0);
	if (f->origin != ORIGIN_TYPED) {
		f->origin = ORIGIN_TYPED;
		f->override = 0;
	}
	fs->modified = 1;
	return (1);
}

/* A digit is only text in a field nothing fills but the clerk: one
 * filled from the record or derived from an ID number would stop being
 * so at the first digit, which a card's burst must not do. */
static struct lineedit *
fscr_typing(struct screen *s)
{
	struct formscr		*fs = s->data;
	struct form_field	*f;

	if (fs->broken || fs->sending || fs->outbox_id != 0 ||
	    fs->stops[fs->focus].material >= 0)
		return (NULL);
	f = focused(fs);
	if (f->type == FT_CHECKBOX || f->type == FT_SELECT ||
	    f->type == FT_MULTISELECT || f->override ||
	    (f->origin != ORIGIN_TYPED && f->prefill[0] != '\0'))
		return (NULL);
	return (&f->edit);
}

static int
fscr_key(struct screen *s, int key)
{
	struct formscr	*fs = s->data;

	if (fs->broken) {
		if (key == TK_ESC || key == TK_ENTER)
			app_pop();
		return (key == TK_ESC || key == TK_ENTER);
	}
	if (fs->sending) {
		if (key == TK_ESC && request_cancel(fs, SLOT_ANY)) {
			fs->sending = 0;	/* it may have gone through */
			app_message(MSG_INFO, "%s", _("Cancelled: F9 sends it "
			    "again, so that it cannot be done twice."));
		}
		return (1);
	}
	if (fs->outbox_id != 0) {
		/* the submission is safe on disk: the clerk may move on */
		if (key == TK_ESC) {
			app_message(MSG_INFO, "%s", _("The submission stays in "
			    "the outbox and is sent on its own (F8)."));
			app_pop();
		}
		return (1);
	}
	switch (key) {
	case TK_TAB:
	case TK_DOWN:
		move_focus(fs, fs->focus + 1);
		break;
	case TK_ENTER:	/* a scanner's Enter moves on, never submits */
		next_needed(fs);
		break;
	case TK_CTRL('r'):
		all_received(fs);
		break;
	case TK_BTAB:
	case TK_UP:
		move_focus(fs, fs->focus - 1);
		break;
	case TK_PGDN:
	case TK_PGUP:
		move_focus(fs, fs->focus + (key == TK_PGDN ? 1 : -1) *
		    form_view_page(fs, LINES - 3));
		break;
	case TK_F(9):
	case TK_CTRL('s'):
		submit(fs);
		break;
	case TK_ESC:
		leave_field(fs);
		ask_close(fs);
		return (1);
	case TK_CTRL('v'):
		open_prompt(_("Character code (hex), e.g. 4DB5"), 6,
		    hex_char, insert_code_point, fs);
		return (1);
	case TK_CTRL('o'):
		if (focused(fs)->type != FT_USCC)
			return (1);
		open_prompt(_("Why keep this code? (printed so on the "
		    "licence ...)"), 100, NULL, keep_uscc, fs);
		return (1);
	default:
		if (!edit_key(fs, key))
			return (0);
	}
	ask_fee(fs);
	app_dirty();
	return (1);
}

static void
fscr_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct formscr	*fs = s->data;

	*cy = *cx = -1;
	if (fs->broken)
		return;
	form_view_draw(fs, top, rows, cols, cy, cx);
	if (fs->outbox_id != 0)
		*cy = *cx = -1;
}

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

/* A certificate's fields (screen-cert-form.c): the same form, its own
 * keys' words. */
const struct screen_ops screen_cert_form = {
	.name = "certificate-form",
	.title = N_("Certificate form"),
	.init = fscr_init,
	.free = fscr_free,
	.key = fscr_key,
	.draw = fscr_draw,
	.typing = fscr_typing,
	.scan = fscr_scan,
	.keys = certform_keys,
};

static const struct keyhelp report_keys[] = {
	{ N_("F9"), N_("Report"), 1 },
	{ N_("Enter"), N_("Next field to fill"), 1 },
	{ N_("Esc"), N_("Back"), 1 },
	{ N_("Space"), N_("Tick, or open the choices"), 0 },
	{ N_("1-9"), N_("Choose that option (on a choice)"), 0 },
	{ N_("Ctrl-S"), N_("Report"), 0 },
	{ NULL, NULL, 0 }
};

/* A grid event's report (screen-event-new.c). */
const struct screen_ops screen_report_form = {
	.name = "event-new",
	.title = N_("Report a grid event"),
	.init = fscr_init,
	.free = fscr_free,
	.key = fscr_key,
	.draw = fscr_draw,
	.typing = fscr_typing,
	.keys = report_keys,
};

static const struct keyhelp task_form_keys[] = {
	{ N_("F9"), N_("Issue"), 1 },
	{ N_("Enter"), N_("Next field to fill"), 1 },
	{ N_("Esc"), N_("Back"), 1 },
	{ N_("Space"), N_("Open the choices"), 0 },
	{ N_("1-9"), N_("Choose that option (on a choice)"), 0 },
	{ N_("Ctrl-S"), N_("Issue"), 0 },
	{ NULL, NULL, 0 }
};

/* A supervisor's new task (screen-task-new.c). */
const struct screen_ops screen_task_form = {
	.name = "task-new",
	.title = N_("Issue a task"),
	.init = fscr_init,
	.free = fscr_free,
	.key = fscr_key,
	.draw = fscr_draw,
	.typing = fscr_typing,
	.keys = task_form_keys,
};

const struct screen_ops screen_form = {
	.name = "form",
	.title = N_("Application form"),
	.init = fscr_init,
	.free = fscr_free,
	.key = fscr_key,
	.draw = fscr_draw,
	.typing = fscr_typing,
	.save = fscr_save,
	.scan = fscr_scan,
	.keys = form_keys,
};
