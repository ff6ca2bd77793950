/*
 * Authorization, in one place (docs/api.md 1.10 and section 16): a
 * caller's role, the centre whose communities they see, and whether
 * they may see one row. An admin sees every centre's rows; a clerk, a
 * grid member or a supervisor the rows of their own centre's
 * communities, a grid member of residents and households only those of
 * his grids; anyone else, or an account without a centre, none.
 * A row the caller may not see is answered as one that does not exist.
 */
#ifndef SERVER_SCOPE_H
#define SERVER_SCOPE_H

struct db;
struct listq;
struct staff;

/* Roles, as bits of a route's roles (route.h). */
#define ROLE_CLERK	0x1
#define ROLE_GRID	0x2
#define ROLE_SUPER	0x4
#define ROLE_ADMIN	0x8
#define ROLE_ANY	0xf	/* the four staff roles */
#define ROLE_DEPT	0x10	/* a department's account (docs/api.md 23) */

#define ROLE_KIOSK	0x20	/* a self-service terminal (docs/api.md 25) */

/* What a row is, for scope_sees(). */
enum scope_kind {
	SCOPE_COMMUNITY,
	SCOPE_GRID,
	SCOPE_HOUSEHOLD,
	SCOPE_RESIDENT,
	SCOPE_APPLICATION,
	SCOPE_CERTIFICATE,
	SCOPE_EVENT,
	SCOPE_TICKET,
	SCOPE_HANDOFF,
	SCOPE_PROMISE
};

/* The staff's role as a ROLE_ bit; 0 for none (and for NULL). */
int		 scope_role(const struct staff *);
/* 1 if the staff's role is one of roles. */
int		 scope_allows(const struct staff *, int roles);
/* The centre whose rows the staff sees: 0 for every centre (an admin),
 * -1 for none, else the centre's id. */
long long	 scope_centre(const struct staff *);
/* The centre a staff works at, whose figures and queue they see unless
 * they ask for another: their own; for an admin without one 0 (every
 * centre), for anyone else without one -1 (none). */
long long	 scope_home_centre(const struct staff *);
/* 1 if the staff may see centre's rows: an admin any, others their
 * own. */
int		 scope_centre_ok(const struct staff *, long long centre);
/* 1 if the row exists and the staff may see it, else 0 (a refusal of
 * a row of another centre is logged). */
int		 scope_sees(struct db *, const struct staff *, enum scope_kind,
		    long long id);
/* The same for a row the caller has read with its centre (its
 * community's centre_id), without reading it again. */
int		 scope_sees_read(struct db *, const struct staff *,
		    enum scope_kind, long long id, long long centre);
/* The community of a grid the staff may see, or 0. */
long long	 scope_grid_community(struct db *, const struct staff *,
		    long long grid);
/* Limits a list to the rows the staff sees: cond ("c.centre_id = ?",
 * a string constant naming how a row reaches its centre) is ANDed with
 * the staff's centre, unless they see every centre. */
void		 scope_list(struct listq *, const struct staff *,
		    const char *cond);
/* 1 unless the staff is a grid member and grid is not one of his:
 * a grid member sees and changes only the residents and households of
 * his grids. */
int		 scope_grid_ok(struct db *, const struct staff *, long long grid);
/* Limits a grid member's list to his grids: cond ("r.grid_id IN (SELECT
 * id FROM grids WHERE member_id = ?)") is ANDed with his staff id; for
 * any other role nothing. */
void		 scope_list_grid(struct listq *, const struct staff *,
		    const char *cond);

#endif
