/*
 * Who does field work where (docs/api.md 20, 21): a grid member works
 * in the grids whose member he is, and sees the visits and task items
 * of those grids only; a supervisor, a clerk (reading) and an admin
 * work by centre, as scope.h says.
 */
#ifndef SERVER_FIELDWORK_H
#define SERVER_FIELDWORK_H

struct db;
struct listq;
struct staff;

/* The condition a grid member's rows are limited to, with the column
 * naming a row's grid: "<col> IN (SELECT id FROM grids WHERE member_id
 * = ?)". */
#define FIELDWORK_GRID(col) \
	col " IN (SELECT id FROM grids WHERE member_id = ?)"

/* 1 if the staff may work on (and see the visits of) the household:
 * it is in their scope and, for a grid member, in one of their grids;
 * then its grid (0 for none) and community. Else 0. */
int	 fieldwork_household(struct db *, const struct staff *,
	     long long household, long long *grid, long long *community);
/* 1 if the staff may see the grid's field work: in scope and, for a
 * grid member, theirs. */
int	 fieldwork_grid(struct db *, const struct staff *, long long grid);
/* Limits a list to the staff's rows: cond (scope_list()'s) for the
 * centre, and for a grid member grid_cond (FIELDWORK_GRID()). */
void	 fieldwork_list(struct listq *, const struct staff *,
	     const char *cond, const char *grid_cond);

#endif
