/*
 * The audit trail: append-only rows chained by SHA-256, so a changed or
 * deleted row breaks the chain and --verify-audit finds it.
 */
#ifndef SERVER_AUDIT_H
#define SERVER_AUDIT_H

struct db;

/* Appends one row. Runs inside the caller's transaction if one is open,
 * else in its own. staff_id 0 and username NULL for none. 0 or -1. */
int	audit_write(struct db *, long long staff_id, const char *username,
	    const char *action, const char *object, const char *detail,
	    const char *addr);
/* Walks the chain; 0 if intact, else -1 with *cause naming the first
 * broken row (the caller frees it). */
int	audit_verify(struct db *, long long *rows, char **cause);

#endif
