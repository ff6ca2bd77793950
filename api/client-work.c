/* The calls of api/work.h: queue, events, statistics, staff, grids. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "work.h"
#include "../util/xmalloc.h"

/* Typed parsers behind the one signature of struct api_kind. */
static int
parse_categories(const cJSON *j, void *m, const char **cause)
{
	return (model_category_list_parse(j, m, cause));
}

static int
parse_ticket(const cJSON *j, void *m, const char **cause)
{
	return (model_ticket_parse(j, m, cause));
}

static int
parse_tickets(const cJSON *j, void *m, const char **cause)
{
	return (model_ticket_page_parse(j, m, cause));
}

static int
parse_event(const cJSON *j, void *m, const char **cause)
{
	return (model_event_parse(j, m, cause));
}

static int
parse_events(const cJSON *j, void *m, const char **cause)
{
	return (model_event_page_parse(j, m, cause));
}

static int
parse_grids(const cJSON *j, void *m, const char **cause)
{
	return (model_grid_page_parse(j, m, cause));
}

static int
parse_staff(const cJSON *j, void *m, const char **cause)
{
	return (model_staff_page_parse(j, m, cause));
}

static int
parse_daily(const cJSON *j, void *m, const char **cause)
{
	return (model_daily_stats_parse(j, m, cause));
}

static int
parse_rows(const cJSON *j, void *m, const char **cause)
{
	return (model_app_rows_parse(j, m, cause));
}

static const struct api_kind kind_categories = {
	parse_categories, sizeof(struct category_list),
	model_category_list_free
};
static const struct api_kind kind_ticket = {
	parse_ticket, sizeof(struct ticket), model_ticket_free
};
static const struct api_kind kind_tickets = {
	parse_tickets, sizeof(struct ticket_page), model_ticket_page_free
};
static const struct api_kind kind_event = {
	parse_event, sizeof(struct event), model_event_free
};
static const struct api_kind kind_events = {
	parse_events, sizeof(struct event_page), model_event_page_free
};
static const struct api_kind kind_grids = {
	parse_grids, sizeof(struct grid_page), model_grid_page_free
};
static const struct api_kind kind_staff = {
	parse_staff, sizeof(struct staff_page), model_staff_page_free
};
static const struct api_kind kind_daily = {
	parse_daily, sizeof(struct daily_stats), model_daily_stats_free
};
static const struct api_kind kind_rows = {
	parse_rows, sizeof(struct app_rows), model_app_rows_free
};

/* A request on a printf-built path. */
static struct api_call *
callf(struct api *a, const char *method, cJSON *body, const char *key,
    long long if_match, const struct api_kind *k, api_cb cb, void *arg,
    const char *fmt, ...)
{
	struct api_call	*c;
	va_list		 ap;
	char		*path;

	va_start(ap, fmt);
	if (vasprintf(&path, fmt, ap) == -1)
		fatal("out of memory building a path");
	va_end(ap);
	c = api_call(a, method, path, body, key, if_match, k, cb, arg);
	free(path);
	return (c);
}

struct api_call *
api_categories(struct api *a, api_cb cb, void *arg)
{
	return (callf(a, "GET", NULL, NULL, 0, &kind_categories, cb, arg,
	    "/api/v1/service-categories"));
}

/* "waiting,skipped" as status=waiting&status=skipped. */
static char *
statuses(const char *list)
{
	char	*copy = xstrdup(list), *p = copy, *w, *out = xstrdup("");
	char	*next;

	while ((w = strsep(&p, ",")) != NULL) {
		if (*w == '\0')
			continue;
		next = xasprintf("%s&status=%s", out, w);
		free(out);
		out = next;
	}
	free(copy);
	return (out);
}

/* counter as a query parameter, escaped; "" when NULL. */
static char *
counter_param(const char *counter)
{
	char	*v, *out;

	if (counter == NULL || *counter == '\0')
		return (xstrdup(""));
	v = http_escape(counter);
	out = xasprintf("&counter=%s", v);
	free(v);
	return (out);
}

struct api_call *
api_tickets(struct api *a, const char *status, const char *counter,
    int per_page, api_cb cb, void *arg)
{
	struct api_call	*c;
	char		*st = statuses(status != NULL ? status : "");
	char		*cn = counter_param(counter);

	c = callf(a, "GET", NULL, NULL, 0, &kind_tickets, cb, arg,
	    "/api/v1/queue/tickets?per_page=%d%s%s", per_page, st, cn);
	free(st);
	free(cn);
	return (c);
}

struct api_call *
api_ticket_issue(struct api *a, long long category_id, const char *key,
    api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddNumberToObject(b, "category_id", (double)category_id);
	return (callf(a, "POST", b, key, 0, &kind_ticket, cb, arg,
	    "/api/v1/queue/tickets"));
}

struct api_call *
api_call_next(struct api *a, const char *counter, const char *key,
    api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	if (counter != NULL && *counter != '\0')
		cJSON_AddStringToObject(b, "counter", counter);
	return (callf(a, "POST", b, key, 0, &kind_ticket, cb, arg,
	    "/api/v1/queue/call-next"));
}

struct api_call *
api_ticket_action(struct api *a, long long id, const char *action,
    const char *key, api_cb cb, void *arg)
{
	return (callf(a, "POST", cJSON_CreateObject(), key, 0, &kind_ticket,
	    cb, arg, "/api/v1/queue/tickets/%lld/%s", id, action));
}

struct api_call *
api_ticket_transfer(struct api *a, long long id, const char *counter,
    long long category_id, const char *key, api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	if (counter != NULL)
		cJSON_AddStringToObject(b, "counter", counter);
	else
		cJSON_AddNumberToObject(b, "category_id", (double)category_id);
	return (callf(a, "POST", b, key, 0, &kind_ticket, cb, arg,
	    "/api/v1/queue/tickets/%lld/transfer", id));
}

struct api_call *
api_events(struct api *a, const char *filter, int page, api_cb cb,
    void *arg)
{
	const char	*q = "";

	if (filter != NULL && strcmp(filter, "mine") == 0)
		q = "&assignee=me";
	else if (filter != NULL && strcmp(filter, "open") == 0)
		q = "&status=reported&status=assigned&status=in_progress"
		    "&status=resolved";
	return (callf(a, "GET", NULL, NULL, 0, &kind_events, cb, arg,
	    "/api/v1/events?page=%d&per_page=50%s", page, q));
}

struct api_call *
api_event_get(struct api *a, long long id, api_cb cb, void *arg)
{
	return (callf(a, "GET", NULL, NULL, 0, &kind_event, cb, arg,
	    "/api/v1/events/%lld", id));
}

struct api_call *
api_event_report(struct api *a, const char *category, const char *location,
    const char *description, const char *urgency, long long grid_id,
    long long resident_id, const char *key, api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddStringToObject(b, "category", category);
	cJSON_AddStringToObject(b, "location", location);
	cJSON_AddStringToObject(b, "description", description);
	cJSON_AddStringToObject(b, "urgency", urgency);
	cJSON_AddNumberToObject(b, "grid_id", (double)grid_id);
	if (resident_id > 0)
		cJSON_AddNumberToObject(b, "resident_id", (double)resident_id);
	return (callf(a, "POST", b, key, 0, &kind_event, cb, arg,
	    "/api/v1/events"));
}

struct api_call *
api_event_assign(struct api *a, long long id, long long version,
    long long assignee_id, const char *note, const char *key, api_cb cb,
    void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddNumberToObject(b, "assignee_id", (double)assignee_id);
	if (note != NULL && *note != '\0')
		cJSON_AddStringToObject(b, "note", note);
	return (callf(a, "POST", b, key, version, &kind_event, cb, arg,
	    "/api/v1/events/%lld/assign", id));
}

struct api_call *
api_event_update(struct api *a, long long id, long long version,
    const char *status, const char *note, const char *key, api_cb cb,
    void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	if (status != NULL)
		cJSON_AddStringToObject(b, "status", status);
	if (note != NULL && *note != '\0')
		cJSON_AddStringToObject(b, "note", note);
	return (callf(a, "POST", b, key, version, &kind_event, cb, arg,
	    "/api/v1/events/%lld/updates", id));
}

struct api_call *
api_grids(struct api *a, api_cb cb, void *arg)
{
	return (callf(a, "GET", NULL, NULL, 0, &kind_grids, cb, arg,
	    "/api/v1/grids?per_page=100"));
}

struct api_call *
api_staff(struct api *a, api_cb cb, void *arg)
{
	return (callf(a, "GET", NULL, NULL, 0, &kind_staff, cb, arg,
	    "/api/v1/staff?per_page=100"));
}

struct api_call *
api_stats_daily(struct api *a, const char *counter, api_cb cb, void *arg)
{
	struct api_call	*c;
	char		*cn = counter_param(counter);

	c = callf(a, "GET", NULL, NULL, 0, &kind_daily, cb, arg,
	    "/api/v1/stats/daily%s%s", *cn != '\0' ? "?" : "",
	    *cn != '\0' ? cn + 1 : "");
	free(cn);
	return (c);
}

struct api_call *
api_stats_overdue(struct api *a, const char *counter, api_cb cb, void *arg)
{
	struct api_call	*c;
	char		*cn = counter_param(counter);

	c = callf(a, "GET", NULL, NULL, 0, &kind_rows, cb, arg,
	    "/api/v1/stats/overdue?per_page=100%s", cn);
	free(cn);
	return (c);
}

struct api_call *
api_applications_of_day(struct api *a, const char *date, const char *counter,
    int page, api_cb cb, void *arg)
{
	struct api_call	*c;
	char		*cn = counter_param(counter), *d = http_escape(date);

	c = callf(a, "GET", NULL, NULL, 0, &kind_rows, cb, arg,
	    "/api/v1/applications?from=%s&to=%s&page=%d&per_page=100%s", d, d,
	    page, cn);
	free(cn);
	free(d);
	return (c);
}

struct api_call *
api_applications_open(struct api *a, const char *counter, api_cb cb,
    void *arg)
{
	struct api_call	*c;
	char		*cn = counter_param(counter);

	c = callf(a, "GET", NULL, NULL, 0, &kind_rows, cb, arg,
	    "/api/v1/applications?status=submitted&status=accepted"
	    "&status=materials_requested&status=forwarded&per_page=100%s", cn);
	free(cn);
	return (c);
}
