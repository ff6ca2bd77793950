/* Fees and payments: their models and calls. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "json.h"
#include "page.h"
#include "payments.h"
#include "read.h"
#include "../util/xmalloc.h"

/* The largest amount the API takes (docs/api.md 22). */
#define FEN_MAX		100000000LL

/* Member b of the object member a, or "" when a is null or absent. */
static int
opt_ref(char **dst, const cJSON *o, const char *a, const char *b,
    const char *what, const char **cause)
{
	const cJSON	*r = cJSON_GetObjectItemCaseSensitive(o, a);

	if (r == NULL || cJSON_IsNull(r)) {
		*dst = xstrdup("");
		return (0);
	}
	return (mu_ref(dst, o, a, b, what, cause));
}

int
app_fee_parse(const cJSON *f, struct app_fee *x, const char **cause)
{
	const cJSON	*p;
	int		 bad = 0;

	memset(x, 0, sizeof *x);
	if (f == NULL || cJSON_IsNull(f)) {
		x->reason = xstrdup("");
		x->basis = xstrdup("");
		x->status = xstrdup("");
		x->serial = xstrdup("");
		x->channel = xstrdup("");
		return (0);
	}
	bad |= mu_int(&x->standard_fen, f, "standard_fen", 0, FEN_MAX,
	    "a fee has no standard amount", cause);
	bad |= mu_int(&x->due_fen, f, "due_fen", 0, FEN_MAX, "a fee has no "
	    "amount due", cause);
	bad |= mu_str(&x->reason, f, "reason", 0, "a fee has no reason",
	    cause);
	bad |= mu_str(&x->basis, f, "basis", 1, "a fee's basis is not text",
	    cause);
	bad |= mu_str(&x->status, f, "status", 0, "a fee has no status",
	    cause);
	p = cJSON_GetObjectItemCaseSensitive(f, "payment");
	if (p == NULL || cJSON_IsNull(p)) {
		x->serial = xstrdup("");
		x->channel = xstrdup("");
		return (bad ? -1 : 0);
	}
	bad |= mu_int(&x->payment_id, p, "id", 1, ID_MAX, "a fee's payment "
	    "has no id", cause);
	bad |= mu_str(&x->serial, p, "serial", 0, "a fee's payment has no "
	    "serial", cause);
	bad |= mu_str(&x->channel, p, "channel", 0, "a fee's payment has no "
	    "channel", cause);
	return (bad ? -1 : 0);
}

void
app_fee_clear(struct app_fee *x)
{
	free(x->reason);
	free(x->basis);
	free(x->status);
	free(x->serial);
	free(x->channel);
	memset(x, 0, sizeof *x);
}

int
model_fee_quote_parse(const cJSON *j, struct fee_quote *q,
    const char **cause)
{
	int	bad = 0;

	memset(q, 0, sizeof *q);
	*cause = NULL;
	bad |= mu_int(&q->standard_fen, j, "standard_fen", 0, FEN_MAX,
	    "a fee has no standard amount", cause);
	bad |= mu_int(&q->due_fen, j, "due_fen", 0, FEN_MAX, "a fee has no "
	    "amount due", cause);
	bad |= mu_str(&q->reason, j, "reason", 0, "a fee has no reason",
	    cause);
	bad |= mu_str(&q->basis, j, "basis", 1, "a fee's basis is not text",
	    cause);
	return (bad ? -1 : 0);
}

void
model_fee_quote_free(void *p)
{
	struct fee_quote	*q = p;

	if (q == NULL)
		return;
	free(q->reason);
	free(q->basis);
	free(q);
}

static void
payment_clear(void *p)
{
	struct payment	*x = p;

	free(x->serial);
	free(x->kind);
	free(x->status);
	free(x->number);
	free(x->service);
	free(x->txcode);
	free(x->resident);
	free(x->id_masked);
	free(x->centre);
	free(x->channel);
	free(x->reference);
	free(x->reason);
	free(x->counter);
	free(x->staff);
	free(x->at);
	free(x->date);
	free(x->original);
	free(x->reversed_by);
	free(x->approved_by);
}

/* Who and what: the application, its service and payer, the centre. */
static int
payment_whom(const cJSON *j, struct payment *x, const char **cause)
{
	int	bad = 0;

	bad |= mu_int(&x->application_id, json_obj(j, "application"), "id",
	    1, ID_MAX, "a payment has no application", cause);
	bad |= mu_ref(&x->number, j, "application", "number", "a payment's "
	    "application has no number", cause);
	bad |= mu_ref(&x->service, j, "service", "name", "a payment has no "
	    "service", cause);
	bad |= mu_ref(&x->txcode, j, "service", "txcode", "a payment's "
	    "service has no code", cause);
	bad |= mu_ref(&x->resident, j, "resident", "name", "a payment has no "
	    "payer", cause);
	bad |= mu_ref(&x->id_masked, j, "resident", "id_number_masked",
	    "a payment's payer has no ID number", cause);
	bad |= mu_ref(&x->centre, j, "centre", "name", "a payment has no "
	    "centre", cause);
	bad |= mu_ref(&x->staff, j, "staff", "name", "a payment has no staff",
	    cause);
	return (bad);
}

static int
payment_parse(const cJSON *j, void *p, const char **cause)
{
	struct payment	*x = p;
	long long	 v = 0;
	int		 bad = 0;

	bad |= mu_int(&x->id, j, "id", 1, ID_MAX, "a payment has no id",
	    cause);
	bad |= mu_str(&x->serial, j, "serial", 0, "a payment has no serial",
	    cause);
	bad |= mu_str(&x->kind, j, "kind", 0, "a payment has no kind", cause);
	bad |= mu_str(&x->status, j, "status", 0, "a payment has no status",
	    cause);
	bad |= payment_whom(j, x, cause);
	bad |= mu_str(&x->channel, j, "channel", 0, "a payment has no "
	    "channel", cause);
	bad |= mu_int(&x->amount_fen, j, "amount_fen", 0, FEN_MAX,
	    "a payment has no amount", cause);
	bad |= mu_str(&x->reference, j, "reference", 1, "a payment's "
	    "reference is not text", cause);
	bad |= mu_str(&x->reason, j, "reason", 1, "a payment's reason is not "
	    "text", cause);
	bad |= mu_str(&x->counter, j, "counter", 0, "a payment has no "
	    "counter", cause);
	bad |= mu_str(&x->at, j, "at", 0, "a payment has no time", cause);
	bad |= mu_str(&x->date, j, "date", 0, "a payment has no date", cause);
	bad |= opt_ref(&x->original, j, "original", "serial", "a red-letter "
	    "record's original has no serial", cause);
	bad |= opt_ref(&x->reversed_by, j, "reversed_by", "serial",
	    "a payment's red-letter record has no serial", cause);
	bad |= opt_ref(&x->approved_by, j, "approved_by", "name",
	    "a red-letter record's approver has no name", cause);
	bad |= mu_int(&v, j, "reprints", 0, 1000000, "a payment has no "
	    "reprint count", cause);
	x->reprints = (int)v;
	return (bad ? -1 : 0);
}

static const struct page_item payment_item = {
	sizeof(struct payment), payment_parse, payment_clear
};

int
model_payment_parse(const cJSON *j, struct payment *x, const char **cause)
{
	memset(x, 0, sizeof *x);
	*cause = NULL;
	return (payment_parse(j, x, cause));
}

void
model_payment_free(void *p)
{
	if (p == NULL)
		return;
	payment_clear(p);
	free(p);
}

int
model_payment_page_parse(const cJSON *j, struct payment_page *p,
    const char **cause)
{
	void	*items;
	int	 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = page_parse(j, &payment_item, &items, &p->n, &p->pg, cause);
	p->items = items;
	return (rc);
}

void
model_payment_page_free(void *ptr)
{
	struct payment_page	*p = ptr;

	if (p == NULL)
		return;
	page_items_free(p->items, p->n, &payment_item);
	free(p);
}

static void
reversal_clear(void *p)
{
	struct reversal	*x = p;

	free(x->kind);
	free(x->reason);
	free(x->status);
	free(x->requested_by);
	free(x->requested_at);
	free(x->decided_by);
	free(x->note);
	payment_clear(&x->payment);
	model_payment_free(x->record);
}

static int
reversal_parse(const cJSON *j, void *p, const char **cause)
{
	struct reversal	*x = p;
	const cJSON	*rec = cJSON_GetObjectItemCaseSensitive(j, "record");
	int		 bad = 0;

	bad |= mu_int(&x->id, j, "id", 1, ID_MAX, "a reversal has no id",
	    cause);
	bad |= mu_str(&x->kind, j, "kind", 0, "a reversal has no kind", cause);
	bad |= mu_str(&x->reason, j, "reason", 0, "a reversal has no reason",
	    cause);
	bad |= mu_str(&x->status, j, "status", 0, "a reversal has no status",
	    cause);
	bad |= work_ref(j, "requested_by", 0, &x->requested_by,
	    &x->requested_by_id, cause);
	bad |= mu_str(&x->requested_at, j, "requested_at", 0, "a reversal "
	    "has no time", cause);
	bad |= opt_ref(&x->decided_by, j, "decided_by", "name", "a "
	    "reversal's decider has no name", cause);
	bad |= mu_str(&x->note, j, "note", 1, "a reversal's note is not "
	    "text", cause);
	if (!cJSON_IsObject(json_obj(j, "payment")))
		return (mu_fail("a reversal has no payment", cause));
	bad |= payment_parse(json_obj(j, "payment"), &x->payment, cause);
	if (cJSON_IsObject(rec)) {
		x->record = xcalloc(1, sizeof *x->record);
		bad |= payment_parse(rec, x->record, cause);
	}
	return (bad ? -1 : 0);
}

static const struct page_item reversal_item = {
	sizeof(struct reversal), reversal_parse, reversal_clear
};

int
model_reversal_parse(const cJSON *j, struct reversal *x, const char **cause)
{
	memset(x, 0, sizeof *x);
	*cause = NULL;
	return (reversal_parse(j, x, cause));
}

void
model_reversal_free(void *p)
{
	if (p == NULL)
		return;
	reversal_clear(p);
	free(p);
}

int
model_reversal_page_parse(const cJSON *j, struct reversal_page *p,
    const char **cause)
{
	void	*items;
	int	 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = page_parse(j, &reversal_item, &items, &p->n, &p->pg, cause);
	p->items = items;
	return (rc);
}

void
model_reversal_page_free(void *ptr)
{
	struct reversal_page	*p = ptr;

	if (p == NULL)
		return;
	page_items_free(p->items, p->n, &reversal_item);
	free(p);
}

int
model_pay_reprint_parse(const cJSON *j, struct pay_reprint *r,
    const char **cause)
{
	long long	v = 0;
	int		bad = 0;

	memset(r, 0, sizeof *r);
	*cause = NULL;
	bad |= mu_int(&r->id, j, "id", 1, ID_MAX, "the reprint has no id",
	    cause);
	bad |= mu_int(&r->payment_id, j, "payment_id", 1, ID_MAX,
	    "the reprint has no payment", cause);
	bad |= mu_int(&v, j, "reprint_no", 1, 1000000, "no reprint number",
	    cause);
	r->reprint_no = (int)v;
	bad |= mu_str(&r->reason, j, "reason", 0, "no reason", cause);
	return (bad ? -1 : 0);
}

void
model_pay_reprint_free(void *p)
{
	struct pay_reprint	*r = p;

	if (r == NULL)
		return;
	free(r->reason);
	free(r);
}

API_KIND(kind_fee_quote, struct fee_quote, model_fee_quote_parse,
    model_fee_quote_free);
API_KIND(kind_payment, struct payment, model_payment_parse,
    model_payment_free);
API_KIND(kind_payment_page, struct payment_page, model_payment_page_parse,
    model_payment_page_free);
API_KIND(kind_pay_reprint, struct pay_reprint, model_pay_reprint_parse,
    model_pay_reprint_free);
API_KIND(kind_reversal, struct reversal, model_reversal_parse,
    model_reversal_free);
API_KIND(kind_reversal_page, struct reversal_page,
    model_reversal_page_parse, model_reversal_page_free);

static cJSON *
payment_json(const struct payment_new *p)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddStringToObject(b, "channel", p->channel);
	cJSON_AddNumberToObject(b, "amount_fen", (double)p->amount_fen);
	if (strcmp(p->channel, "code") == 0 && p->reference != NULL)
		cJSON_AddStringToObject(b, "reference", p->reference);
	if (strcmp(p->channel, "waived") == 0 && p->reason != NULL)
		cJSON_AddStringToObject(b, "reason", p->reason);
	return (b);
}

struct api_call *
api_fee_quote(struct api *a, long long service_id, long long resident_id,
    const char *fields, api_cb cb, void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_fee_quote, cb, arg,
	    "/api/v1/services/%lld/fee?resident_id=%lld%s", service_id,
	    resident_id, fields != NULL ? fields : ""));
}

char *
api_payment_body(const struct payment_new *p)
{
	cJSON	*b = payment_json(p);
	char	*s = cJSON_PrintUnformatted(b);

	cJSON_Delete(b);
	if (s == NULL)
		fatal("out of memory printing JSON");
	return (s);
}

struct api_call *
api_payment_create(struct api *a, long long application_id,
    const struct payment_new *p, const char *key, api_cb cb, void *arg)
{
	return (api_callf(a, "POST", payment_json(p), key, 0, &kind_payment,
	    cb, arg, "/api/v1/applications/%lld/payments", application_id));
}

struct api_call *
api_payments_of(struct api *a, long long application_id, api_cb cb,
    void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_payment_page, cb,
	    arg, "/api/v1/applications/%lld/payments?per_page=100",
	    application_id));
}

struct api_call *
api_payment_get(struct api *a, long long id, api_cb cb, void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_payment, cb, arg,
	    "/api/v1/payments/%lld", id));
}

struct api_call *
api_payment_reprint(struct api *a, long long id, const char *reason,
    const char *key, api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddStringToObject(b, "reason", reason);
	return (api_callf(a, "POST", b, key, 0, &kind_pay_reprint, cb, arg,
	    "/api/v1/payments/%lld/reprints", id));
}

struct api_call *
api_reversal_ask(struct api *a, long long payment_id, const char *kind,
    const char *reason, const char *key, api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddStringToObject(b, "kind", kind);
	cJSON_AddStringToObject(b, "reason", reason);
	return (api_callf(a, "POST", b, key, 0, &kind_reversal, cb, arg,
	    "/api/v1/payments/%lld/reversals", payment_id));
}

struct api_call *
api_reversals_pending(struct api *a, api_cb cb, void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_reversal_page, cb,
	    arg, "/api/v1/payment-reversals?status=pending&per_page=100"));
}

struct api_call *
api_reversal_decide(struct api *a, long long id, int approve,
    const char *note, const char *key, api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddBoolToObject(b, "approve", approve);
	if (note != NULL && *note != '\0')
		cJSON_AddStringToObject(b, "note", note);
	return (api_callf(a, "POST", b, key, 0, &kind_reversal, cb, arg,
	    "/api/v1/payment-reversals/%lld/decision", id));
}
