/* Editing a resident: only what the clerk changed is sent, against the
 * version the form started from. When someone else saved first (412),
 * both values of each field the clerk changed are put side by side and
 * the clerk chooses; nothing is overwritten without being seen. */
#include <stdlib.h>
#include <string.h>

#include "dialog-choose.h"
#include "screen-form.h"
#include "tui.h"
#include "form-ui.h"
#include "form-view.h"
#include "resident-edit.h"
#include "request.h"
#include "resident-form.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

#define NELEM(a) (sizeof (a) / sizeof *(a))

struct redit {
	long long	 id;
	long long	 version;
	int		 keep_elderly;
	cJSON		*orig;		/* field: the value the form began with */
	cJSON		*mine;		/* field: the clerk's new value */
	struct formscr	*fs;
	struct resident	*theirs;	/* the record that won, on a conflict */
	struct conflict	 c;
};

static void	send_patch(struct redit *, cJSON *patch, long long version);

static void
rows_free(struct redit *e)
{
	size_t	i;

	for (i = 0; i < e->c.nrows; i++) {
		free(e->c.rows[i].yours);
		free(e->c.rows[i].theirs);
		free(e->c.rows[i].field);
	}
	free(e->c.rows);
	e->c.rows = NULL;
	e->c.nrows = 0;
}

static void
redit_free(void *arg)
{
	struct redit	*e = arg;

	rows_free(e);
	cJSON_Delete(e->orig);
	cJSON_Delete(e->mine);
	model_resident_free(e->theirs);
	free(e);
}

static int
has_elderly(const struct resident *r)
{
	size_t	i;

	for (i = 0; i < r->ntags; i++) {
		if (strcmp(r->tags[i], "elderly_80") == 0)
			return (1);
	}
	return (0);
}

/* The form's values that differ from the record it began with. */
static cJSON *
changes(struct redit *e)
{
	struct form	*fm = e->fs->fm;
	cJSON		*out = cJSON_CreateObject();
	const char	*was;
	char		*now;
	size_t		 i;

	for (i = 0; i < fm->nfields; i++) {
		struct form_field	*f = &fm->fields[i];

		if (f->origin == ORIGIN_RECORD || strcmp(f->name,
		    "reason") == 0)
			continue;
		was = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
		    e->orig, f->name));
		now = form_value_text(f);
		if (was == NULL || strcmp(was, now) != 0)
			cJSON_AddItemToObject(out, f->name,
			    resident_form_value(f, e->keep_elderly));
		free(now);
	}
	return (out);
}

/* The patch to send: the changes, and why when the clerk said it. */
static cJSON *
with_reason(struct redit *e, cJSON *patch)
{
	struct form_field	*f = form_field(e->fs->fm, "reason");
	char			*why = f != NULL ? form_value_text(f) : NULL;

	if (why != NULL && *why != '\0')
		cJSON_AddStringToObject(patch, "reason", why);
	free(why);
	return (patch);
}

/* A change of residence type or 人户 state is kept in the history with
 * why: the form asks for it before anything is sent. */
static int
reason_missing(struct redit *e)
{
	static const char	*field = "reason";
	const char		*msg = _("Say why the residence type or "
				    "人户 state changes.");
	struct form_field	*f = form_field(e->fs->fm, field);
	char			*why;
	int			 i, missing;

	if (f == NULL || (cJSON_GetObjectItem(e->mine, "residence") == NULL &&
	    cJSON_GetObjectItem(e->mine, "presence") == NULL))
		return (0);
	why = form_value_text(f);
	missing = *why == '\0';
	free(why);
	if (!missing)
		return (0);
	form_apply_errors(e->fs->fm, &field, &msg, 1);
	for (i = 0; i < e->fs->nstops; i++) {
		if (&e->fs->fm->fields[e->fs->stops[i].field] == f)
			e->fs->focus = i;
	}
	app_message(MSG_ERROR, "%s", msg);
	return (1);
}

static void
saved(struct redit *e, struct resident *r)
{
	app_message(MSG_INFO, _("Saved: %s's record is now at version %lld."),
	    r->s.name, r->version);
	app_changed(RES_RESIDENT, r->s.id);
	model_resident_free(r);
	form_ui_done(e->fs);		/* frees e */
}

/* A conflict's rows: each field the clerk changed, both values. */
static void
build_rows(struct redit *e)
{
	const cJSON	*it;
	char		*mine, *cur;
	size_t		 n = 0;

	rows_free(e);
	e->c.rows = xcalloc((size_t)cJSON_GetArraySize(e->mine) + 1,
	    sizeof *e->c.rows);
	cJSON_ArrayForEach(it, e->mine) {
		struct conflict_row	*row = &e->c.rows[n++];
		struct form_field	*f = form_field(e->fs->fm, it->string);

		row->field = xstrdup(it->string);
		row->label = f != NULL ? form_ui_label(f) : it->string;
		mine = f != NULL ? form_value_text(f) : xstrdup("");
		cur = resident_form_current(e->theirs, it->string);
		row->yours = resident_form_words(e->fs->fm, it->string, mine);
		row->theirs = resident_form_words(e->fs->fm, it->string, cur);
		free(mine);
		free(cur);
	}
	e->c.nrows = n;
}

static void
apply_choice(void *arg)
{
	struct redit	*e = arg;
	cJSON		*patch = cJSON_CreateObject();
	size_t		 i;

	e->keep_elderly = has_elderly(e->theirs);
	for (i = 0; i < e->c.nrows; i++) {
		struct form_field	*f;

		if (e->c.rows[i].keep_theirs ||
		    (f = form_field(e->fs->fm, e->c.rows[i].field)) == NULL)
			continue;
		cJSON_AddItemToObject(patch, f->name,
		    resident_form_value(f, e->keep_elderly));
	}
	if (cJSON_GetArraySize(patch) > 0)
		with_reason(e, patch);
	if (cJSON_GetArraySize(patch) == 0) {
		cJSON_Delete(patch);
		app_message(MSG_INFO, "%s", _("Kept the record as the other "
		    "change left it."));
		app_changed(RES_RESIDENT, e->id);
		form_ui_done(e->fs);
		return;
	}
	send_patch(e, patch, e->theirs->version);
}

static void
on_theirs(struct api_result *res, void *arg)
{
	struct redit	*e = arg;

	form_ui_sending(e->fs, 0);
	if (res->status != API_OK) {
		app_message(MSG_ERROR, _("Someone else changed this record "
		    "meanwhile, and it cannot be read now: %s"), res->message);
		return;
	}
	model_resident_free(e->theirs);
	e->theirs = res->model;
	res->model = NULL;
	build_rows(e);
	e->c.apply = apply_choice;
	e->c.arg = e;
	app_message(MSG_ERROR, "%s", _("Someone else saved this record "
	    "first. Choose which value to keep for each field."));
	app_push(&dialog_conflict, &e->c);
}

static void
on_patch(struct api_result *res, void *arg)
{
	struct redit	*e = arg;
	struct resident	*r;
	struct request	*rq;

	form_ui_sending(e->fs, 0);
	if (res->status == API_OK) {
		r = res->model;
		res->model = NULL;
		saved(e, r);
		return;
	}
	if (app_signed_out(res))
		return;
	if (res->http_status == 412) {
		rq = request_new(e->fs, 0, on_theirs, e);
		request_call(rq, api_resident_get(app.api, e->id,
		    request_reply, rq));
		form_ui_sending(e->fs, 1);
		return;
	}
	if (res->nerrors > 0) {
		form_ui_errors(e->fs, res);
		return;
	}
	app_message(MSG_ERROR, _("Not saved: %s"), res->message);
}

static void
send_patch(struct redit *e, cJSON *patch, long long version)
{
	struct request	*rq = request_new(e->fs, 0, on_patch, e);

	request_call(rq, api_resident_patch(app.api, e->id, version, patch,
	    request_reply, rq));
	form_ui_sending(e->fs, 1);
}

static void
edit_submit(struct formscr *fs, void *arg)
{
	struct redit	*e = arg;

	e->fs = fs;
	cJSON_Delete(e->mine);
	e->mine = changes(e);
	if (cJSON_GetArraySize(e->mine) == 0) {
		app_message(MSG_INFO, "%s", _("Nothing was changed."));
		form_ui_done(fs);
		return;
	}
	if (reason_missing(e))
		return;
	send_patch(e, with_reason(e, cJSON_Duplicate(e->mine, 1)),
	    e->version);
}

void
resident_edit_open(const struct resident *r)
{
	static const char *const own[] = { "tags", "residence", "presence" };
	struct redit		*e = xcalloc(1, sizeof *e);
	struct form_open	 o;
	struct form_field	*f;
	size_t			 i;

	e->id = r->s.id;
	e->version = r->version;
	e->keep_elderly = has_elderly(r);
	e->orig = resident_form_prefill(r);
	memset(&o, 0, sizeof o);
	o.service = resident_form_edit(_("Change the resident's record"));
	o.resident_id = r->s.id;
	o.resident_name = r->s.name;
	o.prefill = e->orig;		/* read while the form opens */
	o.submit = edit_submit;
	o.submit_arg = e;
	o.submit_free = redit_free;
	form_ui_open(&o);
	if (app.top->ops != &screen_form)
		return;
	e->fs = app.top->data;
	if (e->fs->fm == NULL)		/* said by the form */
		return;
	for (i = 0; i < NELEM(own); i++) {
		if ((f = form_field(e->fs->fm, own[i])) != NULL)
			form_set_text(f, cJSON_GetStringValue(
			    cJSON_GetObjectItemCaseSensitive(e->orig, own[i])),
			    ORIGIN_RECORD);
	}
	e->fs->focus = 0;	/* all is filled: start at the top */
}
