/* /api/v1/residents: search and profile. Every query is scoped to the
 * communities of the caller's centre; other residents are "not found". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "http.h"
#include "../forms/idnum.h"
#include "../forms/phone.h"
#include "../locale/text.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

/* Columns every summary query selects, in this order. */
#define SUMMARY_COLS "r.id, r.name, r.sex, r.birth_date, r.id_number, " \
	"r.phone, c.id, c.name, r.address"
#define VISIBLE "(?2 = 0 OR c.centre_id = ?2)"

struct search {
	const char	*count_sql;
	const char	*page_sql;
};

static const struct search by_id_number = {
	"SELECT count(*) FROM residents r JOIN communities c ON "
	"c.id = r.community_id WHERE r.id_number = ?1 AND " VISIBLE,
	"SELECT " SUMMARY_COLS " FROM residents r JOIN communities c ON "
	"c.id = r.community_id WHERE r.id_number = ?1 AND " VISIBLE
	" ORDER BY r.id LIMIT ?3 OFFSET ?4"
};

static const struct search by_phone = {
	"SELECT count(*) FROM residents r JOIN communities c ON "
	"c.id = r.community_id WHERE r.phone = ?1 AND " VISIBLE,
	"SELECT " SUMMARY_COLS " FROM residents r JOIN communities c ON "
	"c.id = r.community_id WHERE r.phone = ?1 AND " VISIBLE
	" ORDER BY r.id LIMIT ?3 OFFSET ?4"
};

/* A name prefix as a range, so that the name index serves it: every
 * string that starts with ?1 sorts below ?1 followed by U+10FFFF. */
static const struct search by_name = {
	"SELECT count(*) FROM residents r JOIN communities c ON "
	"c.id = r.community_id WHERE r.name >= ?1 AND r.name < ?1 || "
	"char(1114111) AND " VISIBLE,
	"SELECT " SUMMARY_COLS " FROM residents r JOIN communities c ON "
	"c.id = r.community_id WHERE r.name >= ?1 AND r.name < ?1 || "
	"char(1114111) AND " VISIBLE " ORDER BY r.id "
	"LIMIT ?3 OFFSET ?4"
};

static void
add_masked(cJSON *o, const char *key, const char *value,
    char *(*mask)(const char *))
{
	char	*m;

	if (value == NULL || *value == '\0') {
		cJSON_AddNullToObject(o, key);
		return;
	}
	m = mask(value);
	cJSON_AddStringToObject(o, key, m);
	free(m);
}

static const char *
sex_name(const char *s)
{
	return (strcmp(s, "M") == 0 ? "M" : "F");
}

static cJSON *
summary_json(sqlite3_stmt *st, time_t now)
{
	cJSON	*o = cJSON_CreateObject(), *c;

	cJSON_AddNumberToObject(o, "id", sqlite3_column_int64(st, 0));
	cJSON_AddStringToObject(o, "name", db_text(st, 1));
	cJSON_AddStringToObject(o, "sex", sex_name(db_text(st, 2)));
	cJSON_AddNumberToObject(o, "age", clock_age(db_text(st, 3), now));
	add_masked(o, "id_number_masked", db_text(st, 4), idnum_mask);
	add_masked(o, "phone_masked", db_text(st, 5), phone_mask);
	c = cJSON_AddObjectToObject(o, "community");
	cJSON_AddNumberToObject(c, "id", sqlite3_column_int64(st, 6));
	cJSON_AddStringToObject(c, "name", db_text(st, 7));
	cJSON_AddStringToObject(o, "address", db_text(st, 8));
	return (o);
}

/* Chooses the search from the query, or replies 400 and returns NULL. */
static const struct search *
choose(struct req *r, char **key)
{
	const char		*id = req_arg(r, "id_number");
	const char		*q = req_arg(r, "q");
	const char		*phone = req_arg(r, "phone");
	const char		*name = req_arg(r, "name");
	struct idnum_info	 info;
	enum idnum_error	 e;
	cJSON			*errors = NULL;

	if (id != NULL) {
		e = idnum_check(id, clock_now(), &info);
		if (e == IDNUM_OK && info.legacy)
			e = IDNUM_LENGTH;
		if (e != IDNUM_OK) {
			field_error(&errors, "id_number", idnum_code(e),
			    idnum_strerror(e));
			reply_validation(r, errors);
			return (NULL);
		}
		*key = xstrdup(info.normalized);
		return (&by_id_number);
	}
	if (q != NULL && phone_is_mobile(q))
		phone = q;
	else if (q != NULL)
		name = q;
	if (phone != NULL) {
		*key = xstrdup(phone);
		return (&by_phone);
	}
	if (name != NULL && *name != '\0' && utf8_chars(name) <= 50) {
		*key = xstrdup(name);
		return (&by_name);
	}
	field_error(&errors, "q", "required", "Give id_number, phone, name "
	    "or q (1 to 50 characters).");
	reply_validation(r, errors);
	return (NULL);
}

static void
search(struct req *r)
{
	const struct search	*s;
	sqlite3_stmt		*st;
	cJSON			*out, *items;
	char			*key = NULL;
	long long		 total = 0;
	time_t			 now = clock_now();
	int			 page, per_page, rc;

	if (req_paging(r, &page, &per_page) != 0 ||
	    (s = choose(r, &key)) == NULL)
		return;
	if (db_query(r->db, &st, s->count_sql, "tl", key,
	    r->staff->centre_id) == 1)
		total = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	out = cJSON_CreateObject();
	items = cJSON_AddArrayToObject(out, "items");
	rc = db_query(r->db, &st, s->page_sql, "tldl", key,
	    r->staff->centre_id, per_page,
	    (long long)(page - 1) * per_page);
	while (rc == 1) {
		cJSON_AddItemToArray(items, summary_json(st, now));
		rc = sqlite3_step(st) == SQLITE_ROW;
	}
	sqlite3_reset(st);
	free(key);
	cJSON_AddNumberToObject(out, "page", page);
	cJSON_AddNumberToObject(out, "per_page", per_page);
	cJSON_AddNumberToObject(out, "total", (double)total);
	reply_json(r, 200, out);
}

static void
add_grid(struct req *r, cJSON *o, long long grid_id)
{
	sqlite3_stmt	*st;
	cJSON		*g, *m;

	if (grid_id == 0 || db_query(r->db, &st, "SELECT g.id, g.name, "
	    "s.name, s.phone FROM grids g LEFT JOIN staff s ON "
	    "s.id = g.member_id WHERE g.id = ?", "l", grid_id) != 1) {
		if (grid_id != 0)
			sqlite3_reset(st);
		cJSON_AddNullToObject(o, "grid");
		return;
	}
	g = cJSON_AddObjectToObject(o, "grid");
	cJSON_AddNumberToObject(g, "id", sqlite3_column_int64(st, 0));
	cJSON_AddStringToObject(g, "name", db_text(st, 1));
	if (sqlite3_column_type(st, 2) == SQLITE_NULL)
		cJSON_AddNullToObject(g, "member");
	else {
		m = cJSON_AddObjectToObject(g, "member");
		cJSON_AddStringToObject(m, "name", db_text(st, 2));
		add_masked(m, "phone_masked", db_text(st, 3), phone_mask);
	}
	sqlite3_reset(st);
}

static void
add_household(struct req *r, cJSON *o, long long hh_id, time_t now)
{
	sqlite3_stmt	*st;
	cJSON		*h, *list, *m;
	int		 rc;

	if (hh_id == 0 || db_query(r->db, &st, "SELECT id, address FROM "
	    "households WHERE id = ?", "l", hh_id) != 1) {
		if (hh_id != 0)
			sqlite3_reset(st);
		cJSON_AddNullToObject(o, "household");
		return;
	}
	h = cJSON_AddObjectToObject(o, "household");
	cJSON_AddNumberToObject(h, "id", sqlite3_column_int64(st, 0));
	cJSON_AddStringToObject(h, "address", db_text(st, 1));
	sqlite3_reset(st);
	list = cJSON_AddArrayToObject(h, "members");
	rc = db_query(r->db, &st, "SELECT id, name, relation, sex, "
	    "birth_date, id_number FROM residents WHERE household_id = ? "
	    "ORDER BY relation <> '户主', birth_date, id", "l", hh_id);
	while (rc == 1) {
		m = cJSON_CreateObject();
		cJSON_AddNumberToObject(m, "id", sqlite3_column_int64(st, 0));
		cJSON_AddStringToObject(m, "name", db_text(st, 1));
		cJSON_AddStringToObject(m, "relation", db_text(st, 2));
		cJSON_AddStringToObject(m, "sex", sex_name(db_text(st, 3)));
		cJSON_AddNumberToObject(m, "age",
		    clock_age(db_text(st, 4), now));
		add_masked(m, "id_number_masked", db_text(st, 5), idnum_mask);
		cJSON_AddItemToArray(list, m);
		rc = sqlite3_step(st) == SQLITE_ROW;
	}
	sqlite3_reset(st);
}

static void
add_tags(cJSON *o, const char *tags)
{
	cJSON	*list = cJSON_AddArrayToObject(o, "tags");
	char	*copy = xstrdup(tags), *p = copy, *t;

	while ((t = strsep(&p, ",")) != NULL) {
		if (*t != '\0')
			cJSON_AddItemToArray(list, cJSON_CreateString(t));
	}
	free(copy);
}

static void
profile(struct req *r)
{
	sqlite3_stmt	*st;
	cJSON		*o;
	long long	 id, grid_id, hh_id;
	time_t		 now = clock_now();
	char		 etag[32], object[48];

	if ((id = req_id(r, 0)) < 0)
		return;
	if (db_query(r->db, &st, "SELECT " SUMMARY_COLS ", r.ethnicity, "
	    "r.grid_id, r.household_id, r.tags, r.version, r.updated_at "
	    "FROM residents r JOIN communities c ON c.id = r.community_id "
	    "WHERE r.id = ?1 AND " VISIBLE, "ll", id,
	    r->staff->centre_id) != 1) {
		sqlite3_reset(st);
		reply_problem(r, 404, "not-found", "Not found",
		    "No such resident in your communities.", NULL);
		return;
	}
	o = summary_json(st, now);
	cJSON_AddStringToObject(o, "ethnicity", db_text(st, 9));
	grid_id = sqlite3_column_int64(st, 10);
	hh_id = sqlite3_column_int64(st, 11);
	add_tags(o, db_text(st, 12));
	cJSON_AddNumberToObject(o, "version", sqlite3_column_int64(st, 13));
	cJSON_AddStringToObject(o, "updated_at", db_text(st, 14));
	snprintf(etag, sizeof etag, "\"%lld\"",
	    (long long)sqlite3_column_int64(st, 13));
	sqlite3_reset(st);
	add_grid(r, o, grid_id);
	add_household(r, o, hh_id, now);
	snprintf(object, sizeof object, "resident/%lld", id);
	if (audit_write(r->db, r->staff->id, r->staff->username, "view",
	    object, "", r->addr) != 0) {
		cJSON_Delete(o);
		reply_problem(r, 503, "service-unavailable",
		    "Service unavailable", "The audit trail cannot be written.",
		    NULL);
		return;
	}
	reply_json(r, 200, o);
	reply_header(r, MHD_HTTP_HEADER_ETAG, etag);
}

const struct route routes_residents[] = {
	{ "GET", "/api/v1/residents", search, 0 },
	{ "GET", "/api/v1/residents/{id}", profile, 0 },
	{ NULL, NULL, NULL, 0 }
};
