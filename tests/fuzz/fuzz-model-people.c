/* libFuzzer: any bytes as a server reply, into the models of the 一库's
 * people: a resident's status and open flags, the history, a
 * household, a page of flags. A parse either fails with a cause or
 * yields strings that are valid UTF-8 without a control character
 * (line breaks kept where a text may hold them). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "../../api/flags.h"
#include "../../api/history.h"
#include "../../api/households.h"
#include "../../api/residents.h"
#include "../../locale/text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* lines: a line break may be there (a multi-line text). */
static void
safe(const char *s, int lines)
{
	size_t		len, n;
	uint32_t	cp;

	if (s == NULL)
		abort();
	len = strlen(s);
	if (!utf8_valid(s, len))
		abort();
	while ((n = utf8_decode(s, len, &cp)) != 0) {
		if (utf8_is_unsafe(cp) && !(lines && cp == '\n'))
			abort();
		s += n;
		len -= n;
	}
}

static void
resident(const cJSON *j)
{
	struct resident	*r = calloc(1, sizeof *r);
	const char	*cause = NULL;
	size_t		 i;

	if (model_resident_parse(j, r, &cause) == 0) {
		safe(r->s.status, 0);
		safe(r->residence, 0);
		safe(r->presence, 0);
		safe(r->moved_out_to, 0);
		safe(r->death_source, 0);
		for (i = 0; i < r->nflags; i++) {
			safe(r->flags[i].text, 1);
			safe(r->flags[i].raised_by, 0);
		}
	} else if (cause == NULL)
		abort();
	model_resident_free(r);
}

static void
history(const cJSON *j)
{
	struct history_page	*h = calloc(1, sizeof *h);
	const char		*cause = NULL;
	size_t			 i;

	if (model_history_parse(j, h, &cause) == 0) {
		for (i = 0; i < h->n; i++) {
			safe(h->items[i].staff, 0);
			safe(h->items[i].old_value, 1);
			safe(h->items[i].new_value, 1);
			safe(h->items[i].reason, 1);
		}
	} else if (cause == NULL)
		abort();
	model_history_free(h);
}

static void
household(const cJSON *j)
{
	struct household	*h = calloc(1, sizeof *h);
	const char		*cause = NULL;
	size_t			 i;

	if (model_household_parse(j, h, &cause) == 0) {
		safe(h->address, 0);
		for (i = 0; i < h->nmembers; i++)
			safe(h->members[i].relation, 0);
	} else if (cause == NULL)
		abort();
	model_household_free(h);
}

static void
flags(const cJSON *j)
{
	struct flag_page	*p = calloc(1, sizeof *p);
	const char		*cause = NULL;
	size_t			 i;

	if (model_flag_page_parse(j, p, &cause) == 0) {
		for (i = 0; i < p->n; i++) {
			safe(p->items[i].resident, 0);
			safe(p->items[i].text, 1);
			safe(p->items[i].resolution, 1);
		}
	} else if (cause == NULL)
		abort();
	model_flag_page_free(p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cJSON	*j;

	if ((j = cJSON_ParseWithLength((const char *)data, size)) == NULL)
		return (0);
	resident(j);
	history(j);
	household(j);
	flags(j);
	cJSON_Delete(j);
	return (0);
}
