/* Follow-ups of bad ratings: the list, one, and its steps. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "followups.h"
#include "json.h"
#include "page.h"
#include "read.h"
#include "../util/xmalloc.h"

static void
step_clear(struct followup_step *s)
{
	free(s->notes);
	free(s->at);
	free(s->staff);
}

/* A Step, or null: then every member is "". */
static int
step_parse(const cJSON *j, const char *key, struct followup_step *s,
    char **answer, const char **cause)
{
	const cJSON	*o = cJSON_GetObjectItemCaseSensitive(j, key);
	int		 bad = 0;

	if (o == NULL || cJSON_IsNull(o)) {
		s->notes = xstrdup("");
		s->at = xstrdup("");
		s->staff = xstrdup("");
		if (answer != NULL)
			*answer = xstrdup("");
		return (0);
	}
	if (!cJSON_IsObject(o)) {
		if (*cause == NULL)
			*cause = key;
		return (-1);
	}
	bad |= work_take(&s->notes, json_text(o, "notes", 1), key, cause);
	bad |= work_str(o, "at", 0, &s->at, cause);
	bad |= work_ref(o, "staff", 1, &s->staff, NULL, cause);
	if (answer != NULL)
		bad |= work_str(o, "answer", 0, answer, cause);
	return (bad ? -1 : 0);
}

/* The reason codes, comma separated. */
static int
reasons_parse(const cJSON *r, char **out, const char **cause)
{
	const cJSON	*list = cJSON_GetObjectItemCaseSensitive(r, "reasons");
	char		**v = NULL;
	size_t		 n = 0, i, len = 1;

	if (mu_strings(&v, &n, list, "reasons", cause) != 0) {
		mu_strings_free(v, n);
		*out = xstrdup("");
		return (-1);
	}
	for (i = 0; i < n; i++)
		len += strlen(v[i]) + 1;
	*out = xcalloc(1, len);
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(*out, ",");
		strcat(*out, v[i]);
	}
	mu_strings_free(v, n);
	return (0);
}

static int
rating_parse(const cJSON *j, struct followup *f, const char **cause)
{
	const cJSON	*r = json_obj(j, "rating");
	int		 bad = 0;

	if (r == NULL) {
		*cause = "a follow-up has no rating";
		return (-1);
	}
	bad |= work_str(r, "level", 0, &f->level, cause);
	bad |= reasons_parse(r, &f->reasons, cause);
	bad |= work_take(&f->comment, json_text(r, "comment", 1), "comment",
	    cause);
	bad |= work_str(r, "channel", 0, &f->channel, cause);
	bad |= work_str(r, "counter", 1, &f->counter, cause);
	bad |= work_str(r, "service", 0, &f->service, cause);
	bad |= work_ref(r, "staff", 1, &f->staff, NULL, cause);
	bad |= work_str(r, "rated_at", 0, &f->rated_at, cause);
	return (bad ? -1 : 0);
}

static void
followup_clear(void *p)
{
	struct followup	*f = p;

	free(f->status);
	free(f->opened_at);
	free(f->due_date);
	free(f->level);
	free(f->reasons);
	free(f->comment);
	free(f->channel);
	free(f->counter);
	free(f->service);
	free(f->staff);
	free(f->rated_at);
	step_clear(&f->callback);
	step_clear(&f->rectification);
	step_clear(&f->closing);
	free(f->answer);
}

static int
followup_fill(const cJSON *j, void *p, const char **cause)
{
	struct followup	*f = p;
	const cJSON	*o = cJSON_GetObjectItemCaseSensitive(j, "overdue");
	int		 bad = 0;

	if (json_int(j, "id", &f->id) != 0 || f->id <= 0 ||
	    json_int(j, "version", &f->version) != 0) {
		*cause = "a follow-up has no id or version";
		bad = -1;
	}
	bad |= work_str(j, "status", 0, &f->status, cause);
	bad |= work_str(j, "opened_at", 0, &f->opened_at, cause);
	bad |= work_str(j, "due_date", 0, &f->due_date, cause);
	if (!cJSON_IsBool(o))
		bad |= mu_fail("overdue is not a boolean", cause);
	f->overdue = cJSON_IsTrue(o);
	bad |= rating_parse(j, f, cause);
	bad |= step_parse(j, "callback", &f->callback, NULL, cause);
	bad |= step_parse(j, "rectification", &f->rectification, NULL, cause);
	bad |= step_parse(j, "closing", &f->closing, &f->answer, cause);
	return (bad ? -1 : 0);
}

static const struct page_item followup_item = {
	sizeof(struct followup), followup_fill, followup_clear
};

int
model_followup_parse(const cJSON *j, struct followup *f, const char **cause)
{
	memset(f, 0, sizeof *f);
	*cause = NULL;
	return (followup_fill(j, f, cause));
}

void
model_followup_free(void *p)
{
	if (p == NULL)
		return;
	followup_clear(p);
	free(p);
}

int
model_followup_page_parse(const cJSON *j, struct followup_page *p,
    const char **cause)
{
	void	*items;
	int	 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = page_parse(j, &followup_item, &items, &p->n, &p->pg, cause);
	p->items = items;
	return (rc);
}

void
model_followup_page_free(void *ptr)
{
	struct followup_page	*p = ptr;

	if (p == NULL)
		return;
	page_items_free(p->items, p->n, &followup_item);
	free(p);
}

API_KIND(kind_followup, struct followup, model_followup_parse,
    model_followup_free);
API_KIND(kind_followups, struct followup_page, model_followup_page_parse,
    model_followup_page_free);

struct api_call *
api_followups(struct api *a, const char *status, int page, int per_page,
    api_cb cb, void *arg)
{
	struct api_call	*c;
	char		*st = api_param("status", status);

	c = api_callf(a, "GET", NULL, NULL, 0, &kind_followups, cb, arg,
	    "/api/v1/followups?page=%d&per_page=%d%s", page, per_page, st);
	free(st);
	return (c);
}

struct api_call *
api_followup(struct api *a, long long id, api_cb cb, void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_followup, cb, arg,
	    "/api/v1/followups/%lld", id));
}

struct api_call *
api_followup_action(struct api *a, long long id, const char *action,
    const char *notes, const char *answer, const char *key, api_cb cb,
    void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddStringToObject(b, "action", action);
	if (notes != NULL && *notes != '\0')
		cJSON_AddStringToObject(b, "notes", notes);
	if (answer != NULL)
		cJSON_AddStringToObject(b, "answer", answer);
	return (api_callf(a, "POST", b, key, 0, &kind_followup, cb, arg,
	    "/api/v1/followups/%lld/actions", id));
}
