/*
 * Idempotency-Key (docs/api.md 1.8): the first 2xx reply per (staff, key)
 * is stored with the request's fingerprint and replayed byte for byte;
 * a key seen with another request is refused, and one still running
 * answers 409. Records are kept at least 7 days.
 */
#ifndef SERVER_IDEMPOTENCY_H
#define SERVER_IDEMPOTENCY_H

struct req;
struct db;

/* Before the handler: 0 to run it (the key is now "running"), or -1
 * having replied (a replay, 422 or 409). */
int	idem_begin(struct req *);
/* Commits the request's transaction, storing its reply for the
 * Idempotency-Key in the same transaction; on failure replies 503,
 * notes that nothing was saved and returns -1. Every write request
 * ends its transaction with it, the note of what it did (req_note())
 * already made. */
int	idem_commit(struct req *);
/* After the handler: stores a 2xx reply not stored yet, or frees the key
 * of a request that failed. */
void	idem_finish(struct req *);
/* At start-up: no request is running, so no key is either. */
void	idem_reset(struct db *);

#define IDEM_KEEP_SECONDS	(8 * 24 * 60 * 60)

#endif
