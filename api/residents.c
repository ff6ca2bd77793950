/* Residents: search, profile, reveal, update, registration, and the
 * profile's lines about applications and certificates. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "http.h"
#include "json.h"
#include "page.h"
#include "read.h"
#include "residents.h"
#include "../util/utf8.h"
#include "../util/zone.h"
#include "../util/xmalloc.h"

static void
summary_clear(void *p)
{
	struct resident_summary	*s = p;

	free(s->name);
	free(s->sex);
	free(s->id_number_masked);
	free(s->phone_masked);
	free(s->community);
	free(s->address);
	free(s->status);
}

/* A text member that an older server may not send: absent gives dflt,
 * null gives "", anything but text is an error. */
static int
opt_str(const cJSON *j, const char *key, const char *dflt, char **dst,
    const char **cause)
{
	if (cJSON_GetObjectItemCaseSensitive(j, key) == NULL) {
		*dst = xstrdup(dflt);
		return (0);
	}
	return (work_take(dst, json_str(j, key, 1), key, cause));
}

static int
summary_parse(const cJSON *j, void *p, const char **cause)
{
	struct resident_summary	*s = p;
	const cJSON	*c = json_obj(j, "community");
	long long	 age = 0;
	int		 bad = 0;

	memset(s, 0, sizeof *s);
	if (json_int(j, "id", &s->id) != 0 || s->id <= 0) {
		*cause = "a resident has no id";
		bad = -1;
	}
	if (json_int(j, "age", &age) != 0 || age < 0 || age > 200) {
		if (*cause == NULL)
			*cause = "a resident's age is not a number";
		bad = -1;
	}
	s->age = (int)age;
	bad |= work_take(&s->name, json_str(j, "name", 0), "a resident has no name",
	    cause);
	bad |= work_take(&s->sex, json_str(j, "sex", 0), "no sex", cause);
	bad |= work_take(&s->id_number_masked, json_str(j, "id_number_masked", 0),
	    "no masked ID number", cause);
	bad |= work_take(&s->phone_masked, json_str(j, "phone_masked", 1),
	    "bad phone", cause);
	bad |= work_take(&s->address, json_str(j, "address", 1), "bad address",
	    cause);
	bad |= work_take(&s->community, c != NULL ? json_str(c, "name", 0) : NULL,
	    "no community", cause);
	bad |= opt_str(j, "status", "active", &s->status, cause);
	return (bad ? -1 : 0);
}

static const struct page_item summary_item = {
	sizeof(struct resident_summary), summary_parse, summary_clear
};

int
model_resident_page_parse(const cJSON *j, struct resident_page *p,
    const char **cause)
{
	struct page_info	pg = { 0, 0, 0 };
	void			*items;
	int			 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = page_parse(j, &summary_item, &items, &p->n, &pg, cause);
	p->items = items;
	p->page = pg.page;
	p->per_page = pg.per_page;
	p->total = pg.total;
	return (rc);
}

void
model_resident_page_free(void *ptr)
{
	struct resident_page	*p = ptr;

	if (p == NULL)
		return;
	page_items_free(p->items, p->n, &summary_item);
	free(p);
}

int
model_members_parse(const cJSON *list, struct household_member **out,
    size_t *n, const char **cause)
{
	const cJSON		*it;
	struct household_member	*m;
	long long		 age;
	int			 bad = 0;

	*n = 0;
	*out = NULL;
	if (!cJSON_IsArray(list)) {
		*cause = "the household has no members";
		return (-1);
	}
	*out = xcalloc((size_t)cJSON_GetArraySize(list) + 1, sizeof **out);
	cJSON_ArrayForEach(it, list) {
		m = &(*out)[(*n)++];
		if (json_int(it, "id", &m->id) != 0 ||
		    json_int(it, "age", &age) != 0 || age < 0 || age > 200) {
			*cause = "a household member is malformed";
			bad = -1;
		}
		m->age = (int)age;
		bad |= work_take(&m->name, json_str(it, "name", 0), "no name",
		    cause);
		bad |= work_take(&m->relation, json_str(it, "relation", 1),
		    "no relation", cause);
		bad |= work_take(&m->sex, json_str(it, "sex", 0), "no sex", cause);
		bad |= work_take(&m->id_number_masked,
		    json_str(it, "id_number_masked", 0), "no ID", cause);
	}
	return (bad ? -1 : 0);
}

void
model_members_free(struct household_member *m, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(m[i].name);
		free(m[i].relation);
		free(m[i].sex);
		free(m[i].id_number_masked);
	}
	free(m);
}

static int
tags_parse(const cJSON *list, struct resident *r, const char **cause)
{
	const cJSON	*it;

	if (!cJSON_IsArray(list)) {
		*cause = "the tags are not a list";
		return (-1);
	}
	r->tags = xcalloc((size_t)cJSON_GetArraySize(list) + 1,
	    sizeof *r->tags);
	cJSON_ArrayForEach(it, list) {
		if (!cJSON_IsString(it) || it->valuestring == NULL) {
			*cause = "a tag is not text";
			return (-1);
		}
		r->tags[r->ntags++] = utf8_sanitize(it->valuestring, 0);
	}
	return (0);
}

static int
grid_parse(const cJSON *g, struct resident *r, const char **cause)
{
	const cJSON	*m = json_obj(g, "member");
	int		 bad = 0;

	if (g == NULL) {
		r->grid = xstrdup("");
		r->grid_member = xstrdup("");
		r->grid_member_phone = xstrdup("");
		return (0);
	}
	bad |= work_take(&r->grid, json_str(g, "name", 0), "no grid name", cause);
	bad |= work_take(&r->grid_member, m != NULL ? json_str(m, "name", 1) :
	    xstrdup(""), "bad grid member", cause);
	bad |= work_take(&r->grid_member_phone, m != NULL ?
	    json_str(m, "phone_masked", 1) : xstrdup(""), "bad phone", cause);
	return (bad ? -1 : 0);
}

/* A dated object member ({"date": ..., other: ...} or null): both ""
 * when null or absent. */
static int
dated_parse(const cJSON *j, const char *key, const char *other,
    char **date, char **what, const char **cause)
{
	const cJSON	*o = cJSON_GetObjectItemCaseSensitive(j, key);
	int		 bad = 0;

	if (o == NULL || cJSON_IsNull(o)) {
		*date = xstrdup("");
		*what = xstrdup("");
		return (0);
	}
	bad |= work_take(date, cJSON_IsObject(o) ? json_str(o, "date", 0) :
	    NULL, key, cause);
	bad |= work_take(what, cJSON_IsObject(o) ? json_str(o, other, 1) :
	    NULL, key, cause);
	return (bad ? -1 : 0);
}

/* The open data-error flags (none from an older server). */
static int
flags_parse(const cJSON *list, struct resident *r, const char **cause)
{
	const cJSON	*it, *by;
	struct open_flag *f;
	int		 bad = 0;

	if (list == NULL)
		return (0);
	if (!cJSON_IsArray(list)) {
		*cause = "the flags are not a list";
		return (-1);
	}
	r->flags = xcalloc((size_t)cJSON_GetArraySize(list) + 1,
	    sizeof *r->flags);
	cJSON_ArrayForEach(it, list) {
		f = &r->flags[r->nflags++];
		by = json_obj(it, "raised_by");
		if (json_int(it, "id", &f->id) != 0) {
			if (*cause == NULL)
				*cause = "a flag has no id";
			bad = -1;
		}
		bad |= work_take(&f->text, json_text(it, "text", 0), "flag",
		    cause);
		bad |= work_take(&f->raised_at, json_str(it, "raised_at", 0),
		    "flag", cause);
		bad |= work_take(&f->raised_by, by != NULL ? json_str(by, "name",
		    0) : xstrdup(""), "flag", cause);
	}
	return (bad ? -1 : 0);
}

/* Residence, presence, the moves, a death, the open flags. */
static int
status_parse(const cJSON *j, struct resident *r, const char **cause)
{
	int	bad = 0;

	bad |= opt_str(j, "residence", "registered", &r->residence, cause);
	bad |= opt_str(j, "presence", "consistent", &r->presence, cause);
	bad |= dated_parse(j, "moved_in", "from", &r->moved_in_on,
	    &r->moved_in_from, cause);
	bad |= dated_parse(j, "moved_out", "to", &r->moved_out_on,
	    &r->moved_out_to, cause);
	bad |= dated_parse(j, "death", "source", &r->death_date,
	    &r->death_source, cause);
	bad |= flags_parse(cJSON_GetObjectItemCaseSensitive(j, "flags"), r,
	    cause);
	return (bad ? -1 : 0);
}

int
model_resident_parse(const cJSON *j, struct resident *r, const char **cause)
{
	const cJSON	*hh = json_obj(j, "household");
	int		 bad = 0;

	memset(r, 0, sizeof *r);
	*cause = NULL;
	bad |= summary_parse(j, &r->s, cause);
	bad |= work_take(&r->ethnicity, json_str(j, "ethnicity", 1),
	    "bad ethnicity", cause);
	bad |= grid_parse(json_obj(j, "grid"), r, cause);
	if (hh != NULL) {
		json_int(hh, "id", &r->household_id);
		bad |= work_take(&r->household_address, json_str(hh, "address", 1),
		    "bad household", cause);
		bad |= model_members_parse(cJSON_GetObjectItemCaseSensitive(hh,
		    "members"), &r->members, &r->nmembers, cause);
	} else
		r->household_address = xstrdup("");
	bad |= tags_parse(cJSON_GetObjectItemCaseSensitive(j, "tags"), r,
	    cause);
	bad |= status_parse(j, r, cause);
	if (json_int(j, "version", &r->version) != 0) {
		if (*cause == NULL)
			*cause = "the resident has no version";
		bad = -1;
	}
	return (bad ? -1 : 0);
}

void
model_resident_free(void *p)
{
	struct resident	*r = p;
	size_t		 i;

	if (r == NULL)
		return;
	summary_clear(&r->s);
	free(r->ethnicity);
	free(r->grid);
	free(r->grid_member);
	free(r->grid_member_phone);
	free(r->household_address);
	model_members_free(r->members, r->nmembers);
	for (i = 0; i < r->ntags; i++)
		free(r->tags[i]);
	free(r->tags);
	for (i = 0; i < r->nflags; i++) {
		free(r->flags[i].text);
		free(r->flags[i].raised_at);
		free(r->flags[i].raised_by);
	}
	free(r->flags);
	free(r->residence);
	free(r->presence);
	free(r->moved_in_on);
	free(r->moved_in_from);
	free(r->moved_out_on);
	free(r->moved_out_to);
	free(r->death_date);
	free(r->death_source);
	free(r);
}

static void
brief_clear(void *p)
{
	struct brief	*b = p;

	free(b->what);
	free(b->ref);
	free(b->state);
	free(b->date);
}

/* An ApplicationSummary or CertificateSummary as one line's parts. */
static int
brief_parse(const cJSON *it, struct brief *b, int cert, const char **cause)
{
	const cJSON	*o = json_obj(it, cert ? "type" : "service");
	char		*at;

	memset(b, 0, sizeof *b);
	b->what = o != NULL ? json_str(o, "name", 0) : NULL;
	b->ref = json_str(it, cert ? "serial" : "number", 0);
	b->state = cert ? json_str(it, "valid_until", 1) :
	    json_str(it, "status", 0);
	/* the date is enough on a profile: the service zone's */
	at = json_str(it, cert ? "issued_at" : "created_at", 0);
	if (at != NULL) {
		b->date = xmalloc(11);
		zone_local_day(at, b->date);
		free(at);
	}
	if (b->what != NULL && b->ref != NULL && b->state != NULL &&
	    b->date != NULL)
		return (0);
	*cause = "an item is malformed";
	return (-1);
}

static int
app_brief_parse(const cJSON *it, void *b, const char **cause)
{
	return (brief_parse(it, b, 0, cause));
}

static int
cert_brief_parse(const cJSON *it, void *b, const char **cause)
{
	return (brief_parse(it, b, 1, cause));
}

static const struct page_item app_brief_item = {
	sizeof(struct brief), app_brief_parse, brief_clear
};
static const struct page_item cert_brief_item = {
	sizeof(struct brief), cert_brief_parse, brief_clear
};

static int
briefs_parse(const cJSON *j, struct briefs *p, const struct page_item *it,
    const char **cause)
{
	struct page_info	pg = { 0, 0, 0 };
	void			*items;
	int			 rc;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	rc = page_parse(j, it, &items, &p->n, &pg, cause);
	p->items = items;
	p->total = pg.total;
	return (rc);
}

int
model_app_briefs_parse(const cJSON *j, struct briefs *p, const char **cause)
{
	return (briefs_parse(j, p, &app_brief_item, cause));
}

int
model_cert_briefs_parse(const cJSON *j, struct briefs *p, const char **cause)
{
	return (briefs_parse(j, p, &cert_brief_item, cause));
}

void
model_briefs_free(void *ptr)
{
	struct briefs	*p = ptr;

	if (p == NULL)
		return;
	page_items_free(p->items, p->n, &app_brief_item);
	free(p);
}

int
model_revealed_parse(const cJSON *j, struct revealed *r, const char **cause)
{
	memset(r, 0, sizeof *r);
	*cause = NULL;
	r->id_number = json_str(j, "id_number", 0);
	r->phone = json_str(j, "phone", 1);
	r->birth_date = json_str(j, "birth_date", 0);
	if (r->id_number == NULL || r->phone == NULL || r->birth_date == NULL)
		*cause = "the revealed identity is incomplete";
	return (*cause != NULL ? -1 : 0);
}

void
model_revealed_free(void *ptr)
{
	struct revealed	*r = ptr;

	if (r == NULL)
		return;
	/* full numbers stay in memory no longer than they are shown */
	if (r->id_number != NULL)
		explicit_bzero(r->id_number, strlen(r->id_number));
	if (r->phone != NULL)
		explicit_bzero(r->phone, strlen(r->phone));
	free(r->id_number);
	free(r->phone);
	free(r->birth_date);
	free(r);
}

API_KIND(kind_resident_page, struct resident_page,
    model_resident_page_parse, model_resident_page_free);
API_KIND(kind_resident, struct resident, model_resident_parse,
    model_resident_free);
API_KIND(kind_app_briefs, struct briefs, model_app_briefs_parse,
    model_briefs_free);
API_KIND(kind_cert_briefs, struct briefs, model_cert_briefs_parse,
    model_briefs_free);
API_KIND(kind_revealed, struct revealed, model_revealed_parse,
    model_revealed_free);

struct api_call *
api_resident_search(struct api *a, const char *id_number, const char *q,
    int page, api_cb cb, void *arg)
{
	struct api_call	*c;
	char		*v;

	v = http_escape(id_number != NULL ? id_number : q);
	c = api_callf(a, "GET", NULL, NULL, 0, &kind_resident_page, cb, arg,
	    "/api/v1/residents?%s=%s&page=%d&per_page=50",
	    id_number != NULL ? "id_number" : "q", v, page);
	free(v);
	return (c);
}

struct api_call *
api_resident_get(struct api *a, long long id, api_cb cb, void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_resident, cb, arg,
	    "/api/v1/residents/%lld", id));
}

struct api_call *
api_resident_applications(struct api *a, long long id, api_cb cb, void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_app_briefs, cb, arg,
	    "/api/v1/residents/%lld/applications?per_page=5", id));
}

struct api_call *
api_resident_certificates(struct api *a, long long id, api_cb cb, void *arg)
{
	return (api_callf(a, "GET", NULL, NULL, 0, &kind_cert_briefs, cb, arg,
	    "/api/v1/residents/%lld/certificates?per_page=5", id));
}

struct api_call *
api_resident_reveal(struct api *a, long long id, const char *reason,
    api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject();
	char	*path = xasprintf("/api/v1/residents/%lld/reveal", id);
	struct api_call	*c;

	cJSON_AddStringToObject(b, "reason", reason);
	c = api_call(a, "POST", path, b, NULL, 0, &kind_revealed, cb, arg);
	free(path);
	return (c);
}

struct api_call *
api_resident_patch(struct api *a, long long id, long long version,
    cJSON *patch, api_cb cb, void *arg)
{
	struct api_call	*c;
	char		*path;

	path = xasprintf("/api/v1/residents/%lld", id);
	c = api_call(a, "PATCH", path, patch, NULL, version, &kind_resident,
	    cb, arg);
	free(path);
	return (c);
}

struct api_call *
api_resident_transition(struct api *a, long long id, long long version,
    cJSON *body, const char *key, api_cb cb, void *arg)
{
	struct api_call	*c;
	char		*path;

	path = xasprintf("/api/v1/residents/%lld/transitions", id);
	c = api_call(a, "POST", path, body, key, version, &kind_resident, cb,
	    arg);
	free(path);
	return (c);
}

struct api_call *
api_resident_create(struct api *a, cJSON *body, const char *key, api_cb cb,
    void *arg)
{
	return (api_call(a, "POST", "/api/v1/residents", body, key, 0,
	    &kind_resident, cb, arg));
}
