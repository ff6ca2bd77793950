/* Reporting a grid event (事件上报) on the form screen: category,
 * urgency, grid (the member's own first), location, description, and
 * the resident concerned when a profile is open. The report keeps its
 * Idempotency-Key while a retry may meet it, so a dropped link never
 * reports it twice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events.h"
#include "form-ui.h"
#include "form-view.h"
#include "request.h"
#include "tui.h"
#include "../api/queue.h"
#include "../api/events.h"
#include "../api/org.h"
#include "../api/stats.h"
#include "../api/catalog.h"
#include "../api/applications.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

#define SLOT_GRIDS	3	/* of the screen that asked for the form */

struct report {
	long long	 resident_id;	/* 0: none */
	char		*resident_name;
};

static void
report_free(void *arg)
{
	struct report	*rp = arg;

	free(rp->resident_name);
	free(rp);
}

static cJSON *
field(cJSON *fields, const char *name, const char *label, const char *type,
    const char *def)
{
	cJSON	*f = cJSON_CreateObject();

	cJSON_AddStringToObject(f, "name", name);
	cJSON_AddStringToObject(f, "label", label);
	cJSON_AddStringToObject(f, "type", type);
	cJSON_AddBoolToObject(f, "required", strcmp(type, "checkbox") != 0);
	if (def != NULL)
		cJSON_AddStringToObject(f, "default", def);
	cJSON_AddItemToArray(fields, f);
	return (f);
}

static void
option(cJSON *f, const char *value, const char *label, const char *label_en)
{
	cJSON	*o = cJSON_CreateObject(), *list;

	if ((list = cJSON_GetObjectItemCaseSensitive(f, "options")) == NULL)
		list = cJSON_AddArrayToObject(f, "options");
	cJSON_AddStringToObject(o, "value", value);
	cJSON_AddStringToObject(o, "label", label);
	cJSON_AddStringToObject(o, "label_en", label_en);
	cJSON_AddStringToObject(o, "pinyin", "");
	cJSON_AddItemToArray(list, o);
}

/* The report as a form of one section; a grid member's own grid is
 * where the grid starts. */
static cJSON *
service_of(const struct report *rp, const struct grid_page *g)
{
	cJSON	*svc = cJSON_CreateObject(), *form, *sec, *fields, *f;
	char	 id[24], *own = NULL;
	size_t	 i;
	int	 k;

	cJSON_AddStringToObject(svc, "name", _("Report a grid event"));
	form = cJSON_AddObjectToObject(svc, "form");
	cJSON_AddNumberToObject(form, "version", 1);
	sec = cJSON_CreateObject();
	cJSON_AddItemToArray(cJSON_AddArrayToObject(form, "sections"), sec);
	cJSON_AddStringToObject(sec, "title", _("The event"));
	fields = cJSON_AddArrayToObject(sec, "fields");
	f = field(fields, "category", _("Category"), "select", "other");
	for (k = 0; k < EVENT_NCATEGORIES; k++)
		option(f, event_categories[k], event_category_label(
		    event_categories[k]), event_category_label(
		    event_categories[k]));
	f = field(fields, "urgency", _("Urgency"), "select", "normal");
	for (k = 0; k < EVENT_NURGENCIES; k++)
		option(f, event_urgencies[k], event_urgency_label(
		    event_urgencies[k]), event_urgency_label(
		    event_urgencies[k]));
	for (i = 0; i < g->n && own == NULL; i++) {
		if (strcmp(g->items[i].member, app.session->staff_name) == 0)
			own = xasprintf("%lld", g->items[i].id);
	}
	f = field(fields, "grid", _("Grid"), "select", own);
	for (i = 0; i < g->n; i++) {
		snprintf(id, sizeof id, "%lld", g->items[i].id);
		option(f, id, g->items[i].name, g->items[i].name);
	}
	free(own);
	cJSON_AddNumberToObject(field(fields, "location", _("Location"),
	    "text", NULL), "max_length", 100);
	cJSON_AddNumberToObject(field(fields, "description",
	    _("Description"), "multiline", NULL), "max_length", 1000);
	if (rp->resident_id > 0)
		field(fields, "about", _("About the resident on screen"),
		    "checkbox", "true");
	return (svc);
}

static void
on_reported(struct api_result *r, void *arg)
{
	struct formscr	*fs = arg;
	long long	 id;

	form_ui_sending(fs, 0);
	if (!app_answer(r))
		return;
	id = ((struct event *)r->model)->id;
	app_message(MSG_INFO, _("Event %lld reported; a supervisor assigns "
	    "it."), id);
	app_changed(RES_EVENT, id);
	form_ui_done(fs);
	app_push(&screen_event, &id);
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
	struct report	*rp = arg;
	struct request	*rq;
	cJSON		*data = form_data(fs->fm);
	char		*what;

	/* the same report again after a lost answer keeps its key */
	if ((what = cJSON_PrintUnformatted(data)) == NULL)
		fatal("out of memory printing JSON");
	rq = request_new(fs, 0, on_reported, fs);
	request_call(rq, api_event_report(app.api, value(data, "category"),
	    value(data, "location"), value(data, "description"),
	    value(data, "urgency"), atoll(value(data, "grid")),
	    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(data, "about")) ?
	    rp->resident_id : 0, request_key(rq, what), request_reply, rq));
	free(what);
	cJSON_Delete(data);
	form_ui_sending(fs, 1);
}

/* The grids came: the form, for the resident on screen if any. */
static void
on_grids(struct api_result *r, void *arg)
{
	const struct resident	*res = resident_on_screen();
	struct report		*rp;
	struct form_open	 o;

	(void)arg;
	if (!app_answer(r))
		return;
	rp = xcalloc(1, sizeof *rp);
	rp->resident_id = res != NULL ? res->s.id : 0;
	rp->resident_name = xstrdup(res != NULL ? res->s.name : "");
	memset(&o, 0, sizeof o);
	o.service = service_of(rp, r->model);
	o.resident_id = rp->resident_id;
	o.resident_name = rp->resident_name;
	o.submit = submit;
	o.submit_arg = rp;
	o.submit_free = report_free;
	o.ops = &screen_report_form;
	form_ui_open(&o);
	cJSON_Delete(o.service);
}

void
event_report_open(const void *owner)
{
	struct request	*rq = request_new(owner, SLOT_GRIDS, on_grids, NULL);

	request_call(rq, api_grids(app.api, request_reply, rq));
}
