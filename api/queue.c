/* The queue: tickets, their pages and actions. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "http.h"
#include "json.h"
#include "page.h"
#include "read.h"
#include "queue.h"
#include "../util/xmalloc.h"

static void
ticket_clear(void *p)
{
	struct ticket	*t = p;

	free(t->number);
	free(t->category);
	free(t->status);
	free(t->issued_at);
	free(t->queued_at);
	free(t->called_at);
	free(t->counter);
	free(t->called_by);
	free(t->resident);
}

static int
ticket_fill(const cJSON *j, void *p, const char **cause)
{
	struct ticket	*t = p;
	int		 bad = 0;

	if (json_int(j, "id", &t->id) != 0 || t->id <= 0) {
		*cause = "a ticket has no id";
		bad = -1;
	}
	bad |= work_str(j, "number", 0, &t->number, cause);
	bad |= work_ref(j, "category", 0, &t->category, &t->category_id,
	    cause);
	bad |= work_str(j, "status", 0, &t->status, cause);
	bad |= work_str(j, "issued_at", 0, &t->issued_at, cause);
	bad |= work_str(j, "queued_at", 0, &t->queued_at, cause);
	bad |= work_str(j, "called_at", 1, &t->called_at, cause);
	bad |= work_str(j, "counter", 1, &t->counter, cause);
	bad |= work_ref(j, "called_by", 1, &t->called_by, NULL, cause);
	bad |= work_ref(j, "resident", 1, &t->resident, NULL, cause);
	bad |= work_int(j, "recalls", 0, &t->recalls, cause);
	bad |= work_int(j, "waiting_ahead", 1, &t->waiting_ahead, cause);
	return (bad ? -1 : 0);
}

static const struct page_item ticket_item = {
	sizeof(struct ticket), ticket_fill, ticket_clear
};

int
model_ticket_parse(const cJSON *j, struct ticket *t, const char **cause)
{
	memset(t, 0, sizeof *t);
	*cause = NULL;
	return (ticket_fill(j, t, cause));
}

void
model_ticket_free(void *p)
{
	if (p == NULL)
		return;
	ticket_clear(p);
	free(p);
}

/* The day's counts of the centre, beside the page. */
static int
counts_parse(const cJSON *c, struct ticket_page *p, const char **cause)
{
	int	bad = 0;

	if (!cJSON_IsObject(c)) {
		*cause = "the reply has no counts";
		return (-1);
	}
	bad |= work_int(c, "waiting", 0, &p->waiting, cause);
	bad |= work_int(c, "called", 0, &p->called, cause);
	bad |= work_int(c, "serving", 0, &p->serving, cause);
	bad |= work_int(c, "done", 0, &p->done, cause);
	bad |= work_int(c, "skipped", 0, &p->skipped, cause);
	return (bad ? -1 : 0);
}

int
model_ticket_page_parse(const cJSON *j, struct ticket_page *p,
    const char **cause)
{
	void	*items;
	int	 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = page_parse(j, &ticket_item, &items, &p->n, &p->pg, cause);
	p->items = items;
	if (rc != 0)
		return (rc);
	return (counts_parse(cJSON_GetObjectItemCaseSensitive(j, "counts"), p,
	    cause));
}

void
model_ticket_page_free(void *ptr)
{
	struct ticket_page	*p = ptr;

	if (p == NULL)
		return;
	page_items_free(p->items, p->n, &ticket_item);
	free(p);
}

API_KIND(kind_ticket, struct ticket, model_ticket_parse, model_ticket_free);
API_KIND(kind_tickets, struct ticket_page, model_ticket_page_parse,
    model_ticket_page_free);

/* "waiting,skipped" as status=waiting&status=skipped. */
static char *
statuses(const char *list)
{
	char	*copy = xstrdup(list), *p = copy, *w, *out = xstrdup("");
	char	*next;

	while ((w = strsep(&p, ",")) != NULL) {
		if (*w == '\0')
			continue;
		next = xasprintf("%s&status=%s", out, w);
		free(out);
		out = next;
	}
	free(copy);
	return (out);
}

struct api_call *
api_tickets(struct api *a, const char *status, const char *counter,
    int per_page, api_cb cb, void *arg)
{
	struct api_call	*c;
	char		*st = statuses(status != NULL ? status : "");
	char		*cn = api_param("counter", counter);

	c = api_callf(a, "GET", NULL, NULL, 0, &kind_tickets, cb, arg,
	    "/api/v1/queue/tickets?per_page=%d%s%s", per_page, st, cn);
	free(st);
	free(cn);
	return (c);
}

struct api_call *
api_ticket_issue(struct api *a, long long category_id, const char *key,
    api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddNumberToObject(b, "category_id", (double)category_id);
	return (api_callf(a, "POST", b, key, 0, &kind_ticket, cb, arg,
	    "/api/v1/queue/tickets"));
}

struct api_call *
api_call_next(struct api *a, const char *counter, const char *key,
    api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	if (counter != NULL && *counter != '\0')
		cJSON_AddStringToObject(b, "counter", counter);
	return (api_callf(a, "POST", b, key, 0, &kind_ticket, cb, arg,
	    "/api/v1/queue/call-next"));
}

struct api_call *
api_ticket_action(struct api *a, long long id, const char *action,
    const char *key, api_cb cb, void *arg)
{
	return (api_callf(a, "POST", cJSON_CreateObject(), key, 0, &kind_ticket,
	    cb, arg, "/api/v1/queue/tickets/%lld/%s", id, action));
}

struct api_call *
api_ticket_transfer(struct api *a, long long id, const char *counter,
    long long category_id, const char *key, api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	if (counter != NULL)
		cJSON_AddStringToObject(b, "counter", counter);
	else
		cJSON_AddNumberToObject(b, "category_id", (double)category_id);
	return (api_callf(a, "POST", b, key, 0, &kind_ticket, cb, arg,
	    "/api/v1/queue/tickets/%lld/transfer", id));
}
