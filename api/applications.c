/* Applications: their models and calls. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "http.h"
#include "json.h"
#include "page.h"
#include "read.h"
#include "applications.h"
#include "../util/buf.h"
#include "../util/utf8.h"
#include "../util/xmalloc.h"

int
model_application_parse(const cJSON *j, struct application *a,
    const char **cause)
{
	const cJSON	*svc = json_obj(j, "service");
	const cJSON	*res = json_obj(j, "resident");

	memset(a, 0, sizeof *a);
	*cause = NULL;
	if (json_int(j, "id", &a->id) != 0 || a->id <= 0)
		*cause = "the application has no id";
	else if ((a->number = json_str(j, "number", 0)) == NULL)
		*cause = "the application has no number";
	else if ((a->status = json_str(j, "status", 0)) == NULL)
		*cause = "the application has no status";
	else if ((a->due_date = json_str(j, "due_date", 1)) == NULL)
		*cause = "the due date is not text";
	else if (svc == NULL || (a->service_name = json_str(svc, "name",
	    0)) == NULL)
		*cause = "the application has no service";
	else if (res == NULL || (a->resident_name = json_str(res, "name",
	    0)) == NULL)
		*cause = "the application has no resident";
	return (*cause != NULL ? -1 : 0);
}

int
application_code_lost(const cJSON *j)
{
	return (cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(j,
	    "pickup_code")));
}

void
model_application_free(void *p)
{
	struct application	*a = p;

	if (a == NULL)
		return;
	free(a->number);
	free(a->status);
	free(a->due_date);
	free(a->service_name);
	free(a->resident_name);
	free(a);
}

static void
summary_clear(void *p)
{
	struct app_summary	*s = p;

	free(s->number);
	free(s->status);
	free(s->service);
	free(s->txcode);
	free(s->resident);
	free(s->id_masked);
	free(s->community);
	free(s->created_at);
	free(s->due_date);
}

/* The ApplicationSummary members, which the Application has too. */
static int
summary_parse(const cJSON *j, void *p, const char **cause)
{
	struct app_summary	*s = p;
	const cJSON	*o;
	int		 bad = 0;

	memset(s, 0, sizeof *s);
	bad |= mu_int(&s->id, j, "id", 1, ID_MAX, "an application has no id",
	    cause);
	bad |= mu_int(&s->version, j, "version", 1, ID_MAX,
	    "an application has no version", cause);
	bad |= mu_str(&s->number, j, "number", 0, "no number", cause);
	bad |= mu_str(&s->status, j, "status", 0, "no status", cause);
	bad |= mu_ref(&s->service, j, "service", "name", "no service", cause);
	bad |= mu_ref(&s->txcode, j, "service", "txcode", "no txcode", cause);
	bad |= mu_ref(&s->resident, j, "resident", "name", "no resident",
	    cause);
	bad |= mu_ref(&s->id_masked, j, "resident", "id_number_masked",
	    "no masked ID number", cause);
	bad |= mu_ref(&s->community, j, "community", "name", "no community",
	    cause);
	bad |= mu_str(&s->created_at, j, "created_at", 0, "no created_at",
	    cause);
	bad |= mu_str(&s->due_date, j, "due_date", 1, "bad due date", cause);
	o = cJSON_GetObjectItemCaseSensitive(j, "overdue");
	if (!cJSON_IsBool(o))
		bad |= mu_fail("overdue is not a boolean", cause);
	s->overdue = cJSON_IsTrue(o);
	return (bad ? -1 : 0);
}

static const struct page_item summary_item = {
	sizeof(struct app_summary), summary_parse, summary_clear
};

int
app_summaries_parse(const cJSON *list, struct app_summary **items,
    size_t *n, const char **cause)
{
	void	*v;
	int	 rc;

	rc = page_items(list, &summary_item, &v, n, cause);
	*items = v;
	return (rc);
}

void
app_summaries_free(struct app_summary *items, size_t n)
{
	page_items_free(items, n, &summary_item);
}

int
model_app_page_parse(const cJSON *j, struct app_page *p, const char **cause)
{
	struct page_info	pg = { 0, 0, 0 };
	void			*items;
	int			 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = page_parse(j, &summary_item, &items, &p->n, &pg, cause);
	p->items = items;
	p->page = pg.page;
	p->per_page = pg.per_page;
	p->total = pg.total;
	return (rc);
}

void
model_app_page_free(void *ptr)
{
	struct app_page	*p = ptr;

	if (p == NULL)
		return;
	app_summaries_free(p->items, p->n);
	free(p);
}

/* "name  610***********0021" of the collector, "" when none. */
static int
collector_parse(const cJSON *c, char **out, const char **cause)
{
	char	*name, *id;

	if (c == NULL || cJSON_IsNull(c)) {
		*out = xstrdup("");
		return (0);
	}
	name = json_str(c, "name", 0);
	id = json_str(c, "id_number_masked", 0);
	*out = name != NULL && id != NULL ? xasprintf("%s  %s", name, id) :
	    NULL;
	free(name);
	free(id);
	if (*out == NULL && *cause == NULL)
		*cause = "the collector is malformed";
	return (*out == NULL ? -1 : 0);
}

/* The materials taken 容缺; none when the server sent none. */
static int
deferred_parse(const cJSON *list, struct app_detail *a, const char **cause)
{
	const cJSON		*it;
	struct app_deferred	*d;
	int			 bad = 0;

	if (list == NULL)
		return (0);
	if (!cJSON_IsArray(list))
		return (mu_fail("deferred is not a list", cause));
	a->deferred = xcalloc((size_t)cJSON_GetArraySize(list) + 1,
	    sizeof *a->deferred);
	cJSON_ArrayForEach(it, list) {
		d = &a->deferred[a->ndeferred++];
		bad |= mu_str(&d->name, it, "name", 0, "a deferred material "
		    "has no name", cause);
		bad |= mu_str(&d->due_date, it, "due_date", 0, "a deferred "
		    "material has no date", cause);
		d->received = cJSON_IsString(cJSON_GetObjectItemCaseSensitive(
		    it, "received_at"));
	}
	return (bad ? -1 : 0);
}

/* The proofs replaced by a promise (告知承诺); none when the server
 * sent none. */
static int
promises_parse(const cJSON *list, struct app_detail *a, const char **cause)
{
	const cJSON		*it;
	struct app_promise	*p;
	int			 bad = 0;

	if (list == NULL)
		return (0);
	if (!cJSON_IsArray(list))
		return (mu_fail("promises is not a list", cause));
	a->promises = xcalloc((size_t)cJSON_GetArraySize(list) + 1,
	    sizeof *a->promises);
	cJSON_ArrayForEach(it, list) {
		p = &a->promises[a->npromises++];
		bad |= mu_int(&p->id, it, "id", 1, ID_MAX, "a promise has no "
		    "id", cause);
		bad |= mu_str(&p->matter, it, "matter", 0, "a promise has no "
		    "matter", cause);
		bad |= mu_str(&p->made_at, it, "made_at", 0, "a promise has no "
		    "time", cause);
		bad |= mu_str(&p->status, it, "status", 0, "a promise has no "
		    "status", cause);
		if (cJSON_GetObjectItemCaseSensitive(it, "ban_days") != NULL)
			bad |= work_int(it, "ban_days", 0, &p->ban_days,
			    cause);
	}
	return (bad ? -1 : 0);
}

int
model_app_detail_parse(const cJSON *j, struct app_detail *a,
    const char **cause)
{
	int	bad = 0;

	memset(a, 0, sizeof *a);
	*cause = NULL;
	bad |= summary_parse(j, &a->s, cause);
	bad |= mu_int(&a->service_id, json_obj(j, "service"), "id", 1, ID_MAX,
	    "the service has no id", cause);
	bad |= mu_str(&a->counter, j, "counter", 0, "no counter", cause);
	bad |= mu_ref(&a->staff, j, "staff", "name", "no staff", cause);
	if ((a->note = json_text(j, "note", 1)) == NULL)
		bad |= mu_fail("bad note", cause);
	bad |= mu_str(&a->reason, j, "reason", 1, "bad reason", cause);
	bad |= mu_str(&a->department, j, "department", 1, "bad department",
	    cause);
	bad |= mu_str(&a->updated_at, j, "updated_at", 0, "no updated_at",
	    cause);
	bad |= collector_parse(cJSON_GetObjectItemCaseSensitive(j,
	    "collector"), &a->collector, cause);
	bad |= mu_strings(&a->missing, &a->nmissing,
	    cJSON_GetObjectItemCaseSensitive(j, "missing_materials"),
	    "missing_materials is not a list of text", cause);
	if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(j, "materials")))
		bad |= mu_fail("the materials are not a list", cause);
	bad |= deferred_parse(cJSON_GetObjectItemCaseSensitive(j, "deferred"),
	    a, cause);
	bad |= promises_parse(cJSON_GetObjectItemCaseSensitive(j, "promises"),
	    a, cause);
	bad |= app_fee_parse(cJSON_GetObjectItemCaseSensitive(j, "fee"),
	    &a->fee, cause);
	if (bad)
		return (-1);
	a->json = cJSON_Duplicate(j, 1);
	return (0);
}

void
model_app_detail_free(void *p)
{
	struct app_detail	*a = p;
	size_t			 i;

	if (a == NULL)
		return;
	for (i = 0; i < a->ndeferred; i++) {
		free(a->deferred[i].name);
		free(a->deferred[i].due_date);
	}
	free(a->deferred);
	for (i = 0; i < a->npromises; i++) {
		free(a->promises[i].matter);
		free(a->promises[i].made_at);
		free(a->promises[i].status);
	}
	free(a->promises);
	app_fee_clear(&a->fee);
	summary_clear(&a->s);
	free(a->counter);
	free(a->staff);
	free(a->note);
	free(a->reason);
	free(a->department);
	free(a->collector);
	free(a->updated_at);
	mu_strings_free(a->missing, a->nmissing);
	cJSON_Delete(a->json);
	free(a);
}

/* A value of a correction as data shows it: text, a number, yes/no, a
 * list; "-" for none. Sanitized. */
static char *
change_value(const cJSON *v)
{
	const cJSON	*e;
	struct buf	 b;
	char		*s, *text;

	if (cJSON_IsString(v))
		return (utf8_sanitize(v->valuestring, 0));
	if (cJSON_IsNumber(v))
		return (xasprintf("%lld", (long long)v->valuedouble));
	if (cJSON_IsBool(v))
		return (xstrdup(cJSON_IsTrue(v) ? "true" : "false"));
	if (!cJSON_IsArray(v))
		return (xstrdup("-"));
	buf_init(&b);
	buf_add(&b, "", 0);
	cJSON_ArrayForEach(e, v) {
		s = change_value(e);
		buf_printf(&b, "%s%s", b.len > 0 ? "," : "", s);
		free(s);
	}
	text = buf_steal(&b);
	return (text);
}

/* A correction's changes (更正), "label: old -> new" each. */
static int
changes_detail(const cJSON *list, struct buf *b, const char **cause)
{
	const cJSON	*c;
	char		*label = NULL, *old, *now;
	int		 bad = 0;

	if (list == NULL)
		return (0);
	if (!cJSON_IsArray(list))
		return (mu_fail("changes is not a list", cause));
	cJSON_ArrayForEach(c, list) {
		bad |= mu_str(&label, c, "label", 0, "a change has no label",
		    cause);
		old = change_value(cJSON_GetObjectItemCaseSensitive(c, "old"));
		now = change_value(cJSON_GetObjectItemCaseSensitive(c, "new"));
		buf_printf(b, "%s%s: %s -> %s", b->len > 0 ? "; " : "",
		    label != NULL ? label : "", old, now);
		free(label);
		label = NULL;
		free(old);
		free(now);
	}
	return (bad);
}

/* What an entry carries besides its action: the reason, department,
 * missing materials, collector, the changes of a correction or note,
 * joined for one line. */
static int
entry_detail(const cJSON *it, char **out, const char **cause)
{
	static const char *const keys[] = { "reason", "department", "note" };
	char		**missing = NULL, *s, *who = NULL;
	size_t		  n = 0, i;
	struct buf	  b;
	int		  bad = 0;

	buf_init(&b);
	buf_add(&b, "", 0);
	bad |= mu_strings(&missing, &n, cJSON_GetObjectItemCaseSensitive(it,
	    "missing_materials"), "missing_materials is not a list", cause);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "", missing[i]);
	mu_strings_free(missing, n);
	bad |= changes_detail(cJSON_GetObjectItemCaseSensitive(it, "changes"),
	    &b, cause);
	bad |= collector_parse(cJSON_GetObjectItemCaseSensitive(it,
	    "collector"), &who, cause);
	if (who != NULL && *who != '\0')
		buf_printf(&b, "%s%s", b.len > 0 ? "; " : "", who);
	free(who);
	for (i = 0; i < sizeof keys / sizeof *keys; i++) {
		s = strcmp(keys[i], "note") == 0 ? json_text(it, keys[i], 1) :
		    json_str(it, keys[i], 1);
		if (s == NULL) {
			bad |= mu_fail("a timeline entry is malformed", cause);
			continue;
		}
		if (*s != '\0')
			buf_printf(&b, "%s%s", b.len > 0 ? "; " : "", s);
		free(s);
	}
	*out = buf_steal(&b);
	return (bad);
}

static void
entry_clear(void *p)
{
	struct timeline_entry	*e = p;

	free(e->at);
	free(e->staff);
	free(e->action);
	free(e->to_status);
	free(e->detail);
}

static int
entry_parse(const cJSON *it, void *p, const char **cause)
{
	struct timeline_entry	*e = p;
	int			 bad = 0;

	bad |= mu_str(&e->at, it, "at", 0, "an entry has no time", cause);
	/* a department's report (docs/api.md 24) has no staff */
	if (!cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(it, "staff")))
		bad |= mu_ref(&e->staff, it, "staff", "name",
		    "an entry has no staff", cause);
	bad |= mu_str(&e->action, it, "action", 0,
	    "an entry has no action", cause);
	bad |= mu_str(&e->to_status, it, "to_status", 0,
	    "an entry has no status", cause);
	bad |= entry_detail(it, &e->detail, cause);
	return (bad ? -1 : 0);
}

static const struct page_item entry_item = {
	sizeof(struct timeline_entry), entry_parse, entry_clear
};

int
model_timeline_parse(const cJSON *j, struct timeline *t, const char **cause)
{
	struct page_info	pg = { 0, 0, 0 };
	void			*items;
	int			 rc;

	memset(t, 0, sizeof *t);
	*cause = NULL;
	rc = page_parse(j, &entry_item, &items, &t->n, &pg, cause);
	t->items = items;
	t->total = pg.total;
	return (rc);
}

void
model_timeline_free(void *p)
{
	struct timeline	*t = p;

	if (t == NULL)
		return;
	page_items_free(t->items, t->n, &entry_item);
	free(t);
}

static void
row_clear(void *p)
{
	struct app_row	*a = p;

	free(a->number);
	free(a->txcode);
	free(a->service);
	free(a->resident);
	free(a->id_masked);
	free(a->community);
	free(a->status);
	free(a->counter);
	free(a->staff);
	free(a->created_at);
	free(a->due_date);
}

/* The parts of a service or resident reference a row shows. */
static int
row_refs(const cJSON *j, struct app_row *a, const char **cause)
{
	const cJSON	*svc = json_obj(j, "service");
	const cJSON	*res = json_obj(j, "resident");
	int		 bad = 0;

	if (svc == NULL || res == NULL) {
		*cause = "an application has no service or resident";
		return (-1);
	}
	bad |= work_str(svc, "txcode", 0, &a->txcode, cause);
	bad |= work_str(svc, "name", 0, &a->service, cause);
	bad |= work_str(res, "name", 0, &a->resident, cause);
	bad |= work_str(res, "id_number_masked", 0, &a->id_masked, cause);
	return (bad ? -1 : 0);
}

static int
row_parse(const cJSON *j, void *p, const char **cause)
{
	struct app_row	*a = p;
	const cJSON	*o = cJSON_GetObjectItemCaseSensitive(j, "overdue");
	int		 bad = 0;

	if (json_int(j, "id", &a->id) != 0 || a->id <= 0 ||
	    !cJSON_IsBool(o)) {
		*cause = "an application has no id";
		bad = -1;
	}
	a->overdue = cJSON_IsTrue(o);
	bad |= row_refs(j, a, cause);
	bad |= work_str(j, "number", 0, &a->number, cause);
	bad |= work_ref(j, "community", 0, &a->community, NULL, cause);
	bad |= work_str(j, "status", 0, &a->status, cause);
	bad |= work_str(j, "counter", 1, &a->counter, cause);
	bad |= work_ref(j, "staff", 0, &a->staff, NULL, cause);
	bad |= work_str(j, "created_at", 0, &a->created_at, cause);
	bad |= work_str(j, "due_date", 1, &a->due_date, cause);
	a->overdue_days = -1;
	if (cJSON_GetObjectItemCaseSensitive(j, "overdue_days") != NULL)
		bad |= work_int(j, "overdue_days", 0, &a->overdue_days, cause);
	return (bad ? -1 : 0);
}

static const struct page_item row_item = {
	sizeof(struct app_row), row_parse, row_clear
};

int
model_app_rows_parse(const cJSON *j, struct app_rows *p, const char **cause)
{
	void	*items;
	int	 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = page_parse(j, &row_item, &items, &p->n, &p->pg, cause);
	p->items = items;
	return (rc);
}

void
model_app_rows_free(void *ptr)
{
	struct app_rows	*p = ptr;

	if (p == NULL)
		return;
	page_items_free(p->items, p->n, &row_item);
	free(p);
}

/* Adds list as key when it has names; frees it otherwise. */
static void
add_names(cJSON *b, const char *key, cJSON *list)
{
	if (cJSON_GetArraySize(list) > 0)
		cJSON_AddItemToObject(b, key, list);
	else
		cJSON_Delete(list);
}

static cJSON *
application_json(const struct app_new *n)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddNumberToObject(b, "service_id", (double)n->service_id);
	cJSON_AddNumberToObject(b, "resident_id", (double)n->resident_id);
	cJSON_AddItemToObject(b, "data", n->data);
	cJSON_AddItemToObject(b, "materials", n->materials);
	add_names(b, "deferred_materials", n->deferred);
	add_names(b, "promised_materials", n->promised);
	return (b);
}

char *
api_application_body(const struct app_new *n)
{
	cJSON	*b = application_json(n);
	char	*text;

	if ((text = cJSON_PrintUnformatted(b)) == NULL)
		fatal("out of memory printing JSON");
	cJSON_Delete(b);
	return (text);
}

API_KIND(kind_application, struct application, model_application_parse,
    model_application_free);
API_KIND(kind_app_page, struct app_page, model_app_page_parse,
    model_app_page_free);
API_KIND(kind_app_detail, struct app_detail, model_app_detail_parse,
    model_app_detail_free);
API_KIND(kind_timeline, struct timeline, model_timeline_parse,
    model_timeline_free);
API_KIND(kind_rows, struct app_rows, model_app_rows_parse,
    model_app_rows_free);

struct api_call *
api_application_create(struct api *a, const struct app_new *n,
    const char *key, api_cb cb, void *arg)
{
	return (api_call(a, "POST", "/api/v1/applications",
	    application_json(n), key, 0, &kind_application, cb, arg));
}

/* Appends "&name=value", the value escaped, when there is a value. */
static void
query_add(char **q, const char *name, const char *value)
{
	char	*p = api_param(name, value), *s;

	s = xasprintf("%s%s", *q, p);
	free(p);
	free(*q);
	*q = s;
}

struct api_call *
api_application_search(struct api *a, const struct app_query *f, int page,
    api_cb cb, void *arg)
{
	struct api_call	*c;
	char		*q = xasprintf("/api/v1/applications?page=%d"
			    "&per_page=50", page), id[32];

	if (f->resident_id > 0) {
		snprintf(id, sizeof id, "%lld", f->resident_id);
		query_add(&q, "resident_id", id);
	}
	query_add(&q, "status", f->status);
	query_add(&q, "from", f->from);
	query_add(&q, "to", f->to);
	query_add(&q, "deferred", f->deferred);
	query_add(&q, "applicant", f->applicant);
	c = api_call(a, "GET", q, NULL, NULL, 0, &kind_app_page, cb, arg);
	free(q);
	return (c);
}

struct api_call *
api_application_get(struct api *a, long long id, api_cb cb, void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_app_detail, cb, arg,
	    "/api/v1/applications/%lld", id));
}

struct api_call *
api_application_by_number(struct api *a, const char *number, api_cb cb,
    void *arg)
{
	struct api_call	*c;
	char		*v = http_escape(number);

	c = api_callf(a, "GET", NULL, NULL, 0, &kind_app_detail, cb, arg,
	    "/api/v1/applications/by-number/%s", v);
	free(v);
	return (c);
}

struct api_call *
api_application_timeline(struct api *a, long long id, api_cb cb, void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_timeline, cb, arg,
	    "/api/v1/applications/%lld/timeline?per_page=100", id));
}

struct api_call *
api_application_transition(struct api *a, long long id, long long version,
    cJSON *body, const char *key, api_cb cb, void *arg)
{
	struct api_call	*c;
	char		*path;

	path = xasprintf("/api/v1/applications/%lld/transitions", id);
	c = api_call(a, "POST", path, body, key, version, &kind_app_detail,
	    cb, arg);
	free(path);
	return (c);
}

struct api_call *
api_application_correct(struct api *a, long long id, long long version,
    const char *name, cJSON *value, const char *reason, const char *key,
    api_cb cb, void *arg)
{
	cJSON		*b = cJSON_CreateObject();
	struct api_call	*c;
	char		*path;

	cJSON_AddStringToObject(b, "reason", reason);
	cJSON_AddItemToObject(cJSON_AddObjectToObject(b, "data"), name,
	    value != NULL ? value : cJSON_CreateNull());
	path = xasprintf("/api/v1/applications/%lld/corrections", id);
	c = api_call(a, "POST", path, b, key, version, &kind_app_detail, cb,
	    arg);
	free(path);
	return (c);
}

struct api_call *
api_applications_of_day(struct api *a, const char *date, const char *counter,
    int page, api_cb cb, void *arg)
{
	struct api_call	*c;
	char		*cn = api_param("counter", counter);
	char		*d = http_escape(date);

	c = api_callf(a, "GET", NULL, NULL, 0, &kind_rows, cb, arg,
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
	char		*cn = api_param("counter", counter);

	c = api_callf(a, "GET", NULL, NULL, 0, &kind_rows, cb, arg,
	    "/api/v1/applications?status=submitted&status=accepted"
	    "&status=materials_requested&status=forwarded&per_page=100%s", cn);
	free(cn);
	return (c);
}
