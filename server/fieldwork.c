/* Who does field work where: a grid member in his own grids, others by
 * centre (docs/api.md 20, 21). */
#include <stddef.h>

#include "auth.h"
#include "db.h"
#include "fieldwork.h"
#include "listq.h"
#include "scope.h"
#include "../util/log.h"

/* 1 if the staff is a grid member who is not the grid's member. */
static int
not_his(struct db *db, const struct staff *s, long long grid)
{
	struct db_stmt	*st;
	int		 rc;

	if (scope_role(s) != ROLE_GRID)
		return (0);
	rc = grid != 0 && db_query(db, &st, "SELECT 1 FROM grids WHERE "
	    "id = ? AND member_id = ?", "ll", grid, s->id) == 1;
	if (grid != 0)
		db_reset(st);
	if (!rc)
		log_info("refused: %s works in grid %lld of no other", s->username,
		    grid);
	return (!rc);
}

int
fieldwork_household(struct db *db, const struct staff *s, long long id,
    long long *grid, long long *community)
{
	struct db_stmt	*st;
	int		 rc;

	if (!scope_sees(db, s, SCOPE_HOUSEHOLD, id))
		return (0);
	if ((rc = db_query(db, &st, "SELECT coalesce(grid_id, 0), "
	    "community_id FROM households WHERE id = ?", "l", id)) == 1) {
		*grid = db_int(st, 0);
		*community = db_int(st, 1);
	}
	db_reset(st);
	return (rc == 1 && !not_his(db, s, *grid));
}

int
fieldwork_grid(struct db *db, const struct staff *s, long long grid)
{
	return (scope_grid_community(db, s, grid) != 0 && !not_his(db, s,
	    grid));
}

void
fieldwork_list(struct listq *q, const struct staff *s, const char *cond,
    const char *grid_cond)
{
	scope_list(q, s, cond);
	if (scope_role(s) == ROLE_GRID)
		listq_where(q, grid_cond, "l", s->id);
}
