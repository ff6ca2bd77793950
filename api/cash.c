/* The counter's cash sessions and the day's money lines: their models
 * and calls. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cash.h"
#include "json.h"
#include "page.h"
#include "read.h"
#include "../util/xmalloc.h"

/* Sums of a day's money may pass one drawer's largest amount. */
#define SUM_MAX		(1LL << 50)

static void
session_clear(void *p)
{
	struct cash_session	*x = p;

	free(x->counter);
	free(x->business_date);
	free(x->status);
	free(x->reason);
	free(x->opened_by);
	free(x->closed_by);
	free(x->signed_by);
	free(x->sign_note);
	free(x->override);
}

/* Who opened, closed and signed it, and an override's reason. */
static int
session_people(const cJSON *j, struct cash_session *x, const char **cause)
{
	const cJSON	*o = cJSON_GetObjectItemCaseSensitive(j, "override");
	int		 bad = 0;

	bad |= work_ref(j, "opened_by", 0, &x->opened_by, NULL, cause);
	bad |= work_ref(j, "closed_by", 1, &x->closed_by, NULL, cause);
	bad |= work_ref(j, "signed_by", 1, &x->signed_by, NULL, cause);
	bad |= mu_str(&x->sign_note, j, "sign_note", 1, "a session's note "
	    "is not text", cause);
	if (cJSON_IsObject(o))
		bad |= mu_str(&x->override, o, "reason", 0, "an override has "
		    "no reason", cause);
	else
		x->override = xstrdup("");
	return (bad);
}

static int
session_parse(const cJSON *j, void *p, const char **cause)
{
	struct cash_session	*x = p;
	const cJSON		*c = cJSON_GetObjectItemCaseSensitive(j,
				    "counted_fen");
	int			 bad = 0;

	bad |= mu_int(&x->id, j, "id", 1, ID_MAX, "a session has no id",
	    cause);
	bad |= mu_str(&x->counter, j, "counter", 0, "a session has no "
	    "counter", cause);
	bad |= mu_str(&x->business_date, j, "business_date", 0, "a session "
	    "has no date", cause);
	bad |= mu_str(&x->status, j, "status", 0, "a session has no status",
	    cause);
	bad |= mu_int(&x->float_fen, j, "float_fen", 0, SUM_MAX, "a session "
	    "has no float", cause);
	bad |= mu_int(&x->cash_in_fen, j, "cash_in_fen", 0, SUM_MAX,
	    "a session has no cash in", cause);
	bad |= mu_int(&x->cash_out_fen, j, "cash_out_fen", 0, SUM_MAX,
	    "a session has no cash out", cause);
	bad |= mu_int(&x->expected_fen, j, "expected_fen", -SUM_MAX, SUM_MAX,
	    "a session has no expected cash", cause);
	x->counted_fen = -1;
	if (c != NULL && !cJSON_IsNull(c))
		bad |= mu_int(&x->counted_fen, j, "counted_fen", 0, SUM_MAX,
		    "a session's count is not an amount", cause);
	bad |= mu_int(&x->over_fen, j, "over_fen", 0, SUM_MAX, "a session "
	    "has no over", cause);
	bad |= mu_int(&x->short_fen, j, "short_fen", 0, SUM_MAX, "a session "
	    "has no short", cause);
	bad |= mu_str(&x->reason, j, "reason", 1, "a session's reason is not "
	    "text", cause);
	bad |= session_people(j, x, cause);
	return (bad ? -1 : 0);
}

static const struct page_item session_item = {
	sizeof(struct cash_session), session_parse, session_clear
};

int
model_cash_session_parse(const cJSON *j, struct cash_session *x,
    const char **cause)
{
	memset(x, 0, sizeof *x);
	*cause = NULL;
	return (session_parse(j, x, cause));
}

void
model_cash_session_free(void *p)
{
	if (p == NULL)
		return;
	session_clear(p);
	free(p);
}

int
model_cash_page_parse(const cJSON *j, struct cash_page *p,
    const char **cause)
{
	void	*items;
	int	 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = page_parse(j, &session_item, &items, &p->n, &p->pg, cause);
	p->items = items;
	return (rc);
}

void
model_cash_page_free(void *ptr)
{
	struct cash_page	*p = ptr;

	if (p == NULL)
		return;
	page_items_free(p->items, p->n, &session_item);
	free(p);
}

static void
channel_clear(void *p)
{
	free(((struct money_channel *)p)->channel);
}

static int
channel_parse(const cJSON *j, void *p, const char **cause)
{
	struct money_channel	*c = p;
	int			 bad = 0;

	bad |= mu_str(&c->channel, j, "channel", 0, "a money line has no "
	    "channel", cause);
	bad |= work_int(j, "payments", 0, &c->payments, cause);
	bad |= mu_int(&c->paid_fen, j, "paid_fen", 0, SUM_MAX, "a money line "
	    "has no amount paid", cause);
	bad |= work_int(j, "reversals", 0, &c->reversals, cause);
	bad |= mu_int(&c->reversed_fen, j, "reversed_fen", 0, SUM_MAX,
	    "a money line has no amount reversed", cause);
	return (bad ? -1 : 0);
}

static const struct page_item channel_item = {
	sizeof(struct money_channel), channel_parse, channel_clear
};

/* A MoneyCount member into its count and amount. */
static int
count_parse(const cJSON *j, const char *key, int *count, long long *fen,
    const char **cause)
{
	const cJSON	*o = json_obj(j, key);
	int		 bad = 0;

	if (o == NULL)
		return (mu_fail("a money count is missing", cause));
	bad |= work_int(o, "count", 0, count, cause);
	bad |= mu_int(fen, o, "amount_fen", 0, SUM_MAX, "a money count has "
	    "no amount", cause);
	return (bad);
}

/* The day's cash sessions in total. */
static int
cash_totals(const cJSON *c, struct day_money *m, const char **cause)
{
	int	bad = 0;

	if (c == NULL)
		return (mu_fail("the day's money has no cash", cause));
	bad |= work_int(c, "sessions", 0, &m->sessions, cause);
	bad |= work_int(c, "open", 0, &m->open, cause);
	bad |= work_int(c, "unsigned", 0, &m->unsigned_, cause);
	bad |= mu_int(&m->float_fen, c, "float_fen", 0, SUM_MAX, "no float",
	    cause);
	bad |= mu_int(&m->expected_fen, c, "expected_fen", -SUM_MAX, SUM_MAX,
	    "no expected cash", cause);
	bad |= mu_int(&m->counted_fen, c, "counted_fen", 0, SUM_MAX,
	    "no counted cash", cause);
	bad |= mu_int(&m->over_fen, c, "over_fen", 0, SUM_MAX, "no over",
	    cause);
	bad |= mu_int(&m->short_fen, c, "short_fen", 0, SUM_MAX, "no short",
	    cause);
	return (bad);
}

int
day_money_parse(const cJSON *j, struct day_money *m, const char **cause)
{
	void	*items;
	int	 bad = 0;

	memset(m, 0, sizeof *m);
	if (!cJSON_IsObject(j))
		return (mu_fail("the day's money is not an object", cause));
	bad |= page_items(cJSON_GetObjectItemCaseSensitive(j, "by_channel"),
	    &channel_item, &items, &m->nchannels, cause);
	m->channels = items;
	bad |= mu_int(&m->taken_fen, j, "taken_fen", 0, SUM_MAX, "no money "
	    "taken", cause);
	bad |= mu_int(&m->returned_fen, j, "returned_fen", 0, SUM_MAX,
	    "no money returned", cause);
	bad |= count_parse(j, "refunds", &m->refunds, &m->refunds_fen, cause);
	bad |= count_parse(j, "voids", &m->voids, &m->voids_fen, cause);
	bad |= count_parse(j, "waived", &m->waived, &m->waived_fen, cause);
	bad |= count_parse(j, "relief", &m->relief, &m->relief_fen, cause);
	bad |= cash_totals(json_obj(j, "cash"), m, cause);
	bad |= page_items(cJSON_GetObjectItemCaseSensitive(j, "sessions"),
	    &session_item, &items, &m->nlist, cause);
	m->list = items;
	return (bad ? -1 : 0);
}

void
day_money_clear(struct day_money *m)
{
	page_items_free(m->channels, m->nchannels, &channel_item);
	page_items_free(m->list, m->nlist, &session_item);
	memset(m, 0, sizeof *m);
}

API_KIND(kind_session, struct cash_session, model_cash_session_parse,
    model_cash_session_free);
API_KIND(kind_cash_page, struct cash_page, model_cash_page_parse,
    model_cash_page_free);

struct api_call *
api_cash_open(struct api *a, long long float_fen, const char *override,
    const char *key, api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddNumberToObject(b, "float_fen", (double)float_fen);
	if (override != NULL && *override != '\0')
		cJSON_AddStringToObject(b, "override_reason", override);
	return (api_call(a, "POST", "/api/v1/cash-sessions", b, key, 0,
	    &kind_session, cb, arg));
}

struct api_call *
api_cash_list(struct api *a, const char *date, const char *counter,
    api_cb cb, void *arg)
{
	struct api_call	*c;
	char		*d = api_param("date", date);
	char		*k = api_param("counter", counter);

	c = api_callf(a, "GET", NULL, NULL, 0, &kind_cash_page, cb, arg,
	    "/api/v1/cash-sessions?per_page=100%s%s", d, k);
	free(d);
	free(k);
	return (c);
}

struct api_call *
api_cash_get(struct api *a, long long id, api_cb cb, void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_session, cb, arg,
	    "/api/v1/cash-sessions/%lld", id));
}

struct api_call *
api_cash_close(struct api *a, long long id, long long counted_fen,
    const char *reason, const char *key, api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddNumberToObject(b, "counted_fen", (double)counted_fen);
	if (reason != NULL && *reason != '\0')
		cJSON_AddStringToObject(b, "reason", reason);
	return (api_callf(a, "POST", b, key, 0, &kind_session, cb, arg,
	    "/api/v1/cash-sessions/%lld/close", id));
}

struct api_call *
api_cash_sign_off(struct api *a, long long id, const char *note,
    const char *key, api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	if (note != NULL && *note != '\0')
		cJSON_AddStringToObject(b, "note", note);
	return (api_callf(a, "POST", b, key, 0, &kind_session, cb, arg,
	    "/api/v1/cash-sessions/%lld/sign-off", id));
}
