/*
 * A resident's history (docs/api.md 4): every change of what the 一库
 * holds about them, one row per field, with who, when, why and the old
 * and new value. Phone numbers are kept masked, as the API shows them.
 */
#ifndef SERVER_RESIDENT_HISTORY_H
#define SERVER_RESIDENT_HISTORY_H

struct req;

/* Appends one change by the request's staff, now: action is what was
 * done (update, move_out, report_death, ...), field what changed, old
 * and new its values (NULL for none), reason why (NULL when not
 * given). Inside the caller's transaction; 0 or -1. */
int	history_add(struct req *, long long resident, const char *action,
	    const char *field, const char *old, const char *new,
	    const char *reason);
/* The same with integer values, 0 for none (a household's id). */
int	history_add_ids(struct req *, long long resident, const char *action,
	    const char *field, long long old, long long new,
	    const char *reason);

#endif
