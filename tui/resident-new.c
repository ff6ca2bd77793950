/* Registering a resident at the counter: the ID number (scanned or
 * typed), the record's required fields, one of the centre's
 * communities. One Idempotency-Key per form, so a retry after a lost
 * answer cannot register the same person twice. */
#include <stdlib.h>
#include <string.h>

#include "tui.h"
#include "form-ui.h"
#include "form-view.h"
#include "resident-edit.h"
#include "resident-form.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

struct rnew {
	char		 key[33];
	struct formscr	*fs;
	struct api_call	*call;
};

static void
rnew_free(void *arg)
{
	struct rnew	*n = arg;

	if (n->call != NULL) {
		api_cancel(app.api, n->call);
		app_busy(-1);
		app_message(MSG_ERROR, "%s", _("Stopped waiting: the "
		    "registration may or may not have gone through. Look the "
		    "resident up (F2) before registering again."));
	}
	free(n);
}

static void
on_created(struct api_result *res, void *arg)
{
	struct rnew	*n = arg;
	struct resident	*r;
	long long	 id;

	n->call = NULL;
	app_busy(-1);
	form_ui_sending(n->fs, 0);
	if (res->status == API_OK) {
		r = res->model;
		id = r->s.id;
		app_message(MSG_INFO, _("Registered: %s."), r->s.name);
		form_ui_done(n->fs);		/* frees n */
		app_push(&screen_resident, &id);
		return;
	}
	if (res->status == API_ERR_AUTH) {
		app_session_ended(res->message);
		return;
	}
	if (res->nerrors > 0) {
		form_ui_errors(n->fs, res);
		return;
	}
	if (strcmp(res->problem, "conflict") == 0) {
		app_message(MSG_ERROR, "%s", _("This ID number is already "
		    "registered: look the resident up with F2."));
		return;
	}
	app_message(MSG_ERROR, _("Not registered: %s"), res->message);
}

static void
new_submit(struct formscr *fs, void *arg)
{
	struct rnew	*n = arg;
	struct form	*fm = fs->fm;
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
	n->call = api_resident_create(app.api, body, n->key, on_created, n);
	app_busy(1);
	form_ui_sending(fs, 1);
}

void
resident_new_open(const char *id_number)
{
	struct rnew		*n = xcalloc(1, sizeof *n);
	struct form_open	 o;
	cJSON			*draft = NULL;

	api_new_key(n->key);
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
