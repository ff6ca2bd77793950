/* Applications, their lists and timelines, and hand-offs, from server
 * JSON. */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "model-cases.h"
#include "model-util.h"
#include "../locale/text.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

#define ID_MAX	(1LL << 53)

static void
summary_clear(struct app_summary *s)
{
	free(s->number);
	free(s->status);
	free(s->service);
	free(s->txcode);
	free(s->resident);
	free(s->id_masked);
	free(s->community);
	free(s->created_at);
	free(s->due_date);
}

/* The ApplicationSummary members, which the Application has too. */
static int
summary_parse(const cJSON *j, struct app_summary *s, const char **cause)
{
	const cJSON	*o;
	int		 bad = 0;

	memset(s, 0, sizeof *s);
	bad |= mu_int(&s->id, j, "id", 1, ID_MAX, "an application has no id",
	    cause);
	bad |= mu_int(&s->version, j, "version", 1, ID_MAX,
	    "an application has no version", cause);
	bad |= mu_str(&s->number, j, "number", 0, "no number", cause);
	bad |= mu_str(&s->status, j, "status", 0, "no status", cause);
	bad |= mu_ref(&s->service, j, "service", "name", "no service", cause);
	bad |= mu_ref(&s->txcode, j, "service", "txcode", "no txcode", cause);
	bad |= mu_ref(&s->resident, j, "resident", "name", "no resident",
	    cause);
	bad |= mu_ref(&s->id_masked, j, "resident", "id_number_masked",
	    "no masked ID number", cause);
	bad |= mu_ref(&s->community, j, "community", "name", "no community",
	    cause);
	bad |= mu_str(&s->created_at, j, "created_at", 0, "no created_at",
	    cause);
	bad |= mu_str(&s->due_date, j, "due_date", 1, "bad due date", cause);
	o = cJSON_GetObjectItemCaseSensitive(j, "overdue");
	if (!cJSON_IsBool(o))
		bad |= mu_fail("overdue is not a boolean", cause);
	s->overdue = cJSON_IsTrue(o);
	return (bad ? -1 : 0);
}

/* A list of ApplicationSummary into *items (allocated here). */
static int
summaries_parse(const cJSON *list, struct app_summary **items, size_t *n,
    const char **cause)
{
	const cJSON	*it;

	*n = 0;
	*items = NULL;
	if (!cJSON_IsArray(list)) {
		*cause = "the reply has no items";
		return (-1);
	}
	*items = xcalloc((size_t)cJSON_GetArraySize(list) + 1,
	    sizeof **items);
	cJSON_ArrayForEach(it, list) {
		if (summary_parse(it, &(*items)[*n], cause) != 0) {
			summary_clear(&(*items)[*n]);
			return (-1);
		}
		(*n)++;
	}
	return (0);
}

static void
summaries_free(struct app_summary *items, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		summary_clear(&items[i]);
	free(items);
}

int
model_app_page_parse(const cJSON *j, struct app_page *p, const char **cause)
{
	memset(p, 0, sizeof *p);
	*cause = NULL;
	if (summaries_parse(cJSON_GetObjectItemCaseSensitive(j, "items"),
	    &p->items, &p->n, cause) != 0)
		return (-1);
	return (mu_paging(j, &p->page, &p->per_page, &p->total, cause));
}

void
model_app_page_free(void *ptr)
{
	struct app_page	*p = ptr;

	if (p == NULL)
		return;
	summaries_free(p->items, p->n);
	free(p);
}

/* "name  610***********0021" of the collector, "" when none. */
static int
collector_parse(const cJSON *c, char **out, const char **cause)
{
	char	*name, *id;

	if (c == NULL || cJSON_IsNull(c)) {
		*out = xstrdup("");
		return (0);
	}
	name = json_str(c, "name", 0);
	id = json_str(c, "id_number_masked", 0);
	*out = name != NULL && id != NULL ? xasprintf("%s  %s", name, id) :
	    NULL;
	free(name);
	free(id);
	if (*out == NULL && *cause == NULL)
		*cause = "the collector is malformed";
	return (*out == NULL ? -1 : 0);
}

int
model_app_detail_parse(const cJSON *j, struct app_detail *a,
    const char **cause)
{
	int	bad = 0;

	memset(a, 0, sizeof *a);
	*cause = NULL;
	bad |= summary_parse(j, &a->s, cause);
	bad |= mu_int(&a->service_id, json_obj(j, "service"), "id", 1, ID_MAX,
	    "the service has no id", cause);
	bad |= mu_str(&a->counter, j, "counter", 0, "no counter", cause);
	bad |= mu_ref(&a->staff, j, "staff", "name", "no staff", cause);
	if ((a->note = json_text(j, "note", 1)) == NULL)
		bad |= mu_fail("bad note", cause);
	bad |= mu_str(&a->reason, j, "reason", 1, "bad reason", cause);
	bad |= mu_str(&a->department, j, "department", 1, "bad department",
	    cause);
	bad |= mu_str(&a->updated_at, j, "updated_at", 0, "no updated_at",
	    cause);
	bad |= collector_parse(cJSON_GetObjectItemCaseSensitive(j,
	    "collector"), &a->collector, cause);
	bad |= mu_strings(&a->missing, &a->nmissing,
	    cJSON_GetObjectItemCaseSensitive(j, "missing_materials"),
	    "missing_materials is not a list of text", cause);
	if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(j, "materials")))
		bad |= mu_fail("the materials are not a list", cause);
	if (bad)
		return (-1);
	a->json = cJSON_Duplicate(j, 1);
	return (0);
}

void
model_app_detail_free(void *p)
{
	struct app_detail	*a = p;

	if (a == NULL)
		return;
	summary_clear(&a->s);
	free(a->counter);
	free(a->staff);
	free(a->note);
	free(a->reason);
	free(a->department);
	free(a->collector);
	free(a->updated_at);
	mu_strings_free(a->missing, a->nmissing);
	cJSON_Delete(a->json);
	free(a);
}

/* What an entry carries besides its action: the reason, department,
 * missing materials, collector or note, joined for one line. */
static int
entry_detail(const cJSON *it, char **out, const char **cause)
{
	static const char *const keys[] = { "reason", "department", "note" };
	char		**missing = NULL, *s, *who = NULL;
	size_t		  n = 0, i;
	struct buf	  b;
	int		  bad = 0;

	buf_init(&b);
	buf_add(&b, "", 0);
	bad |= mu_strings(&missing, &n, cJSON_GetObjectItemCaseSensitive(it,
	    "missing_materials"), "missing_materials is not a list", cause);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "", missing[i]);
	mu_strings_free(missing, n);
	bad |= collector_parse(cJSON_GetObjectItemCaseSensitive(it,
	    "collector"), &who, cause);
	if (who != NULL && *who != '\0')
		buf_printf(&b, "%s%s", b.len > 0 ? "; " : "", who);
	free(who);
	for (i = 0; i < sizeof keys / sizeof *keys; i++) {
		s = strcmp(keys[i], "note") == 0 ? json_text(it, keys[i], 1) :
		    json_str(it, keys[i], 1);
		if (s == NULL) {
			bad |= mu_fail("a timeline entry is malformed", cause);
			continue;
		}
		if (*s != '\0')
			buf_printf(&b, "%s%s", b.len > 0 ? "; " : "", s);
		free(s);
	}
	*out = buf_steal(&b);
	return (bad);
}

int
model_timeline_parse(const cJSON *j, struct timeline *t, const char **cause)
{
	const cJSON		*list = cJSON_GetObjectItemCaseSensitive(j,
				    "items"), *it;
	struct timeline_entry	*e;
	int			 bad = 0, page, per_page;

	memset(t, 0, sizeof *t);
	*cause = NULL;
	if (!cJSON_IsArray(list)) {
		*cause = "the reply has no items";
		return (-1);
	}
	t->items = xcalloc((size_t)cJSON_GetArraySize(list) + 1,
	    sizeof *t->items);
	cJSON_ArrayForEach(it, list) {
		e = &t->items[t->n++];
		bad |= mu_str(&e->at, it, "at", 0, "an entry has no time",
		    cause);
		bad |= mu_ref(&e->staff, it, "staff", "name",
		    "an entry has no staff", cause);
		bad |= mu_str(&e->action, it, "action", 0,
		    "an entry has no action", cause);
		bad |= mu_str(&e->to_status, it, "to_status", 0,
		    "an entry has no status", cause);
		bad |= entry_detail(it, &e->detail, cause);
	}
	bad |= mu_paging(j, &page, &per_page, &t->total, cause);
	return (bad ? -1 : 0);
}

void
model_timeline_free(void *p)
{
	struct timeline	*t = p;
	size_t		 i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++) {
		free(t->items[i].at);
		free(t->items[i].staff);
		free(t->items[i].action);
		free(t->items[i].to_status);
		free(t->items[i].detail);
	}
	free(t->items);
	free(t);
}

int
model_handoff_parse(const cJSON *j, struct handoff *h, const char **cause)
{
	int	bad = 0;

	memset(h, 0, sizeof *h);
	*cause = NULL;
	bad |= mu_int(&h->id, j, "id", 1, ID_MAX, "the hand-off has no id",
	    cause);
	bad |= mu_str(&h->number, j, "number", 0, "no number", cause);
	bad |= mu_str(&h->to, j, "to", 0, "no receiving office", cause);
	if ((h->note = json_text(j, "note", 1)) == NULL)
		bad |= mu_fail("bad note", cause);
	bad |= mu_ref(&h->centre, j, "centre", "name", "no centre", cause);
	bad |= mu_ref(&h->staff, j, "staff", "name", "no staff", cause);
	bad |= mu_str(&h->created_at, j, "created_at", 0, "no created_at",
	    cause);
	if (bad)
		return (-1);
	return (summaries_parse(cJSON_GetObjectItemCaseSensitive(j,
	    "applications"), &h->items, &h->n, cause));
}

void
model_handoff_free(void *p)
{
	struct handoff	*h = p;

	if (h == NULL)
		return;
	free(h->number);
	free(h->to);
	free(h->note);
	free(h->centre);
	free(h->staff);
	free(h->created_at);
	summaries_free(h->items, h->n);
	free(h);
}
