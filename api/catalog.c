/* The service catalog: a whole service, the search's summaries and the
 * service categories. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "http.h"
#include "json.h"
#include "page.h"
#include "read.h"
#include "catalog.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

static int
txcode_ok(const char *s)
{
	size_t	i;

	if (strlen(s) != 4)
		return (0);
	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return (0);
	}
	return (1);
}

int
model_service_parse(const cJSON *j, struct service *s, const char **cause)
{
	memset(s, 0, sizeof *s);
	*cause = NULL;
	if (json_int(j, "id", &s->id) != 0 || s->id <= 0)
		*cause = "the service has no id";
	else if ((s->txcode = json_str(j, "txcode", 0)) == NULL ||
	    !txcode_ok(s->txcode))
		*cause = "the service has no transaction code";
	else if ((s->name = json_str(j, "name", 0)) == NULL)
		*cause = "the service has no name";
	else if ((s->name_en = json_str(j, "name_en", 1)) == NULL)
		*cause = "the service's English name is not text";
	else if (json_obj(j, "form") == NULL)
		*cause = "the service has no form";
	if (*cause != NULL)
		return (-1);
	s->json = cJSON_Duplicate(j, 1);
	return (0);
}

void
model_service_free(void *p)
{
	struct service	*s = p;

	if (s == NULL)
		return;
	free(s->txcode);
	free(s->name);
	free(s->name_en);
	cJSON_Delete(s->json);
	free(s);
}

static void
summary_clear(void *p)
{
	struct service_summary	*s = p;

	free(s->txcode);
	free(s->name);
	free(s->name_en);
	free(s->category);
}

static int
summary_parse(const cJSON *j, void *p, const char **cause)
{
	struct service_summary	*s = p;
	const cJSON		*fee, *id;
	int			 bad = 0;

	id = cJSON_GetObjectItemCaseSensitive(j, "id");
	fee = cJSON_GetObjectItemCaseSensitive(j, "fee_fen");
	if (!cJSON_IsNumber(id) || !cJSON_IsNumber(fee) ||
	    fee->valuedouble < 0) {
		*cause = "bad service summary";
		return (-1);
	}
	s->id = (long long)id->valuedouble;
	s->fee_fen = (long long)fee->valuedouble;
	bad |= work_str(j, "txcode", 0, &s->txcode, cause);
	bad |= work_str(j, "name", 0, &s->name, cause);
	bad |= work_str(j, "name_en", 0, &s->name_en, cause);
	bad |= work_ref(j, "category", 0, &s->category, NULL, cause);
	bad |= work_int(j, "time_limit_days", 0, &s->time_limit_days, cause);
	return (bad ? -1 : 0);
}

static const struct page_item summary_item = {
	sizeof(struct service_summary), summary_parse, summary_clear
};

int
model_service_page_parse(const cJSON *j, struct service_page *p,
    const char **cause)
{
	void	*items;
	int	 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = page_parse(j, &summary_item, &items, &p->n, &p->pg, cause);
	p->items = items;
	return (rc);
}

void
model_service_page_free(void *v)
{
	struct service_page	*p = v;

	if (p == NULL)
		return;
	page_items_free(p->items, p->n, &summary_item);
	free(p);
}

static void
category_clear(void *p)
{
	struct category	*c = p;

	free(c->code);
	free(c->name);
	free(c->name_en);
	free(c->queue_prefix);
}

static int
category_parse(const cJSON *j, void *p, const char **cause)
{
	struct category	*c = p;
	int		 bad = 0;

	if (json_int(j, "id", &c->id) != 0 || c->id <= 0) {
		*cause = "a category has no id";
		bad = -1;
	}
	bad |= work_str(j, "code", 0, &c->code, cause);
	bad |= work_str(j, "name", 0, &c->name, cause);
	bad |= work_str(j, "name_en", 1, &c->name_en, cause);
	bad |= work_str(j, "queue_prefix", 0, &c->queue_prefix, cause);
	return (bad ? -1 : 0);
}

static const struct page_item category_item = {
	sizeof(struct category), category_parse, category_clear
};

int
model_category_list_parse(const cJSON *j, struct category_list *l,
    const char **cause)
{
	void	*items;
	int	 rc;

	memset(l, 0, sizeof *l);
	*cause = NULL;
	rc = page_parse(j, &category_item, &items, &l->n, NULL, cause);
	l->items = items;
	return (rc);
}

void
model_category_list_free(void *p)
{
	struct category_list	*l = p;

	if (l == NULL)
		return;
	page_items_free(l->items, l->n, &category_item);
	free(l);
}

API_KIND(kind_service, struct service, model_service_parse,
    model_service_free);
API_KIND(kind_service_page, struct service_page, model_service_page_parse,
    model_service_page_free);
API_KIND(kind_categories, struct category_list, model_category_list_parse,
    model_category_list_free);

struct api_call *
api_service_by_code(struct api *a, const char *txcode, api_cb cb, void *arg)
{
	struct api_call	*c;
	char		*v = http_escape(txcode);

	c = api_callf(a, "GET", NULL, NULL, 0, &kind_service, cb, arg,
	    "/api/v1/services/by-code/%s", v);
	free(v);
	return (c);
}

struct api_call *
api_service_get(struct api *a, long long id, api_cb cb, void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_service, cb, arg,
	    "/api/v1/services/%lld", id));
}

struct api_call *
api_services(struct api *a, const char *q, long long category_id, int page,
    int per_page, api_cb cb, void *arg)
{
	struct api_call	*c;
	struct buf	 b;
	char		*v, *path;

	buf_init(&b);
	buf_printf(&b, "/api/v1/services?page=%d&per_page=%d", page,
	    per_page);
	if (category_id > 0)
		buf_printf(&b, "&category_id=%lld", category_id);
	if (q != NULL && *q != '\0') {
		v = http_escape(q);
		buf_printf(&b, "&q=%s", v);
		free(v);
	}
	path = buf_steal(&b);
	c = api_call(a, "GET", path, NULL, NULL, 0, &kind_service_page, cb,
	    arg);
	free(path);
	return (c);
}

struct api_call *
api_categories(struct api *a, api_cb cb, void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_categories, cb, arg,
	    "/api/v1/service-categories"));
}
