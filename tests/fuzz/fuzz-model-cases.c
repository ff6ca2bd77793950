/* libFuzzer: any bytes as a server reply, into every case model the
 * client reads (applications, timelines, hand-offs, certificate types,
 * certificates, verification results, problem extensions). A parse
 * either fails with a cause or yields strings that are valid UTF-8
 * without a control character. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "../../api/applications.h"
#include "../../api/handoffs.h"
#include "../../api/certificates.h"
#include "../../api/problem.h"
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
summary(const struct app_summary *s)
{
	safe(s->number);
	safe(s->status);
	safe(s->service);
	safe(s->resident);
	safe(s->id_masked);
	safe(s->due_date);
}

static void
applications(const cJSON *j)
{
	struct app_page		*p = calloc(1, sizeof *p);
	struct app_detail	*d = calloc(1, sizeof *d);
	struct timeline		*t = calloc(1, sizeof *t);
	struct handoff		*h = calloc(1, sizeof *h);
	const char		*cause = NULL;
	size_t			 i;

	if (model_app_page_parse(j, p, &cause) == 0) {
		for (i = 0; i < p->n; i++)
			summary(&p->items[i]);
	} else if (cause == NULL)
		abort();
	model_app_page_free(p);
	cause = NULL;
	if (model_app_detail_parse(j, d, &cause) == 0) {
		summary(&d->s);
		safe(d->reason);
		safe(d->collector);
		for (i = 0; i < d->nmissing; i++)
			safe(d->missing[i]);
	} else if (cause == NULL)
		abort();
	model_app_detail_free(d);
	cause = NULL;
	if (model_timeline_parse(j, t, &cause) == 0) {
		for (i = 0; i < t->n; i++)
			safe(t->items[i].detail);
	} else if (cause == NULL)
		abort();
	model_timeline_free(t);
	cause = NULL;
	if (model_handoff_parse(j, h, &cause) == 0) {
		safe(h->number);
		safe(h->to);
		for (i = 0; i < h->n; i++)
			summary(&h->items[i]);
	} else if (cause == NULL)
		abort();
	model_handoff_free(h);
}

static void
certificates(const cJSON *j)
{
	struct cert_type_page	*p = calloc(1, sizeof *p);
	struct certificate	*c = calloc(1, sizeof *c);
	struct verify_result	*v = calloc(1, sizeof *v);
	struct problem_ext	*e;
	const char		*cause = NULL;
	size_t			 i;

	if (model_cert_type_page_parse(j, p, &cause) == 0) {
		for (i = 0; i < p->n; i++) {
			safe(p->items[i].name);
			safe(p->items[i].basis);
			safe(p->items[i].alternative);
		}
	} else if (cause == NULL)
		abort();
	model_cert_type_page_free(p);
	cause = NULL;
	if (model_certificate_parse(j, c, &cause) == 0) {
		safe(c->serial);
		safe(c->verify_code);
	} else if (cause == NULL)
		abort();
	model_certificate_free(c);
	cause = NULL;
	if (model_verify_parse(j, v, &cause) == 0)
		safe(v->community);
	else if (cause == NULL)
		abort();
	model_verify_free(v);
	e = problem_ext_parse(j);
	safe(e->basis);
	safe(e->alternative);
	safe(e->type_name);
	for (i = 0; i < e->nconflicts; i++)
		safe(e->conflicts[i]);
	problem_ext_free(e);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cJSON	*j = cJSON_ParseWithLength((const char *)data, size);

	if (j == NULL)
		return (0);
	applications(j);
	certificates(j);
	cJSON_Delete(j);
	return (0);
}
