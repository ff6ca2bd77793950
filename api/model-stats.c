/* The day's figures and lists of applications from server JSON. */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "work-int.h"
#include "../util/xmalloc.h"

static void
count_clear(void *p)
{
	struct service_count	*c = p;

	free(c->txcode);
	free(c->name);
}

static int
count_parse(const cJSON *j, struct service_count *c, const char **cause)
{
	const cJSON	*s = json_obj(j, "service");
	int		 bad = 0;

	if (s == NULL) {
		*cause = "a service count has no service";
		return (-1);
	}
	bad |= work_str(s, "txcode", 0, &c->txcode, cause);
	bad |= work_str(s, "name", 0, &c->name, cause);
	bad |= work_int(j, "received", 0, &c->received, cause);
	bad |= work_int(j, "completed", 0, &c->completed, cause);
	return (bad ? -1 : 0);
}

static int
services_parse(const cJSON *list, struct daily_stats *d, const char **cause)
{
	const cJSON	*it;

	if (!cJSON_IsArray(list)) {
		*cause = "per_service is not a list";
		return (-1);
	}
	d->services = xcalloc((size_t)cJSON_GetArraySize(list) + 1,
	    sizeof *d->services);
	cJSON_ArrayForEach(it, list) {
		if (count_parse(it, &d->services[d->nservices], cause) != 0) {
			count_clear(&d->services[d->nservices]);
			return (-1);
		}
		d->nservices++;
	}
	return (0);
}

/* Exactly 24 hours, each a count: a chart of anything else would lie. */
static int
hours_parse(const cJSON *list, int *hours, const char **cause)
{
	const cJSON	*it;
	int		 i = 0;

	if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) != 24) {
		*cause = "per_hour is not 24 numbers";
		return (-1);
	}
	cJSON_ArrayForEach(it, list) {
		if (!cJSON_IsNumber(it) || it->valuedouble < 0 ||
		    it->valuedouble > 1e9 ||
		    it->valuedouble != (double)(int)it->valuedouble) {
			*cause = "per_hour is not 24 numbers";
			return (-1);
		}
		hours[i++] = (int)it->valuedouble;
	}
	return (0);
}

int
model_daily_stats_parse(const cJSON *j, struct daily_stats *d,
    const char **cause)
{
	int	bad = 0;

	memset(d, 0, sizeof *d);
	*cause = NULL;
	bad |= work_str(j, "date", 0, &d->date, cause);
	bad |= work_ref(j, "centre", 0, &d->centre, NULL, cause);
	bad |= work_int(j, "received", 0, &d->received, cause);
	bad |= work_int(j, "accepted", 0, &d->accepted, cause);
	bad |= work_int(j, "completed", 0, &d->completed, cause);
	bad |= work_int(j, "rejected", 0, &d->rejected, cause);
	bad |= work_int(j, "collected", 0, &d->collected, cause);
	bad |= work_int(j, "overdue", 0, &d->overdue, cause);
	bad |= work_int(j, "certificates_issued", 0, &d->certificates, cause);
	bad |= work_int(j, "tickets_issued", 0, &d->tickets_issued, cause);
	bad |= work_int(j, "tickets_done", 0, &d->tickets_done, cause);
	bad |= work_int(j, "avg_wait_s", 1, &d->avg_wait_s, cause);
	/* told by servers since the calendar became data; absent, nothing
	 * is known to be missing */
	d->calendar_until = json_str(j, "calendar_until", 1);
	d->calendar_short = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j,
	    "calendar_short"));
	if (bad == 0)
		bad |= hours_parse(cJSON_GetObjectItemCaseSensitive(j,
		    "per_hour"), d->per_hour, cause);
	if (bad == 0)
		bad |= services_parse(cJSON_GetObjectItemCaseSensitive(j,
		    "per_service"), d, cause);
	return (bad ? -1 : 0);
}

void
model_daily_stats_free(void *p)
{
	struct daily_stats	*d = p;

	if (d == NULL)
		return;
	free(d->date);
	free(d->centre);
	free(d->calendar_until);
	work_items_free(d->services, d->nservices, sizeof *d->services,
	    count_clear);
	free(d);
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

int
model_app_rows_parse(const cJSON *j, struct app_rows *p, const char **cause)
{
	void	*items;
	int	 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = work_page(j, sizeof *p->items, row_parse, row_clear, &items,
	    &p->n, &p->pg, cause);
	p->items = items;
	return (rc);
}

void
model_app_rows_free(void *ptr)
{
	struct app_rows	*p = ptr;

	if (p == NULL)
		return;
	work_items_free(p->items, p->n, sizeof *p->items, row_clear);
	free(p);
}
