/* The day's figures. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "http.h"
#include "json.h"
#include "page.h"
#include "read.h"
#include "stats.h"
#include "../util/xmalloc.h"

static void
count_clear(void *p)
{
	struct service_count	*c = p;

	free(c->txcode);
	free(c->name);
}

static int
count_parse(const cJSON *j, void *p, const char **cause)
{
	struct service_count	*c = p;
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

static const struct page_item count_item = {
	sizeof(struct service_count), count_parse, count_clear
};

static int
services_parse(const cJSON *list, struct daily_stats *d, const char **cause)
{
	void	*items;
	int	 rc;

	if (!cJSON_IsArray(list)) {
		*cause = "per_service is not a list";
		return (-1);
	}
	rc = page_items(list, &count_item, &items, &d->nservices, cause);
	d->services = items;
	return (rc);
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
	page_items_free(d->services, d->nservices, &count_item);
	free(d);
}

API_KIND(kind_daily, struct daily_stats, model_daily_stats_parse,
    model_daily_stats_free);
API_KIND(kind_rows, struct app_rows, model_app_rows_parse,
    model_app_rows_free);

struct api_call *
api_stats_daily(struct api *a, const char *counter, api_cb cb, void *arg)
{
	struct api_call	*c;
	char		*cn = api_param("counter", counter);

	c = api_callf(a, "GET", NULL, NULL, 0, &kind_daily, cb, arg,
	    "/api/v1/stats/daily%s%s", *cn != '\0' ? "?" : "",
	    *cn != '\0' ? cn + 1 : "");
	free(cn);
	return (c);
}

struct api_call *
api_stats_overdue(struct api *a, const char *counter, api_cb cb, void *arg)
{
	struct api_call	*c;
	char		*cn = api_param("counter", counter);

	c = api_callf(a, "GET", NULL, NULL, 0, &kind_rows, cb, arg,
	    "/api/v1/stats/overdue?per_page=100%s", cn);
	free(cn);
	return (c);
}
