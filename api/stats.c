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

static void
visits_clear(void *p)
{
	struct visit_figures	*v = p;

	free(v->grid);
	free(v->community);
	free(v->member);
}

/* The four counts, none negative and none more than the households. */
static int
visit_counts(const cJSON *j, struct visit_figures *v, const char **cause)
{
	int	bad = 0;

	bad |= work_int(j, "households", 0, &v->households, cause);
	bad |= work_int(j, "visited_30d", 0, &v->visited_30d, cause);
	bad |= work_int(j, "visited_90d", 0, &v->visited_90d, cause);
	bad |= work_int(j, "never_visited", 0, &v->never_visited, cause);
	if (bad == 0 && (v->visited_30d < 0 || v->visited_90d <
	    v->visited_30d || v->never_visited < 0 || v->households <
	    v->visited_90d + v->never_visited))
		bad = mu_fail("visit figures that do not add up", cause);
	return (bad ? -1 : 0);
}

static int
grid_visits_parse(const cJSON *j, void *p, const char **cause)
{
	struct visit_figures	*v = p;
	int			 bad = 0;

	bad |= work_ref(j, "grid", 0, &v->grid, NULL, cause);
	bad |= work_ref(j, "community", 0, &v->community, NULL, cause);
	bad |= work_ref(j, "member", 1, &v->member, NULL, cause);
	bad |= visit_counts(j, v, cause);
	return (bad ? -1 : 0);
}

static const struct page_item grid_visits_item = {
	sizeof(struct visit_figures), grid_visits_parse, visits_clear
};

/* The centre's visits, told by servers since visits were recorded;
 * absent, the page has none to show. */
static int
visits_parse(const cJSON *j, struct daily_stats *d, const char **cause)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(j, "visits");
	void		*items = NULL;
	int		 rc;

	if (v == NULL || cJSON_IsNull(v))
		return (0);
	if (!cJSON_IsObject(v))
		return (mu_fail("visits is not an object", cause));
	if (visit_counts(v, &d->visits, cause) != 0)
		return (-1);
	rc = page_items(cJSON_GetObjectItemCaseSensitive(v, "per_grid"),
	    &grid_visits_item, &items, &d->ngrids, cause);
	d->grids = items;
	d->has_visits = rc == 0;
	return (rc);
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
	if (bad == 0)
		bad |= visits_parse(j, d, cause);
	if (bad == 0 && cJSON_GetObjectItemCaseSensitive(j, "money") != NULL) {
		bad |= day_money_parse(cJSON_GetObjectItemCaseSensitive(j,
		    "money"), &d->money, cause);
		d->has_money = 1;
	}
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
	day_money_clear(&d->money);
	page_items_free(d->services, d->nservices, &count_item);
	page_items_free(d->grids, d->ngrids, &grid_visits_item);
	free(d);
}

static void
sat_clear(void *p)
{
	free(((struct sat_count *)p)->key);
}

static int
sat_parse(const cJSON *j, void *p, const char **cause)
{
	struct sat_count	*c = p;
	int			 bad = 0;

	bad |= work_str(j, "key", 0, &c->key, cause);
	bad |= work_int(j, "rated", 0, &c->rated, cause);
	bad |= work_int(j, "good", 0, &c->good, cause);
	bad |= work_int(j, "bad", 0, &c->bad, cause);
	bad |= work_int(j, "rate_permille", 1, &c->permille, cause);
	if (bad == 0 && c->permille > 1000) {
		*cause = "rate_permille";
		bad = -1;
	}
	if (bad == 0 && (c->rated < 0 || c->good < 0 || c->bad < 0))
		bad = mu_fail("a negative count of ratings", cause);
	return (bad ? -1 : 0);
}

static const struct page_item sat_item = {
	sizeof(struct sat_count), sat_parse, sat_clear
};

static int
sat_list(const cJSON *j, const char *key, struct sat_count **out,
    size_t *n, const char **cause)
{
	void	*items = NULL;
	int	 rc;

	rc = page_items(cJSON_GetObjectItemCaseSensitive(j, key), &sat_item,
	    &items, n, cause);
	*out = items;
	return (rc);
}

int
model_satisfaction_parse(const cJSON *j, struct satisfaction *s,
    const char **cause)
{
	const cJSON	*t = json_obj(j, "total"), *f = json_obj(j,
			    "followups");
	int		 bad = 0;

	memset(s, 0, sizeof *s);
	*cause = NULL;
	if (t == NULL || f == NULL) {
		*cause = "the reply has no total or followups";
		return (-1);
	}
	bad |= work_str(j, "from", 0, &s->from, cause);
	bad |= work_str(j, "to", 0, &s->to, cause);
	bad |= sat_parse(t, &s->total, cause);
	bad |= work_int(f, "open", 0, &s->fu_open, cause);
	bad |= work_int(f, "overdue", 0, &s->fu_overdue, cause);
	bad |= work_int(f, "closed", 0, &s->fu_closed, cause);
	bad |= sat_list(j, "per_counter", &s->per_counter, &s->ncounter, cause);
	bad |= sat_list(j, "per_service", &s->per_service, &s->nservice, cause);
	bad |= sat_list(j, "per_staff", &s->per_staff, &s->nstaff, cause);
	return (bad ? -1 : 0);
}

void
model_satisfaction_free(void *p)
{
	struct satisfaction	*s = p;

	if (s == NULL)
		return;
	free(s->from);
	free(s->to);
	sat_clear(&s->total);
	page_items_free(s->per_counter, s->ncounter, &sat_item);
	page_items_free(s->per_service, s->nservice, &sat_item);
	page_items_free(s->per_staff, s->nstaff, &sat_item);
	free(s);
}

API_KIND(kind_satisfaction, struct satisfaction, model_satisfaction_parse,
    model_satisfaction_free);

struct api_call *
api_stats_satisfaction(struct api *a, api_cb cb, void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_satisfaction, cb,
	    arg, "/api/v1/stats/satisfaction"));
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
