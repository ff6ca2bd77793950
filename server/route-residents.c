/* /api/v1/residents: search and profile. Every query is scoped to the
 * communities of the caller's centre; other residents are "not found".
 * Creating, changing and revealing are in resident-edit.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "http.h"
#include "json.h"
#include "residents.h"
#include "valid.h"
#include "views.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

#define MAX_TAGS	8

/* Columns every summary query selects, in this order. */
#define SUMMARY_COLS "r.id, r.name, r.sex, r.birth_date, r.id_number, " \
	"r.phone, c.id, c.name, r.address"
#define FROM " FROM residents r JOIN communities c ON c.id = r.community_id"
#define TAG(n) "(?" #n " IS NULL OR instr(',' || r.tags || ',', " \
	"',' || ?" #n " || ',') > 0)"
/* Every filter of the search; ?17 is the caller's centre (0: all). */
#define FILTERS \
	"(?1 IS NULL OR r.id_number = ?1) AND " \
	"(?2 IS NULL OR r.phone = ?2) AND " \
	"(?3 IS NULL OR (r.name >= ?3 AND r.name < ?3 || char(1114111))) " \
	"AND (?4 IS NULL OR r.name = ?4) AND " \
	"(?5 IS NULL OR (r.initials >= ?5 AND r.initials < ?5 || '{')) AND " \
	"(?6 IS NULL OR instr(r.address, ?6) > 0) AND " \
	"(?7 IS NULL OR r.grid_id = ?7) AND " \
	"(?8 IS NULL OR r.community_id = ?8) AND " \
	TAG(9) " AND " TAG(10) " AND " TAG(11) " AND " TAG(12) " AND " \
	TAG(13) " AND " TAG(14) " AND " TAG(15) " AND " TAG(16) " AND " \
	"(?17 = 0 OR c.centre_id = ?17)"
#define PAGE " ORDER BY r.id LIMIT ?18 OFFSET ?19"

/* One search: an index-friendly first condition, then every filter. */
#define SEARCH(lead) { \
	"SELECT count(*)" FROM " WHERE " lead FILTERS, \
	"SELECT " SUMMARY_COLS FROM " WHERE " lead FILTERS PAGE }

struct search {
	const char	*count_sql;
	const char	*page_sql;
};

enum { BY_ID, BY_PHONE, BY_NAME, BY_FULL_NAME, BY_INITIALS, BY_GRID,
    BY_COMMUNITY, BY_ANY, BY_NAME_IN_CENTRE, BY_INITIALS_IN_CENTRE };

/* A name or initials prefix holds a whole district's 张 or z: scoped to a
 * centre, it is read per community from (community_id, name) and
 * (community_id, initials), never row by row across the district. */
#define IN_CENTRE "r.community_id IN (SELECT id FROM communities WHERE " \
	"centre_id = ?17) AND "

static const struct search searches[] = {
	SEARCH("r.id_number = ?1 AND "),
	SEARCH("r.phone = ?2 AND "),
	SEARCH("r.name >= ?3 AND r.name < ?3 || char(1114111) AND "),
	SEARCH("r.name = ?4 AND "),
	SEARCH("r.initials >= ?5 AND r.initials < ?5 || '{' AND "),
	SEARCH("r.grid_id = ?7 AND "),
	SEARCH("r.community_id = ?8 AND "),
	SEARCH(""),
	SEARCH(IN_CENTRE "r.name >= ?3 AND r.name < ?3 || char(1114111) AND "),
	SEARCH(IN_CENTRE "r.initials >= ?5 AND r.initials < ?5 || '{' AND "),
};

/* The search's parameters, as bound. */
struct terms {
	char		 id_number[19];
	char		 phone[16];
	const char	*prefix, *name, *address;
	char		 initials[40];
	long long	 grid, community;
	const char	*tags[MAX_TAGS];
	int		 ntags;
};

cJSON *
resident_summary(struct db_stmt *st, time_t now)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "id", db_int(st, 0));
	cJSON_AddStringToObject(o, "name", db_text(st, 1));
	cJSON_AddStringToObject(o, "sex", strcmp(db_text(st, 2), "M") == 0 ?
	    "M" : "F");
	cJSON_AddNumberToObject(o, "age", clock_age(db_text(st, 3), now));
	view_masked_id(o, "id_number_masked", db_text(st, 4));
	view_masked_phone(o, "phone_masked", db_text(st, 5));
	view_ref(o, "community", db_int(st, 6), db_text(st, 7));
	cJSON_AddStringToObject(o, "address", db_text(st, 8));
	return (o);
}

/* q: a mobile number, ASCII letters (pinyin initials) or a name prefix. */
static void
read_q(struct req *r, struct terms *t, cJSON **errors)
{
	const char	*q = q_string(r, "q", 1, 32, errors);
	size_t		 i, n;

	if (q == NULL)
		return;
	n = strlen(q);
	if (valid_phone(q, t->phone) && q[0] == '1')
		return;
	t->phone[0] = '\0';
	for (i = 0; i < n; i++) {
		if (!((q[i] >= 'a' && q[i] <= 'z') ||
		    (q[i] >= 'A' && q[i] <= 'Z')))
			break;
	}
	if (i == n && n < sizeof t->initials) {
		for (i = 0; i <= n; i++)
			t->initials[i] = (char)(q[i] >= 'A' && q[i] <= 'Z' ?
			    q[i] + 32 : q[i]);
		return;
	}
	t->prefix = q;
}

/* Reads every query parameter; 0, or -1 having replied 400. */
static int
read_terms(struct req *r, struct terms *t)
{
	static const char *const	 allowed[] = { "id_number", "q", "name",
	    "phone", "address", "grid_id", "community_id", "tag", NULL };
	const char			*s, *code;
	cJSON				*errors = NULL;

	memset(t, 0, sizeof *t);
	q_check(r, allowed, 1, &errors);
	if ((s = req_arg(r, "id_number")) != NULL &&
	    (code = valid_id_number(s, t->id_number)) != NULL)
		field_error(&errors, "id_number", code,
		    valid_id_message(code));
	read_q(r, t, &errors);
	if ((s = req_arg(r, "phone")) != NULL && !valid_phone(s, t->phone))
		field_error(&errors, "phone", "pattern", "电话号码格式不正确");
	t->name = q_string(r, "name", 1, 30, &errors);
	t->address = q_string(r, "address", 2, 100, &errors);
	q_int(r, "grid_id", 1, JSON_MAX_ID, &errors, &t->grid);
	q_int(r, "community_id", 1, JSON_MAX_ID, &errors, &t->community);
	t->ntags = q_options(r, "tag", valid_tags(), t->tags, MAX_TAGS,
	    &errors);
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* The search whose first condition an index serves best. */
static const struct search *
choose(const struct terms *t, long long centre)
{
	if (t->id_number[0] != '\0')
		return (&searches[BY_ID]);
	if (t->phone[0] != '\0')
		return (&searches[BY_PHONE]);
	if (t->name != NULL)
		return (&searches[BY_FULL_NAME]);
	if (t->prefix != NULL)
		return (&searches[centre != 0 ? BY_NAME_IN_CENTRE : BY_NAME]);
	if (t->initials[0] != '\0')
		return (&searches[centre != 0 ? BY_INITIALS_IN_CENTRE :
		    BY_INITIALS]);
	if (t->grid != 0)
		return (&searches[BY_GRID]);
	if (t->community != 0)
		return (&searches[BY_COMMUNITY]);
	return (&searches[BY_ANY]);
}

/* Binds the terms to one of the search statements. */
static void
bind_terms(struct db_stmt *st, const struct terms *t, long long centre)
{
	int	i;

	if (t->id_number[0] != '\0')
		db_bind_text(st, 1, t->id_number);
	if (t->phone[0] != '\0')
		db_bind_text(st, 2, t->phone);
	if (t->prefix != NULL)
		db_bind_text(st, 3, t->prefix);
	if (t->name != NULL)
		db_bind_text(st, 4, t->name);
	if (t->initials[0] != '\0')
		db_bind_text(st, 5, t->initials);
	if (t->address != NULL)
		db_bind_text(st, 6, t->address);
	if (t->grid != 0)
		db_bind_int(st, 7, t->grid);
	if (t->community != 0)
		db_bind_int(st, 8, t->community);
	for (i = 0; i < t->ntags; i++)
		db_bind_text(st, 9 + i, t->tags[i]);
	db_bind_int(st, 17, centre);
}

/* GET /residents: every parameter ANDed, scoped to the caller. */
static void
search(struct req *r)
{
	const struct search	*s;
	struct terms		 t;
	struct db_stmt		*st;
	cJSON			*items;
	long long		 total = 0;
	time_t			 now = clock_now();
	int			 page, per_page;

	if (read_terms(r, &t) != 0 || req_paging(r, &page, &per_page) != 0)
		return;
	s = choose(&t, req_centre(r));
	st = db_stmt(r->db, s->count_sql);
	bind_terms(st, &t, req_centre(r));
	if (db_step(st) == 1)
		total = db_int(st, 0);
	db_reset(st);
	items = cJSON_CreateArray();
	st = db_stmt(r->db, s->page_sql);
	bind_terms(st, &t, req_centre(r));
	db_bind_int(st, 18, per_page);
	db_bind_int(st, 19, (long long)(page - 1) * per_page);
	while (db_step(st) == 1)
		cJSON_AddItemToArray(items, resident_summary(st, now));
	db_reset(st);
	reply_json(r, 200, view_page(items, page, per_page, total));
}

/* The resident's grid with its member, or null. */
static void
add_grid(struct req *r, cJSON *o, long long grid_id)
{
	struct db_stmt	*st;
	cJSON		*g, *m;

	if (grid_id == 0 || db_query(r->db, &st, "SELECT g.id, g.name, "
	    "s.name, s.phone FROM grids g LEFT JOIN staff s ON "
	    "s.id = g.member_id WHERE g.id = ?", "l", grid_id) != 1) {
		if (grid_id != 0)
			db_reset(st);
		cJSON_AddNullToObject(o, "grid");
		return;
	}
	g = cJSON_AddObjectToObject(o, "grid");
	cJSON_AddNumberToObject(g, "id", db_int(st, 0));
	cJSON_AddStringToObject(g, "name", db_text(st, 1));
	if (db_null(st, 2))
		cJSON_AddNullToObject(g, "member");
	else {
		m = cJSON_AddObjectToObject(g, "member");
		cJSON_AddStringToObject(m, "name", db_text(st, 2));
		view_masked_phone(m, "phone_masked", db_text(st, 3));
	}
	db_reset(st);
}

cJSON *
resident_members(struct db *db, long long hh_id, time_t now)
{
	struct db_stmt	*st;
	cJSON		*list = cJSON_CreateArray(), *m;
	int		 rc;

	rc = db_query(db, &st, "SELECT id, name, relation, sex, birth_date, "
	    "id_number FROM residents WHERE household_id = ? ORDER BY "
	    "relation <> '户主', birth_date, id", "l", hh_id);
	while (rc == 1) {
		m = cJSON_CreateObject();
		cJSON_AddNumberToObject(m, "id", db_int(st, 0));
		cJSON_AddStringToObject(m, "name", db_text(st, 1));
		cJSON_AddStringToObject(m, "relation", db_text(st, 2));
		cJSON_AddStringToObject(m, "sex", db_text(st, 3));
		cJSON_AddNumberToObject(m, "age",
		    clock_age(db_text(st, 4), now));
		view_masked_id(m, "id_number_masked", db_text(st, 5));
		cJSON_AddItemToArray(list, m);
		rc = db_step(st) == 1;
	}
	db_reset(st);
	return (list);
}

/* The resident's household with its members, or null. */
static void
add_household(struct req *r, cJSON *o, long long hh_id, time_t now)
{
	struct db_stmt	*st;
	cJSON		*h;

	if (hh_id == 0 || db_query(r->db, &st, "SELECT id, address FROM "
	    "households WHERE id = ?", "l", hh_id) != 1) {
		if (hh_id != 0)
			db_reset(st);
		cJSON_AddNullToObject(o, "household");
		return;
	}
	h = cJSON_AddObjectToObject(o, "household");
	cJSON_AddNumberToObject(h, "id", db_int(st, 0));
	cJSON_AddStringToObject(h, "address", db_text(st, 1));
	db_reset(st);
	cJSON_AddItemToObject(h, "members", resident_members(r->db, hh_id,
	    now));
}

cJSON *
resident_profile(struct req *r, long long id, long long *version)
{
	struct db_stmt	*st;
	cJSON		*o;
	long long	 grid_id, hh_id;
	time_t		 now = clock_now();

	if (db_query(r->db, &st, "SELECT " SUMMARY_COLS ", r.ethnicity, "
	    "r.grid_id, r.household_id, r.tags, r.version, r.updated_at"
	    FROM " WHERE r.id = ?1 AND (?2 = 0 OR c.centre_id = ?2)", "ll",
	    id, req_centre(r)) != 1) {
		db_reset(st);
		return (NULL);
	}
	o = resident_summary(st, now);
	json_add_nullable(o, "ethnicity", db_text(st, 9));
	grid_id = db_int(st, 10);
	hh_id = db_int(st, 11);
	view_tags(o, db_text(st, 12));
	*version = db_int(st, 13);
	cJSON_AddNumberToObject(o, "version", (double)*version);
	cJSON_AddStringToObject(o, "updated_at", db_text(st, 14));
	db_reset(st);
	add_grid(r, o, grid_id);
	add_household(r, o, hh_id, now);
	return (o);
}

/* GET /residents/{id}: the profile, its view audited. */
static void
profile(struct req *r)
{
	cJSON		*o;
	long long	 id, version;
	char		 object[48];

	if ((id = req_id(r, 0)) < 0)
		return;
	if ((o = resident_profile(r, id, &version)) == NULL) {
		reply_not_found(r);
		return;
	}
	snprintf(object, sizeof object, "resident/%lld", id);
	if (audit_req(r, "view", object, NULL) != 0) {
		cJSON_Delete(o);
		reply_unavailable(r, "审计记录无法写入");
		return;
	}
	reply_versioned(r, 200, o, version);
}

int
resident_visible(struct req *r, long long id)
{
	struct db_stmt	*st;
	int		 rc;

	rc = db_query(r->db, &st, "SELECT 1 FROM residents r JOIN "
	    "communities c ON c.id = r.community_id WHERE r.id = ?1 AND "
	    "(?2 = 0 OR c.centre_id = ?2)", "ll", id, req_centre(r));
	db_reset(st);
	return (rc == 1);
}

const struct route routes_residents[] = {
	{ "GET", "/api/v1/residents", search, 0, ROLE_ANY },
	{ "GET", "/api/v1/residents/{id}", profile, 0, ROLE_ANY },
	{ "POST", "/api/v1/residents", resident_create,
	    ROUTE_IDEM | ROUTE_BODY, ROLE_ANY },
	{ "PATCH", "/api/v1/residents/{id}", resident_patch,
	    ROUTE_IF_MATCH | ROUTE_BODY_OPT | ROUTE_PATCH, ROLE_ANY },
	{ "POST", "/api/v1/residents/{id}/reveal", resident_reveal,
	    ROUTE_BODY, ROLE_ANY },
	{ "GET", "/api/v1/residents/{id}/applications",
	    resident_applications, 0, ROLE_ANY },
	{ "GET", "/api/v1/residents/{id}/certificates",
	    resident_certificates, 0, ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN },
	{ NULL, NULL, NULL, 0, 0 }
};
