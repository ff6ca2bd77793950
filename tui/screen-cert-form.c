/* A certificate's own fields (the type's template fields) and its
 * purpose, on the form screen; what the record holds the server fills
 * in. F9 asks once, then issues: online only, never queued, and a retry
 * after a lost answer cannot issue twice (the kit keeps its key). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "dialog-choose.h"
#include "form-ui.h"
#include "form-view.h"
#include "promise-ui.h"
#include "request.h"
#include "screen-cert-form.h"
#include "screen-form.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

struct issuing {
	long long	 type_id;
	char		*type_name;
	struct formscr	*fs;
};

/* The form screen's request slots: the issue, the 告知承诺 question. */
enum { SLOT_ISSUE, SLOT_PROMISE };

/* The template's fields and a purpose field (default: the type's), as a
 * service of one section for the form screen. */
static cJSON *
service_of(const struct cert_type *t)
{
	cJSON	*svc = cJSON_CreateObject(), *form, *sec, *fields, *p;

	cJSON_AddStringToObject(svc, "name", t->name);
	form = cJSON_AddObjectToObject(svc, "form");
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
	if (!t->promise)
		return (svc);
	/* the committee may issue it on the resident's written promise
	 * instead of its own check (告知承诺) */
	p = cJSON_CreateObject();
	cJSON_AddStringToObject(p, "name", "promise");
	cJSON_AddStringToObject(p, "label", _("On the resident's written "
	    "promise (告知承诺)"));
	cJSON_AddStringToObject(p, "type", "checkbox");
	cJSON_AddBoolToObject(p, "required", 0);
	cJSON_AddStringToObject(p, "help", _("Space ticks it: issued without "
	    "the committee's own check, on the promise the resident signs "
	    "(G prints it); checked later."));
	cJSON_AddItemToArray(fields, p);
	return (svc);
}

/* 1 if the form's promise box is ticked. */
static int
on_promise(struct formscr *fs)
{
	struct form_field	*f = form_field(fs->fm, "promise");

	return (f != NULL && f->checked);
}

static void
issuing_free(void *arg)
{
	struct issuing	*is = arg;

	free(is->type_name);
	free(is);
}

/* A 403 is the role; a type no longer issued says its basis; a
 * validation error goes beside its field. */
static void
refused(struct formscr *fs, struct api_result *r)
{
	struct problem_ext	*e;

	if (r->http_status == 403)
		app_message(MSG_ERROR, "%s", _("The server refused: your role "
		    "may not issue certificates. A counter clerk issues "
		    "them."));
	else if (strcmp(r->problem, "certificate-not-issued") == 0) {
		e = problem_ext_parse(r->problem_json);
		app_message(MSG_ERROR, _("Not issued: %s Basis: %s"),
		    r->message, e->basis);
		problem_ext_free(e);
	} else
		form_ui_errors(fs, r);
}

static void
on_issued(struct api_result *r, void *arg)
{
	struct issuing		*is = arg;
	struct certificate_open	 o;

	form_ui_sending(is->fs, 0);
	if (r->status == API_ERR_AUTH)
		app_session_ended(r->message);
	else if (r->status == API_ERR_NETWORK)
		/* the essentials first: the message line is one line */
		app_hint(MSG_ERROR, "%s", _("Not issued (online only, and "
		    "the server cannot be reached): F9 again when it is "
		    "back."));
	else if (r->status != API_OK && !promise_ui_refused(&is->fs->promise,
	    r))
		refused(is->fs, r);
	else {
		memset(&o, 0, sizeof o);
		o.cert = r->model;
		r->model = NULL;
		app_changed(RES_CERTIFICATE, o.cert->id);
		form_ui_done(is->fs);	/* frees is */
		app_push(&screen_certificate, &o);
		model_certificate_free(o.cert);
	}
}

/* The purpose goes beside the data, the other fields into it; the same
 * request again after a lost answer keeps its key. */
static void
issue(void *arg)
{
	struct issuing		*is = arg;
	struct form_field	*p = form_field(is->fs->fm, "purpose");
	cJSON			*data = form_data(is->fs->fm), *req;
	struct request		*rq;
	char			*purpose, *text;

	cJSON_DeleteItemFromObjectCaseSensitive(data, "purpose");
	cJSON_DeleteItemFromObjectCaseSensitive(data, "promise");
	purpose = lineedit_text(&p->edit);
	req = cJSON_CreateObject();
	cJSON_AddStringToObject(req, "purpose", purpose);
	cJSON_AddItemToObject(req, "data", cJSON_Duplicate(data, 1));
	cJSON_AddBoolToObject(req, "promise", on_promise(is->fs));
	if ((text = cJSON_PrintUnformatted(req)) == NULL)
		fatal("out of memory printing JSON");
	cJSON_Delete(req);
	rq = request_new(is->fs, SLOT_ISSUE, on_issued, is);
	request_call(rq, api_certificate_issue(app.api, is->type_id,
	    is->fs->resident_id, purpose, data, on_promise(is->fs),
	    request_key(rq, text), request_reply, rq));
	free(text);
	free(purpose);
	form_ui_sending(is->fs, 1);
	app_message(MSG_INFO, "%s", _("Issuing..."));
}

/* The resident may promise: a yes, then it is issued on the promise. */
static void
ask_on_promise(void *arg)
{
	struct issuing	*is = arg;
	char		 q[256];

	snprintf(q, sizeof q, _("Issue %s for %s on the resident's written "
	    "promise (告知承诺)?"), is->type_name, is->fs->resident_name);
	confirm_ask(q, issue, is);
}

/* F9: a yes, then it is issued; on a promise the server is asked first
 * whether the resident may promise, so a refusal comes before any
 * paper. */
static void
ask_issue(struct formscr *fs, void *arg)
{
	struct issuing	*is = arg;
	char		 q[256];

	is->fs = fs;
	if (on_promise(fs)) {
		fs->promise.ok = ask_on_promise;
		fs->promise.arg = is;
		promise_ui_ask(&fs->promise, fs, SLOT_PROMISE,
		    fs->resident_id);
		return;
	}
	snprintf(q, sizeof q, _("Issue %s for %s?"), is->type_name,
	    fs->resident_name);
	confirm_ask(q, issue, is);
}

void
cert_form_open(const struct cert_form_open *c)
{
	struct issuing		*is = xcalloc(1, sizeof *is);
	struct form_open	 o;

	is->type_id = c->type->id;
	is->type_name = xstrdup(c->type->name);
	memset(&o, 0, sizeof o);
	o.service = service_of(c->type);
	o.resident_id = c->resident_id;
	o.resident_name = c->resident_name;
	o.submit = ask_issue;
	o.submit_arg = is;
	o.submit_free = issuing_free;
	o.ops = &screen_cert_form;
	o.note = _("Name, sex, ID number, address and community come from "
	    "the record.");
	form_ui_open(&o);
	cJSON_Delete(o.service);
}
