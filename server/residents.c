/* Residents as their routes and others show them: the summary of a
 * row, the profile with grid and household, a household's members. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "db.h"
#include "idempotency.h"
#include "json.h"
#include "reply.h"
#include "residents.h"
#include "route.h"
#include "scope.h"
#include "views.h"

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
	cJSON_AddStringToObject(o, "status", db_text(st, 9));
	return (o);
}

/* A read of one id sent ahead (db_read_ahead()); NULL for id 0, which
 * names nothing. */
static struct db_stmt *
ahead(struct db *db, const char *sql, long long id)
{
	return (id != 0 ? db_read_ahead(db, sql, "l", id) : NULL);
}

/* The resident's grid with its member, or null, from its read st. */
static void
add_grid(cJSON *o, struct db_stmt *st)
{
	cJSON	*g, *m;

	if (st == NULL || db_step(st) != 1) {
		if (st != NULL)
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

#define MEMBERS_SQL "SELECT id, name, relation, sex, birth_date, " \
	"id_number FROM residents WHERE household_id = ? ORDER BY " \
	"relation <> '户主', birth_date, id"

/* A household's members from their read st. */
static cJSON *
members_of(struct db_stmt *st, time_t now)
{
	cJSON	*list = cJSON_CreateArray(), *m;
	int	 rc = db_step(st);

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

cJSON *
resident_members(struct db *db, long long hh_id, time_t now)
{
	return (members_of(db_read_ahead(db, MEMBERS_SQL, "l", hh_id), now));
}

/* The resident's household with its members, or null, from their reads
 * st and members. */
static void
add_household(cJSON *o, struct db_stmt *st, struct db_stmt *members,
    time_t now)
{
	cJSON	*h;

	if (st == NULL || db_step(st) != 1) {
		if (st != NULL) {
			db_reset(st);
			db_reset(members);
		}
		cJSON_AddNullToObject(o, "household");
		return;
	}
	h = cJSON_AddObjectToObject(o, "household");
	cJSON_AddNumberToObject(h, "id", db_int(st, 0));
	cJSON_AddStringToObject(h, "address", db_text(st, 1));
	db_reset(st);
	cJSON_AddItemToObject(h, "members", members_of(members, now));
}

/* {date, key: place} from two columns, or null when the date is. */
static void
add_move(cJSON *o, const char *name, const char *key, struct db_stmt *st,
    int col)
{
	cJSON	*m;

	if (db_null(st, col)) {
		cJSON_AddNullToObject(o, name);
		return;
	}
	m = cJSON_AddObjectToObject(o, name);
	cJSON_AddStringToObject(m, "date", db_text(st, col));
	json_add_nullable(m, key, db_text(st, col + 1));
}

/* The resident's open data-error flags, oldest first, from their read
 * st. */
static void
add_flags(cJSON *o, struct db_stmt *st)
{
	cJSON	*list = cJSON_AddArrayToObject(o, "flags"), *f;
	int	 rc = db_step(st);

	while (rc == 1) {
		f = cJSON_CreateObject();
		cJSON_AddNumberToObject(f, "id", (double)db_int(st, 0));
		cJSON_AddStringToObject(f, "text", db_text(st, 1));
		cJSON_AddStringToObject(f, "raised_at", db_text(st, 2));
		view_ref(f, "raised_by", db_int(st, 3), db_text(st, 4));
		cJSON_AddItemToArray(list, f);
		rc = db_step(st) == 1;
	}
	db_reset(st);
}

/* The status members of the profile, from columns 16 on. */
static void
add_status(cJSON *o, struct db_stmt *st)
{
	cJSON	*d;

	cJSON_AddStringToObject(o, "residence", db_text(st, 16));
	cJSON_AddStringToObject(o, "presence", db_text(st, 17));
	add_move(o, "moved_in", "from", st, 18);
	add_move(o, "moved_out", "to", st, 20);
	if (db_null(st, 22))
		cJSON_AddNullToObject(o, "death");
	else {
		d = cJSON_AddObjectToObject(o, "death");
		cJSON_AddStringToObject(d, "date", db_text(st, 22));
		json_add_nullable(d, "source", db_text(st, 23));
	}
}

cJSON *
resident_profile(struct req *r, long long id, long long *version)
{
	struct db_stmt	*st, *flags, *grid, *hh, *members;
	cJSON		*o;
	long long	 grid_id, hh_id;
	time_t		 now = clock_now();

	if (id <= 0)
		return (NULL);
	/* the row and its flags are read with the scope's check, in one
	 * round trip, and dropped if it fails */
	flags = ahead(r->db, "SELECT f.id, f.text, f.raised_at, s.id, s.name "
	    "FROM resident_flags f JOIN staff s ON s.id = f.raised_by WHERE "
	    "f.resident_id = ? AND f.resolved_at IS NULL ORDER BY f.id", id);
	st = ahead(r->db, "SELECT " RESIDENT_SUMMARY_COLS ", r.ethnicity, "
	    "r.grid_id, r.household_id, r.tags, r.version, r.updated_at, "
	    "r.residence, r.presence, r.moved_in_on, r.moved_in_from, "
	    "r.moved_out_on, r.moved_out_to, r.death_date, r.death_source"
	    RESIDENT_FROM " WHERE r.id = ?", id);
	if (!scope_sees(r->db, r->staff, SCOPE_RESIDENT, id) ||
	    db_step(st) != 1) {
		db_reset(st);
		db_reset(flags);
		return (NULL);
	}
	o = resident_summary(st, now);
	json_add_nullable(o, "ethnicity", db_text(st, 10));
	grid_id = db_int(st, 11);
	hh_id = db_int(st, 12);
	view_tags(o, db_text(st, 13));
	*version = db_int(st, 14);
	add_status(o, st);
	cJSON_AddNumberToObject(o, "version", (double)*version);
	cJSON_AddStringToObject(o, "updated_at", db_text(st, 15));
	db_reset(st);
	/* the grid, the household and its members in one round trip */
	grid = ahead(r->db, "SELECT g.id, g.name, s.name, s.phone FROM grids "
	    "g LEFT JOIN staff s ON s.id = g.member_id WHERE g.id = ?",
	    grid_id);
	members = ahead(r->db, MEMBERS_SQL, hh_id);
	hh = ahead(r->db, "SELECT id, address FROM households WHERE id = ?",
	    hh_id);
	add_grid(o, grid);
	add_household(o, hh, members, now);
	add_flags(o, flags);
	return (o);
}

void
resident_reply(struct req *r, long long id, int status)
{
	cJSON		*o;
	long long	 version = 1;
	char		 loc[64];

	if ((o = resident_profile(r, id, &version)) == NULL) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	reply_versioned(r, status, o, version);
	if (status == 201) {
		snprintf(loc, sizeof loc, "/api/v1/residents/%lld", id);
		reply_header(r, MHD_HTTP_HEADER_LOCATION, loc);
	}
	idem_commit(r);
}

void
resident_stale(struct req *r, long long version)
{
	cJSON	*ext = cJSON_CreateObject();

	cJSON_AddNumberToObject(ext, "current_version", (double)version);
	reply_problem_ext(r, 412, "precondition-failed",
	    "Precondition failed", "记录已被他人修改，请刷新后重试", ext);
}
