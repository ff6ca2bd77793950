/* Registering a resident at the counter: the ID number (scanned or
 * typed), the record's required fields, one of the centre's
 * communities. One Idempotency-Key per form, so a retry after a lost
 * answer cannot register the same person twice. */
#include <stdlib.h>
#include <string.h>

#include "dialog-choose.h"
#include "resident-new.h"
#include "screen-form.h"
#include "tui.h"
#include "form-ui.h"
#include "form-view.h"
#include "resident-edit.h"
#include "labels.h"
#include "request.h"
#include "resident-form.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

struct rnew {
	struct formscr	*fs;
	char		*body;		/* as last sent: a retry keeps its key */
};

static void
rnew_free(void *arg)
{
	struct rnew	*n = arg;

	free(n->body);
	free(n);
}

/* The ID number is registered: here (the profile opens) or in another
 * centre (said as F2 says it). */
static void
on_registered(struct api_result *res, void *arg)
{
	struct resident_page	*p = res->model;
	long long		 id;

	(void)arg;
	if (!app_answer(res))
		return;
	if (p->n != 1) {
		app_message(MSG_ERROR, "%s", label_not_here(1));
		return;
	}
	id = p->items[0].id;
	app_message(MSG_ERROR, "%s", _("This ID number is already "
	    "registered: here is the resident."));
	app_push(&screen_resident, &id);
}

static void
already_there(struct rnew *n)
{
	struct form_field	*f = form_field(n->fs->fm, "id_number");
	char			*idn = f != NULL ? form_value_text(f) : xstrdup("");
	struct request		*rq = request_new(n->fs, 1, on_registered, n);

	request_call(rq, api_resident_search(app.api, idn, NULL, 1,
	    request_reply, rq));
	free(idn);
}

static void
on_created(struct api_result *res, void *arg)
{
	struct rnew	*n = arg;
	long long	 id;

	form_ui_sending(n->fs, 0);
	if (res->status == API_OK) {
		id = ((struct resident *)res->model)->s.id;
		app_message(MSG_INFO, _("Registered: %s."),
		    ((struct resident *)res->model)->s.name);
		app_changed(RES_RESIDENT, 0);
		form_ui_done(n->fs);		/* frees n */
		app_push(&screen_resident, &id);
		return;
	}
	if (app_signed_out(res))
		return;
	if (res->nerrors > 0) {
		form_ui_errors(n->fs, res);
		return;
	}
	if (strcmp(res->problem, "conflict") == 0) {
		already_there(n);
		return;
	}
	app_message(MSG_ERROR, _("Not registered: %s"), res->message);
}

static void
new_submit(struct formscr *fs, void *arg)
{
	struct rnew	*n = arg;
	struct form	*fm = fs->fm;
	struct request	*rq;
	cJSON		*body = cJSON_CreateObject(), *v;
	size_t		 i;

	n->fs = fs;
	for (i = 0; i < fm->nfields; i++) {
		struct form_field	*f = &fm->fields[i];

		v = resident_form_value(f, 0);
		if (cJSON_IsNull(v)) {
			cJSON_Delete(v);
			continue;
		}
		if (strcmp(f->name, "community_id") == 0) {
			cJSON_AddNumberToObject(body, f->name,
			    atof(v->valuestring));
			cJSON_Delete(v);
			continue;
		}
		cJSON_AddItemToObject(body, f->name, v);
	}
	free(n->body);
	if ((n->body = cJSON_PrintUnformatted(body)) == NULL)
		fatal("out of memory printing JSON");
	rq = request_new(fs, 0, on_created, n);
	request_call(rq, api_resident_create(app.api, body, request_key(rq,
	    n->body), request_reply, rq));
	form_ui_sending(fs, 1);
}

void
resident_new_open(const char *id_number)
{
	struct rnew		*n = xcalloc(1, sizeof *n);
	struct form_open	 o;
	cJSON			*draft = NULL;

	if (id_number != NULL) {
		/* as if typed: checked here, not left to the server */
		draft = cJSON_CreateObject();
		cJSON_AddStringToObject(cJSON_AddObjectToObject(draft,
		    "values"), "id_number", id_number);
		cJSON_AddStringToObject(cJSON_AddObjectToObject(draft,
		    "origins"), "id_number", "typed");
	}
	memset(&o, 0, sizeof o);
	o.service = resident_form_new(_("Register a resident"), app.session);
	o.draft = draft;
	o.submit = new_submit;
	o.submit_arg = n;
	o.submit_free = rnew_free;
	form_ui_open(&o);
	cJSON_Delete(draft);
}
