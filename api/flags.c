/* Data-error flags: raised, listed, resolved. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "flags.h"
#include "json.h"
#include "page.h"
#include "read.h"
#include "../util/xmalloc.h"

static void
flag_clear(void *p)
{
	struct resident_flag	*f = p;

	free(f->resident);
	free(f->id_masked);
	free(f->text);
	free(f->status);
	free(f->raised_at);
	free(f->raised_by);
	free(f->resolution);
}

static int
flag_item_parse(const cJSON *j, void *p, const char **cause)
{
	struct resident_flag	*f = p;
	const cJSON		*r = json_obj(j, "resident");
	const cJSON		*by = json_obj(j, "raised_by");
	int			 bad = 0;

	memset(f, 0, sizeof *f);
	if (json_int(j, "id", &f->id) != 0 || r == NULL ||
	    json_int(r, "id", &f->resident_id) != 0) {
		*cause = "a flag has no id or resident";
		bad = -1;
	}
	bad |= work_take(&f->resident, r != NULL ? json_str(r, "name", 0) :
	    NULL, "resident", cause);
	bad |= work_take(&f->id_masked, r != NULL ? json_str(r,
	    "id_number_masked", 0) : NULL, "resident", cause);
	bad |= work_take(&f->text, json_text(j, "text", 0), "text", cause);
	bad |= work_take(&f->status, json_str(j, "status", 0), "status",
	    cause);
	bad |= work_take(&f->raised_at, json_str(j, "raised_at", 0),
	    "raised_at", cause);
	bad |= work_take(&f->raised_by, by != NULL ? json_str(by, "name", 0) :
	    NULL, "raised_by", cause);
	bad |= work_take(&f->resolution, json_text(j, "resolution", 1),
	    "resolution", cause);
	return (bad ? -1 : 0);
}

static const struct page_item flag_item = {
	sizeof(struct resident_flag), flag_item_parse, flag_clear
};

int
model_flag_page_parse(const cJSON *j, struct flag_page *p,
    const char **cause)
{
	void	*items;
	int	 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = page_parse(j, &flag_item, &items, &p->n, &p->pg, cause);
	p->items = items;
	return (rc);
}

void
model_flag_page_free(void *ptr)
{
	struct flag_page	*p = ptr;

	if (p == NULL)
		return;
	page_items_free(p->items, p->n, &flag_item);
	free(p);
}

int
model_flag_parse(const cJSON *j, struct resident_flag *f,
    const char **cause)
{
	*cause = NULL;
	return (flag_item_parse(j, f, cause));
}

void
model_flag_free(void *ptr)
{
	if (ptr == NULL)
		return;
	flag_clear(ptr);
	free(ptr);
}

API_KIND(kind_flag, struct resident_flag, model_flag_parse,
    model_flag_free);
API_KIND(kind_flag_page, struct flag_page, model_flag_page_parse,
    model_flag_page_free);

struct api_call *
api_flag_raise(struct api *a, long long resident_id, const char *text,
    const char *key, api_cb cb, void *arg)
{
	cJSON		*b = cJSON_CreateObject();
	char		*path;
	struct api_call	*c;

	cJSON_AddStringToObject(b, "text", text);
	path = xasprintf("/api/v1/residents/%lld/flags", resident_id);
	c = api_call(a, "POST", path, b, key, 0, &kind_flag, cb, arg);
	free(path);
	return (c);
}

struct api_call *
api_flags(struct api *a, const char *status, int page, api_cb cb,
    void *arg)
{
	struct api_call	*c;
	char		*p = api_param("status", status);

	c = api_callf(a, "GET", NULL, NULL, 0, &kind_flag_page, cb, arg,
	    "/api/v1/resident-flags?page=%d&per_page=50%s", page, p);
	free(p);
	return (c);
}

struct api_call *
api_flag_resolve(struct api *a, long long id, const char *resolution,
    const char *key, api_cb cb, void *arg)
{
	cJSON		*b = cJSON_CreateObject();
	char		*path;
	struct api_call	*c;

	cJSON_AddStringToObject(b, "resolution", resolution);
	path = xasprintf("/api/v1/resident-flags/%lld/resolve", id);
	c = api_call(a, "POST", path, b, key, 0, &kind_flag, cb, arg);
	free(path);
	return (c);
}
