/* Who may see what: roles, centres and the rows of a centre's
 * communities (docs/api.md 1.10). */
#include <string.h>

#include "auth.h"
#include "db.h"
#include "listq.h"
#include "scope.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

/* Each kind of row: its name in the log, and the statement giving one
 * row's centre and community (0 where it has none). */
static const struct {
	const char	*name;
	const char	*sql;
} kinds[] = {
	[SCOPE_COMMUNITY] = { "community", "SELECT centre_id, id FROM "
	    "communities WHERE id = ?" },
	[SCOPE_GRID] = { "grid", "SELECT c.centre_id, c.id FROM grids g "
	    "JOIN communities c ON c.id = g.community_id WHERE g.id = ?" },
	[SCOPE_HOUSEHOLD] = { "household", "SELECT c.centre_id, c.id FROM "
	    "households h JOIN communities c ON c.id = h.community_id WHERE "
	    "h.id = ?" },
	[SCOPE_RESIDENT] = { "resident", "SELECT c.centre_id, c.id FROM "
	    "residents r JOIN communities c ON c.id = r.community_id WHERE "
	    "r.id = ?" },
	[SCOPE_APPLICATION] = { "application", "SELECT c.centre_id, c.id "
	    "FROM applications a JOIN communities c ON c.id = a.community_id "
	    "WHERE a.id = ?" },
	[SCOPE_CERTIFICATE] = { "certificate", "SELECT c.centre_id, c.id "
	    "FROM certificates x JOIN communities c ON c.id = x.community_id "
	    "WHERE x.id = ?" },
	[SCOPE_EVENT] = { "event", "SELECT c.centre_id, c.id FROM events e "
	    "JOIN communities c ON c.id = e.community_id WHERE e.id = ?" },
	[SCOPE_TICKET] = { "ticket", "SELECT centre_id, 0 FROM tickets WHERE "
	    "id = ?" },
	[SCOPE_HANDOFF] = { "hand-off", "SELECT centre_id, 0 FROM handoffs "
	    "WHERE id = ?" },
	[SCOPE_PROMISE] = { "promise", "SELECT c.centre_id, c.id FROM "
	    "promises p JOIN communities c ON c.id = p.community_id WHERE "
	    "p.id = ?" },
};

int
scope_role(const struct staff *s)
{
	if (s == NULL || s->role == NULL)
		return (0);
	if (strcmp(s->role, "clerk") == 0)
		return (ROLE_CLERK);
	if (strcmp(s->role, "grid") == 0)
		return (ROLE_GRID);
	if (strcmp(s->role, "supervisor") == 0)
		return (ROLE_SUPER);
	if (strcmp(s->role, "admin") == 0)
		return (ROLE_ADMIN);
	if (strcmp(s->role, "department") == 0)
		return (ROLE_DEPT);
	if (strcmp(s->role, "kiosk") == 0)
		return (ROLE_KIOSK);
	return (0);
}

int
scope_allows(const struct staff *s, int roles)
{
	return ((scope_role(s) & roles) != 0);
}

long long
scope_centre(const struct staff *s)
{
	switch (scope_role(s)) {
	case ROLE_ADMIN:
		return (0);
	case ROLE_CLERK:
	case ROLE_GRID:
	case ROLE_SUPER:
		/* a non-admin without a centre sees nothing, never
		 * everything */
		return (s->centre_id != 0 ? s->centre_id : -1);
	default:
		return (-1);
	}
}

long long
scope_home_centre(const struct staff *s)
{
	if (s == NULL)
		return (-1);
	if (s->centre_id != 0)
		return (s->centre_id);
	return (scope_role(s) == ROLE_ADMIN ? 0 : -1);
}

int
scope_centre_ok(const struct staff *s, long long centre)
{
	long long	mine = scope_centre(s);

	return (mine == 0 || (mine > 0 && centre == mine));
}

/* The row's centre and community: 1 found, 0 not there, -1 error. */
static int
row_of(struct db *db, enum scope_kind kind, long long id, long long *centre,
    long long *community)
{
	struct db_stmt	*st;
	int		 rc;

	if ((unsigned)kind >= sizeof kinds / sizeof *kinds)
		fatal("%s: no kind %d", __func__, (int)kind);
	if ((rc = db_query(db, &st, kinds[kind].sql, "l", id)) == 1) {
		*centre = db_int(st, 0);
		*community = db_int(st, 1);
	}
	db_reset(st);
	return (rc);
}

/* For a grid member, whether a resident or household is of one of his
 * grids (docs/api.md 1.10); 1 for every other row and role. */
static int
in_own_grid(struct db *db, const struct staff *s, enum scope_kind kind,
    long long id)
{
	struct db_stmt	*st;
	int		 rc;

	if (scope_role(s) != ROLE_GRID || (kind != SCOPE_RESIDENT &&
	    kind != SCOPE_HOUSEHOLD))
		return (1);
	if (kind == SCOPE_RESIDENT)
		rc = db_query(db, &st, "SELECT 1 FROM residents r JOIN grids g "
		    "ON g.id = r.grid_id WHERE r.id = ? AND g.member_id = ?",
		    "ll", id, s->id);
	else
		rc = db_query(db, &st, "SELECT 1 FROM households h JOIN grids "
		    "g ON g.id = h.grid_id WHERE h.id = ? AND g.member_id = ?",
		    "ll", id, s->id);
	db_reset(st);
	return (rc == 1);
}

/* The community of a row the staff may see, from the row's centre and
 * community, or 0: a row of another centre is logged, as an operator
 * wants to know who tried. */
static long long
judge(struct db *db, const struct staff *s, enum scope_kind kind,
    long long id, long long centre, long long community)
{
	if (scope_centre_ok(s, centre) && !in_own_grid(db, s, kind, id)) {
		log_info("refused: grid member %s may not see %s %lld of "
		    "another grid", s->username, kinds[kind].name, id);
		return (0);
	}
	if (scope_centre_ok(s, centre))
		return (community != 0 ? community : -1);
	log_info("refused: %s (centre %lld) may not see %s %lld of centre "
	    "%lld", s != NULL ? s->username : "nobody", s != NULL ?
	    s->centre_id : 0, kinds[kind].name, id, centre);
	return (0);
}

/* The community of a row the staff may see, or 0. */
static long long
seen(struct db *db, const struct staff *s, enum scope_kind kind,
    long long id)
{
	long long	centre, community;

	if (row_of(db, kind, id, &centre, &community) != 1)
		return (0);
	return (judge(db, s, kind, id, centre, community));
}

int
scope_sees(struct db *db, const struct staff *s, enum scope_kind kind,
    long long id)
{
	return (seen(db, s, kind, id) != 0);
}

int
scope_sees_read(struct db *db, const struct staff *s, enum scope_kind kind,
    long long id, long long centre)
{
	return (judge(db, s, kind, id, centre, -1) != 0);
}

long long
scope_grid_community(struct db *db, const struct staff *s, long long grid)
{
	long long	community = seen(db, s, SCOPE_GRID, grid);

	return (community > 0 ? community : 0);
}

void
scope_list(struct listq *q, const struct staff *s, const char *cond)
{
	long long	centre = scope_centre(s);

	if (centre != 0)
		listq_where(q, cond, "l", centre);
}

int
scope_grid_ok(struct db *db, const struct staff *s, long long grid)
{
	struct db_stmt	*st;
	int		 rc;

	if (scope_role(s) != ROLE_GRID)
		return (1);
	rc = db_query(db, &st, "SELECT 1 FROM grids WHERE id = ? AND "
	    "member_id = ?", "ll", grid, s->id);
	db_reset(st);
	return (rc == 1);
}

void
scope_list_grid(struct listq *q, const struct staff *s, const char *cond)
{
	if (scope_role(s) == ROLE_GRID)
		listq_where(q, cond, "l", s->id);
}
