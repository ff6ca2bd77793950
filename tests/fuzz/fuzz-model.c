/* libFuzzer: any bytes as a server reply, into every model the client
 * reads. A parse either fails with a cause or yields strings that are
 * valid UTF-8 without a control character. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "../../api/session.h"
#include "../../api/residents.h"
#include "../../api/catalog.h"
#include "../../api/applications.h"
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
page(const cJSON *j)
{
	struct resident_page	*p = calloc(1, sizeof *p);
	const char		*cause = NULL;
	size_t			 i;

	if (model_resident_page_parse(j, p, &cause) == 0) {
		for (i = 0; i < p->n; i++) {
			safe(p->items[i].name);
			safe(p->items[i].address);
			safe(p->items[i].community);
			safe(p->items[i].id_number_masked);
		}
	} else if (cause == NULL)
		abort();
	model_resident_page_free(p);
}

static void
resident(const cJSON *j)
{
	struct resident	*r = calloc(1, sizeof *r);
	const char	*cause = NULL;
	size_t		 i;

	if (model_resident_parse(j, r, &cause) == 0) {
		safe(r->s.name);
		safe(r->grid);
		safe(r->household_address);
		for (i = 0; i < r->nmembers; i++)
			safe(r->members[i].name);
		for (i = 0; i < r->ntags; i++)
			safe(r->tags[i]);
	} else if (cause == NULL)
		abort();
	model_resident_free(r);
}

static void
others(const cJSON *j)
{
	struct api_session	*s = calloc(1, sizeof *s);
	struct service		*v = calloc(1, sizeof *v);
	struct application	*a = calloc(1, sizeof *a);
	const char		*cause = NULL;

	if (model_session_parse(j, s, &cause) == 0) {
		safe(s->staff_name);
		safe(s->centre_name);
	}
	model_session_free(s);
	if (model_service_parse(j, v, &cause) == 0)
		safe(v->name);
	model_service_free(v);
	if (model_application_parse(j, a, &cause) == 0) {
		safe(a->number);
		safe(a->resident_name);
	}
	model_application_free(a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cJSON	*j = cJSON_ParseWithLength((const char *)data, size);

	if (j == NULL)
		return (0);
	page(j);
	resident(j);
	others(j);
	cJSON_Delete(j);
	return (0);
}
