/* Parsing server JSON into the client's models. */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "model.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

/* Takes a parsed string into *dst, remembering the first failure. */
static int
take(char **dst, char *value, const char *what, const char **cause)
{
	*dst = value;
	if (value == NULL && *cause == NULL)
		*cause = what;
	return (value == NULL ? -1 : 0);
}

static int
token_ok(const char *t)
{
	size_t	i, n = strlen(t);

	if (n < 32 || n > 128)
		return (0);
	for (i = 0; i < n; i++) {
		if (!((t[i] >= '0' && t[i] <= '9') ||
		    (t[i] >= 'a' && t[i] <= 'f')))
			return (0);
	}
	return (1);
}

/* The centre's communities, for forms that ask for one; a malformed
 * entry is skipped, not fatal to the login. */
static void
communities_parse(const cJSON *staff, struct api_session *s)
{
	const cJSON	*list, *it;
	char		*name;
	long long	 id;

	list = cJSON_GetObjectItemCaseSensitive(staff, "communities");
	if (!cJSON_IsArray(list))
		return;
	s->communities = xcalloc((size_t)cJSON_GetArraySize(list) + 1,
	    sizeof *s->communities);
	cJSON_ArrayForEach(it, list) {
		if (json_int(it, "id", &id) != 0 ||
		    (name = json_str(it, "name", 0)) == NULL)
			continue;
		s->communities[s->ncommunities].id = id;
		s->communities[s->ncommunities++].name = name;
	}
}

int
model_session_parse(const cJSON *j, struct api_session *s,
    const char **cause)
{
	const cJSON	*staff = json_obj(j, "staff"), *centre;
	long long	 idle = 900;
	int		 bad = 0;

	memset(s, 0, sizeof *s);
	*cause = NULL;
	if (staff == NULL) {
		*cause = "the session has no staff";
		return (-1);
	}
	centre = json_obj(staff, "centre");
	bad |= take(&s->token, json_str(j, "token", 0), "no token", cause);
	bad |= take(&s->counter, json_str(j, "counter", 0), "no counter",
	    cause);
	bad |= take(&s->staff_name, json_str(staff, "name", 0),
	    "no staff name", cause);
	bad |= take(&s->username, json_str(staff, "username", 0),
	    "no username", cause);
	bad |= take(&s->role, json_str(staff, "role", 0), "no role", cause);
	s->centre_name = centre != NULL ? json_str(centre, "name", 1) :
	    xstrdup("");
	bad |= take(&s->centre_name, s->centre_name, "bad centre", cause);
	communities_parse(staff, s);
	s->time_zone = json_str(j, "time_zone", 1);
	s->must_change_password = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(
	    j, "must_change_password"));
	if (json_int(j, "idle_timeout_s", &idle) == 0 && idle > 0 &&
	    idle < 86400)
		s->idle_timeout_s = (int)idle;
	if (!bad && !token_ok(s->token)) {
		*cause = "the token is malformed";
		bad = 1;
	}
	return (bad ? -1 : 0);
}

void
model_session_free(void *p)
{
	struct api_session	*s = p;

	if (s == NULL)
		return;
	if (s->token != NULL)
		explicit_bzero(s->token, strlen(s->token));
	free(s->token);
	free(s->staff_name);
	free(s->username);
	free(s->role);
	free(s->centre_name);
	free(s->counter);
	free(s->time_zone);
	while (s->ncommunities > 0)
		free(s->communities[--s->ncommunities].name);
	free(s->communities);
	free(s);
}

static void
summary_clear(struct resident_summary *s)
{
	free(s->name);
	free(s->sex);
	free(s->id_number_masked);
	free(s->phone_masked);
	free(s->community);
	free(s->address);
}

static int
summary_parse(const cJSON *j, struct resident_summary *s,
    const char **cause)
{
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
	bad |= take(&s->name, json_str(j, "name", 0), "a resident has no name",
	    cause);
	bad |= take(&s->sex, json_str(j, "sex", 0), "no sex", cause);
	bad |= take(&s->id_number_masked, json_str(j, "id_number_masked", 0),
	    "no masked ID number", cause);
	bad |= take(&s->phone_masked, json_str(j, "phone_masked", 1),
	    "bad phone", cause);
	bad |= take(&s->address, json_str(j, "address", 1), "bad address",
	    cause);
	bad |= take(&s->community, c != NULL ? json_str(c, "name", 0) : NULL,
	    "no community", cause);
	return (bad ? -1 : 0);
}

int
model_resident_page_parse(const cJSON *j, struct resident_page *p,
    const char **cause)
{
	const cJSON	*items = cJSON_GetObjectItemCaseSensitive(j, "items");
	const cJSON	*it;
	long long	 v;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	if (!cJSON_IsArray(items)) {
		*cause = "the reply has no items";
		return (-1);
	}
	p->items = xcalloc((size_t)cJSON_GetArraySize(items) + 1,
	    sizeof *p->items);
	cJSON_ArrayForEach(it, items) {
		if (summary_parse(it, &p->items[p->n], cause) != 0) {
			summary_clear(&p->items[p->n]);
			return (-1);
		}
		p->n++;
	}
	if (json_int(j, "total", &p->total) != 0 || p->total < 0 ||
	    json_int(j, "page", &v) != 0 || v < 1 || v > 1000000) {
		*cause = "the reply has no paging";
		return (-1);
	}
	p->page = (int)v;
	if (json_int(j, "per_page", &v) != 0 || v < 1 || v > 1000) {
		*cause = "the reply has no paging";
		return (-1);
	}
	p->per_page = (int)v;
	return (0);
}

void
model_resident_page_free(void *ptr)
{
	struct resident_page	*p = ptr;
	size_t			 i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		summary_clear(&p->items[i]);
	free(p->items);
	free(p);
}

static int
members_parse(const cJSON *list, struct resident *r, const char **cause)
{
	const cJSON		*it;
	struct household_member	*m;
	long long		 age;
	int			 bad = 0;

	if (!cJSON_IsArray(list)) {
		*cause = "the household has no members";
		return (-1);
	}
	r->members = xcalloc((size_t)cJSON_GetArraySize(list) + 1,
	    sizeof *r->members);
	cJSON_ArrayForEach(it, list) {
		m = &r->members[r->nmembers++];
		if (json_int(it, "id", &m->id) != 0 ||
		    json_int(it, "age", &age) != 0 || age < 0 || age > 200) {
			*cause = "a household member is malformed";
			bad = -1;
		}
		m->age = (int)age;
		bad |= take(&m->name, json_str(it, "name", 0), "no name",
		    cause);
		bad |= take(&m->relation, json_str(it, "relation", 1),
		    "no relation", cause);
		bad |= take(&m->sex, json_str(it, "sex", 0), "no sex", cause);
		bad |= take(&m->id_number_masked,
		    json_str(it, "id_number_masked", 0), "no ID", cause);
	}
	return (bad ? -1 : 0);
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
		r->tags[r->ntags++] = text_sanitize(it->valuestring, 0);
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
	bad |= take(&r->grid, json_str(g, "name", 0), "no grid name", cause);
	bad |= take(&r->grid_member, m != NULL ? json_str(m, "name", 1) :
	    xstrdup(""), "bad grid member", cause);
	bad |= take(&r->grid_member_phone, m != NULL ?
	    json_str(m, "phone_masked", 1) : xstrdup(""), "bad phone", cause);
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
	bad |= take(&r->ethnicity, json_str(j, "ethnicity", 1),
	    "bad ethnicity", cause);
	bad |= grid_parse(json_obj(j, "grid"), r, cause);
	if (hh != NULL) {
		bad |= take(&r->household_address, json_str(hh, "address", 1),
		    "bad household", cause);
		bad |= members_parse(cJSON_GetObjectItemCaseSensitive(hh,
		    "members"), r, cause);
	} else
		r->household_address = xstrdup("");
	bad |= tags_parse(cJSON_GetObjectItemCaseSensitive(j, "tags"), r,
	    cause);
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
	for (i = 0; i < r->nmembers; i++) {
		free(r->members[i].name);
		free(r->members[i].relation);
		free(r->members[i].sex);
		free(r->members[i].id_number_masked);
	}
	free(r->members);
	for (i = 0; i < r->ntags; i++)
		free(r->tags[i]);
	free(r->tags);
	free(r);
}
