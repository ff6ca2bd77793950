/* libFuzzer: any bytes as a server reply, into every money model the
 * client reads (a payment and a page of them, a refund or void asked
 * for and a page of them, a cash session and a page of them, the day's
 * money lines, an application's fee and the fee told before intake). A parse either fails with a
 * cause or yields strings that are valid UTF-8 without a control
 * character, and frees cleanly either way. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "../../api/cash.h"
#include "../../api/payments.h"
#include "../../locale/text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
safe(const char *s)
{
	size_t		len, n;
	uint32_t	cp;

	if (s == NULL)
		abort();
	len = strlen(s);
	if (!utf8_valid(s, len))
		abort();
	while ((n = utf8_decode(s, len, &cp)) != 0) {
		if (utf8_is_unsafe(cp))
			abort();
		s += n;
		len -= n;
	}
}

static void
payment(const struct payment *p)
{
	safe(p->serial);
	safe(p->kind);
	safe(p->status);
	safe(p->number);
	safe(p->service);
	safe(p->resident);
	safe(p->id_masked);
	safe(p->channel);
	safe(p->reference);
	safe(p->reason);
	safe(p->counter);
	safe(p->staff);
	safe(p->original);
	safe(p->approved_by);
}

static void
session(const struct cash_session *s)
{
	safe(s->counter);
	safe(s->business_date);
	safe(s->status);
	safe(s->reason);
	safe(s->opened_by);
	safe(s->closed_by);
	safe(s->signed_by);
	safe(s->override);
}

static void
payments(const cJSON *j)
{
	struct payment		*p = calloc(1, sizeof *p);
	struct payment_page	*pp = calloc(1, sizeof *pp);
	struct reversal		*r = calloc(1, sizeof *r);
	struct reversal_page	*rp = calloc(1, sizeof *rp);
	struct fee_quote	*q = calloc(1, sizeof *q);
	struct app_fee		 f;
	const char		*cause = NULL;
	size_t			 i;

	if (model_fee_quote_parse(j, q, &cause) == 0) {
		safe(q->reason);
		safe(q->basis);
	}
	model_fee_quote_free(q);
	if (model_payment_parse(j, p, &cause) == 0)
		payment(p);
	if (model_payment_page_parse(j, pp, &cause) == 0)
		for (i = 0; i < pp->n; i++)
			payment(&pp->items[i]);
	if (model_reversal_parse(j, r, &cause) == 0) {
		safe(r->reason);
		safe(r->requested_by);
		payment(&r->payment);
		if (r->record != NULL)
			payment(r->record);
	}
	if (model_reversal_page_parse(j, rp, &cause) == 0)
		for (i = 0; i < rp->n; i++)
			payment(&rp->items[i].payment);
	cause = NULL;
	if (app_fee_parse(j, &f, &cause) == 0) {
		safe(f.reason);
		safe(f.serial);
	}
	app_fee_clear(&f);
	model_payment_free(p);
	model_payment_page_free(pp);
	model_reversal_free(r);
	model_reversal_page_free(rp);
}

static void
cash(const cJSON *j)
{
	struct cash_session	*s = calloc(1, sizeof *s);
	struct cash_page	*p = calloc(1, sizeof *p);
	struct day_money	 m;
	const char		*cause = NULL;
	size_t			 i;

	if (model_cash_session_parse(j, s, &cause) == 0)
		session(s);
	if (model_cash_page_parse(j, p, &cause) == 0)
		for (i = 0; i < p->n; i++)
			session(&p->items[i]);
	cause = NULL;
	if (day_money_parse(j, &m, &cause) == 0) {
		for (i = 0; i < m.nchannels; i++)
			safe(m.channels[i].channel);
		for (i = 0; i < m.nlist; i++)
			session(&m.list[i]);
	}
	day_money_clear(&m);
	model_cash_session_free(s);
	model_cash_page_free(p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cJSON	*j = cJSON_ParseWithLength((const char *)data, size);

	if (j == NULL)
		return (0);
	payments(j);
	cash(j);
	cJSON_Delete(j);
	return (0);
}
