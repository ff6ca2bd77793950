/* The counter's pending evaluation and the rating of it. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "evaluations.h"
#include "json.h"
#include "page.h"
#include "read.h"
#include "../util/xmalloc.h"

const char *const eval_levels[EVAL_LEVELS] = {
	"very_satisfied", "satisfied", "basic", "dissatisfied",
	"very_dissatisfied"
};

static void
reason_clear(void *p)
{
	struct eval_reason	*r = p;

	free(r->code);
	free(r->label);
}

static int
reason_parse(const cJSON *j, void *p, const char **cause)
{
	struct eval_reason	*r = p;
	int			 bad = 0;

	bad |= work_str(j, "code", 0, &r->code, cause);
	bad |= work_str(j, "label", 0, &r->label, cause);
	return (bad ? -1 : 0);
}

static const struct page_item reason_item = {
	sizeof(struct eval_reason), reason_parse, reason_clear
};

static void
pending_clear(struct pending_eval *p)
{
	free(p->counter);
	free(p->occasion);
	free(p->object);
	free(p->service);
	free(p->staff);
	free(p->expires_at);
	page_items_free(p->reasons, p->nreasons, &reason_item);
}

/* {"pending": PendingEvaluation or null} */
int
model_pending_eval_parse(const cJSON *j, struct pending_eval *p,
    const char **cause)
{
	const cJSON	*o = cJSON_GetObjectItemCaseSensitive(j, "pending");
	void		*items = NULL;
	int		 bad = 0;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	if (cJSON_IsNull(o))
		return (0);
	if (!cJSON_IsObject(o) || json_int(o, "id", &p->id) != 0 ||
	    p->id <= 0) {
		*cause = "the reply has no pending evaluation";
		return (-1);
	}
	bad |= work_str(o, "counter", 0, &p->counter, cause);
	bad |= work_str(o, "occasion", 0, &p->occasion, cause);
	bad |= work_str(o, "object", 0, &p->object, cause);
	bad |= work_str(o, "service", 0, &p->service, cause);
	bad |= work_ref(o, "staff", 1, &p->staff, NULL, cause);
	bad |= work_str(o, "expires_at", 0, &p->expires_at, cause);
	if (bad == 0)
		bad |= page_items(cJSON_GetObjectItemCaseSensitive(o,
		    "reasons"), &reason_item, &items, &p->nreasons, cause);
	p->reasons = items;
	return (bad ? -1 : 0);
}

void
model_pending_eval_free(void *p)
{
	if (p == NULL)
		return;
	pending_clear(p);
	free(p);
}

int
model_rating_parse(const cJSON *j, struct rating *r, const char **cause)
{
	const cJSON	*f = cJSON_GetObjectItemCaseSensitive(j,
			    "followup_id");
	const cJSON	*g = cJSON_GetObjectItemCaseSensitive(j, "good");
	int		 bad = 0;

	memset(r, 0, sizeof *r);
	*cause = NULL;
	if (json_int(j, "id", &r->id) != 0 || r->id <= 0) {
		*cause = "a rating has no id";
		bad = -1;
	}
	bad |= work_str(j, "level", 0, &r->level, cause);
	if (!cJSON_IsBool(g))
		bad |= mu_fail("good is not a boolean", cause);
	r->good = cJSON_IsTrue(g);
	if (f != NULL && !cJSON_IsNull(f) && (json_int(j, "followup_id",
	    &r->followup_id) != 0 || r->followup_id <= 0)) {
		bad = -1;
		if (*cause == NULL)
			*cause = "followup_id";
	}
	return (bad ? -1 : 0);
}

void
model_rating_free(void *p)
{
	struct rating	*r = p;

	if (r == NULL)
		return;
	free(r->level);
	free(r);
}

API_KIND(kind_pending, struct pending_eval, model_pending_eval_parse,
    model_pending_eval_free);
API_KIND(kind_rating, struct rating, model_rating_parse, model_rating_free);

struct api_call *
api_eval_pending(struct api *a, const char *counter, api_cb cb, void *arg)
{
	struct api_call	*c;
	char		*cn = api_param("counter", counter);

	c = api_callf(a, "GET", NULL, NULL, 0, &kind_pending, cb, arg,
	    "/api/v1/evaluations/pending%s%s", *cn != '\0' ? "?" : "",
	    *cn != '\0' ? cn + 1 : "");
	free(cn);
	return (c);
}

struct api_call *
api_eval_rate(struct api *a, long long pending_id, const char *level,
    const char *reason, const char *key, api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject(), *list;

	cJSON_AddStringToObject(b, "level", level);
	if (reason != NULL) {
		list = cJSON_AddArrayToObject(b, "reasons");
		cJSON_AddItemToArray(list, cJSON_CreateString(reason));
	}
	return (api_callf(a, "POST", b, key, 0, &kind_rating, cb, arg,
	    "/api/v1/evaluations/pending/%lld/rating", pending_id));
}
