/* libFuzzer: any bytes as a server reply, into every evaluation model
 * the client reads (好差评: the counter's pending evaluation, a rating,
 * follow-ups one and a page, the satisfaction figures). A parse either
 * fails with a cause or yields strings that are valid UTF-8 without a
 * control character (a comment or notes may keep their line breaks),
 * and frees cleanly either way. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "../../api/evaluations.h"
#include "../../api/followups.h"
#include "../../api/stats.h"
#include "../../locale/text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Valid UTF-8, nothing unsafe; a line break only where lines may be. */
static void
check(const char *s, int lines)
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
safe(const char *s)
{
	check(s, 0);
}

static void
pending(const cJSON *j)
{
	struct pending_eval	*p = calloc(1, sizeof *p);
	struct rating		*r = calloc(1, sizeof *r);
	const char		*cause = NULL;
	size_t			 i;

	if (model_pending_eval_parse(j, p, &cause) == 0) {
		if (p->id != 0) {
			safe(p->service);
			safe(p->staff);
			safe(p->occasion);
		}
		for (i = 0; i < p->nreasons; i++) {
			safe(p->reasons[i].code);
			safe(p->reasons[i].label);
		}
	} else if (cause == NULL)
		abort();
	model_pending_eval_free(p);
	cause = NULL;
	if (model_rating_parse(j, r, &cause) == 0)
		safe(r->level);
	else if (cause == NULL)
		abort();
	model_rating_free(r);
}

static void
followup(const struct followup *f)
{
	safe(f->status);
	safe(f->level);
	safe(f->reasons);
	check(f->comment, 1);
	safe(f->service);
	safe(f->staff);
	check(f->callback.notes, 1);
	check(f->rectification.notes, 1);
	check(f->closing.notes, 1);
	safe(f->answer);
}

static void
followups(const cJSON *j)
{
	struct followup		*f = calloc(1, sizeof *f);
	struct followup_page	*p = calloc(1, sizeof *p);
	const char		*cause = NULL;
	size_t			 i;

	if (model_followup_parse(j, f, &cause) == 0)
		followup(f);
	else if (cause == NULL)
		abort();
	model_followup_free(f);
	cause = NULL;
	if (model_followup_page_parse(j, p, &cause) == 0) {
		for (i = 0; i < p->n; i++)
			followup(&p->items[i]);
	} else if (cause == NULL)
		abort();
	model_followup_page_free(p);
}

static void
counts(const struct sat_count *c, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		safe(c[i].key);
		if (c[i].rated < 0 || c[i].permille > 1000)
			abort();
	}
}

static void
satisfaction(const cJSON *j)
{
	struct satisfaction	*s = calloc(1, sizeof *s);
	const char		*cause = NULL;

	if (model_satisfaction_parse(j, s, &cause) == 0) {
		counts(&s->total, 1);
		counts(s->per_counter, s->ncounter);
		counts(s->per_service, s->nservice);
		counts(s->per_staff, s->nstaff);
	} else if (cause == NULL)
		abort();
	model_satisfaction_free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cJSON	*j = cJSON_ParseWithLength((const char *)data, size);

	if (j == NULL)
		return (0);
	pending(j);
	followups(j);
	satisfaction(j);
	cJSON_Delete(j);
	return (0);
}
