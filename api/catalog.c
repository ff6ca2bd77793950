/* The catalog search: strict summaries, each string sanitized by the
 * work_* readers, and the query escaped into the URL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "http.h"
#include "work-int.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

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

int
model_service_page_parse(const cJSON *j, struct service_page *p,
    const char **cause)
{
	void	*items;
	int	 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = work_page(j, sizeof *p->items, summary_parse, summary_clear,
	    &items, &p->n, &p->pg, cause);
	p->items = items;
	return (rc);
}

void
model_service_page_free(void *v)
{
	struct service_page	*p = v;

	if (p == NULL)
		return;
	work_items_free(p->items, p->n, sizeof *p->items, summary_clear);
	free(p);
}

static int
parse_page(const cJSON *j, void *m, const char **cause)
{
	return (model_service_page_parse(j, m, cause));
}

static const struct api_kind service_page_kind = {
	parse_page, sizeof(struct service_page), model_service_page_free
};

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
	c = api_call(a, "GET", path, NULL, NULL, 0, &service_page_kind, cb,
	    arg);
	free(path);
	return (c);
}
