/* A supervisor issues a task (发布任务) on the form screen: a title, a
 * deadline (a date of the service's zone, two weeks on at first), the
 * residents it is over — of a community, or the whole centre, of an age
 * and over, or with a tag — and a note for the grid members. The list
 * of residents is fixed by the server when it is issued; the task
 * keeps its Idempotency-Key while a retry may meet it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fieldwork.h"
#include "form-ui.h"
#include "form-view.h"
#include "dialog-choose.h"
#include "labels.h"
#include "request.h"
#include "screen-form.h"
#include "screen-task-new.h"
#include "tui.h"
#include "../api/org.h"
#include "../api/tasks.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

#define SLOT_COMMUNITIES	4	/* of the screen that asked */
#define DEADLINE_DAYS		14

static const char *const tags[] = {
	"elderly_80", "low_income", "extreme_poverty", "disabled",
	"living_alone", "veteran", "party_member", "child_in_difficulty"
};

static cJSON *
field(cJSON *fields, const char *name, const char *label, const char *type,
    int required)
{
	cJSON	*f = cJSON_CreateObject();

	cJSON_AddStringToObject(f, "name", name);
	cJSON_AddStringToObject(f, "label", label);
	cJSON_AddStringToObject(f, "type", type);
	cJSON_AddBoolToObject(f, "required", required);
	cJSON_AddItemToArray(fields, f);
	return (f);
}

static void
option(cJSON *f, const char *value, const char *label)
{
	cJSON	*o = cJSON_CreateObject(), *list;

	if ((list = cJSON_GetObjectItemCaseSensitive(f, "options")) == NULL)
		list = cJSON_AddArrayToObject(f, "options");
	cJSON_AddStringToObject(o, "value", value);
	cJSON_AddStringToObject(o, "label", label);
	cJSON_AddStringToObject(o, "label_en", label);
	cJSON_AddStringToObject(o, "pinyin", "");
	cJSON_AddItemToArray(list, o);
}

/* The communities of the grids, each once, in the grids' order. */
static void
communities(cJSON *f, const struct grid_page *g)
{
	char	id[24];
	size_t	i, k;

	for (i = 0; i < g->n; i++) {
		for (k = 0; k < i; k++) {
			if (g->items[k].community_id ==
			    g->items[i].community_id)
				break;
		}
		if (k < i)
			continue;
		snprintf(id, sizeof id, "%lld", g->items[i].community_id);
		option(f, id, g->items[i].community);
	}
}

/* Two weeks on, as the service counts days (the process's zone). */
static void
deadline_default(char *out, size_t len)
{
	time_t		t = time(NULL) + (time_t)DEADLINE_DAYS * 86400;
	struct tm	tm;

	localtime_r(&t, &tm);
	strftime(out, len, "%Y-%m-%d", &tm);
}

static cJSON *
service_of(const struct grid_page *g)
{
	cJSON	*svc = cJSON_CreateObject(), *form, *sec, *fields, *f;
	char	 due[16];
	size_t	 k;

	cJSON_AddStringToObject(svc, "name", _("Issue a task"));
	form = cJSON_AddObjectToObject(svc, "form");
	cJSON_AddNumberToObject(form, "version", 1);
	sec = cJSON_CreateObject();
	cJSON_AddItemToArray(cJSON_AddArrayToObject(form, "sections"), sec);
	cJSON_AddStringToObject(sec, "title", _("The task"));
	fields = cJSON_AddArrayToObject(sec, "fields");
	f = field(fields, "title", _("Title"), "text", 1);
	cJSON_AddNumberToObject(f, "max_length", 60);
	f = field(fields, "deadline", _("Deadline"), "date", 1);
	cJSON_AddNumberToObject(f, "min", 0);
	deadline_default(due, sizeof due);
	cJSON_AddStringToObject(f, "default", due);
	f = field(fields, "community", _("Community"), "select", 0);
	cJSON_AddStringToObject(f, "help", _("Left empty: the residents of "
	    "every community of the centre."));
	communities(f, g);
	f = field(fields, "min_age", _("Aged at least"), "number", 0);
	cJSON_AddStringToObject(f, "help", _("An age, a tag, or both."));
	cJSON_AddNumberToObject(f, "min", 1);
	cJSON_AddNumberToObject(f, "max", 150);
	f = field(fields, "tag", _("With the tag"), "select", 0);
	for (k = 0; k < sizeof tags / sizeof *tags; k++)
		option(f, tags[k], label_tag(tags[k]));
	f = field(fields, "note", _("Note for the grid members"),
	    "multiline", 0);
	cJSON_AddNumberToObject(f, "max_length", 500);
	return (svc);
}

/* What the server found wrong with whom the task is over, which is no
 * one field of the form; else its own sentence. */
static const char *
query_refused(const struct api_result *r)
{
	size_t	i;

	for (i = 0; i < r->nerrors; i++) {
		if (strcmp(r->errors[i].field, "query") != 0)
			continue;
		if (strcmp(r->errors[i].code, "empty") == 0)
			return (_("No resident matches the age or tag."));
		if (strcmp(r->errors[i].code, "too_long") == 0)
			return (_("Over 10,000 residents match: narrow it."));
	}
	return (r->message);
}

static void
on_issued(struct api_result *r, void *arg)
{
	struct formscr	*fs = arg;
	struct task	*t;

	form_ui_sending(fs, 0);
	if (app_signed_out(r))
		return;
	if (r->status != API_OK) {
		form_ui_errors(fs, r);
		app_message(MSG_ERROR, "%s", query_refused(r));
		return;
	}
	t = r->model;
	app_message(MSG_INFO, _("Task issued: %d residents for the grid "
	    "members."), t->progress.total);
	app_changed(RES_TASK, 0);
	form_ui_done(fs);
	app_push(&screen_task, &t->id);
}

static const char *
value(const cJSON *data, const char *name)
{
	const char	*s = cJSON_GetStringValue(
			    cJSON_GetObjectItemCaseSensitive(data, name));

	return (s != NULL ? s : "");
}

static void
submit(struct formscr *fs, void *arg)
{
	struct request	*rq;
	struct new_task	 t;
	cJSON		*data = form_data(fs->fm), *age;
	char		*what;

	(void)arg;
	memset(&t, 0, sizeof t);
	t.title = value(data, "title");
	t.note = value(data, "note");
	t.deadline = value(data, "deadline");
	t.community_id = atoll(value(data, "community"));
	age = cJSON_GetObjectItemCaseSensitive(data, "min_age");
	t.min_age = cJSON_IsNumber(age) ? (int)age->valuedouble : 0;
	t.tag = value(data, "tag");
	if (t.min_age <= 0 && *t.tag == '\0') {
		app_message(MSG_ERROR, "%s", _("Say whom the task is over: an "
		    "age, a tag, or both."));
		cJSON_Delete(data);
		return;
	}
	if ((what = cJSON_PrintUnformatted(data)) == NULL)
		fatal("out of memory printing JSON");
	rq = request_new(fs, 0, on_issued, fs);
	request_call(rq, api_task_issue(app.api, &t, request_key(rq, what),
	    request_reply, rq));
	free(what);
	cJSON_Delete(data);
	form_ui_sending(fs, 1);
}

static void
on_grids(struct api_result *r, void *arg)
{
	struct form_open	 o;

	(void)arg;
	if (!app_answer(r))
		return;
	memset(&o, 0, sizeof o);
	o.service = service_of(r->model);
	o.submit = submit;
	o.ops = &screen_task_form;
	form_ui_open(&o);
	cJSON_Delete(o.service);
}

void
task_issue_open(const void *owner)
{
	struct request	*rq = request_new(owner, SLOT_COMMUNITIES, on_grids,
			    NULL);

	request_call(rq, api_grids(app.api, request_reply, rq));
}
