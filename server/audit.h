/*
 * The audit trail (docs/api.md section 14): append-only rows chained by
 * SHA-256 over a canonical JSON form of each row, so a changed, removed
 * or reordered row breaks the chain and --verify-audit finds it.
 */
#ifndef SERVER_AUDIT_H
#define SERVER_AUDIT_H

#include <stddef.h>

struct db;
struct req;

/* Appends one row. Inside the caller's transaction if one is open (the
 * row is written when it commits, db_commit(), and a failure then rolls
 * it back), else in its own. staff_id 0 and username NULL for none;
 * object and detail NULL or "" for none. 0 or -1. */
int	audit_write(struct db *, long long staff_id, const char *username,
	    const char *action, const char *object, const char *detail,
	    const char *addr);
/* The same for the request's caller and address. */
int	audit_req(struct req *, const char *action, const char *object,
	    const char *detail);
/* Walks the chain; 0 if intact, else -1 with *cause naming the first
 * broken row (the caller frees it). */
int	audit_verify(struct db *, long long *rows, char **cause);
/* The hash of one row given the previous row's, into out[65]. */
void	audit_hash(const char *prev, long long id, const char *at,
	    long long staff_id, const char *username, const char *action,
	    const char *object, const char *detail, const char *addr,
	    char *out);

#endif
