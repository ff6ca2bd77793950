/* Visits: stored by their token's hash, checked on every request. */
#include <string.h>
#include <time.h>

#include "auth.h"
#include "clock.h"
#include "db.h"
#include "kiosk-visit.h"
#include "reply.h"
#include "req.h"
#include "route.h"

/* The hash of the request's Kiosk-Visit into hash[65]; 0, or -1 when
 * it sent none of the right form. */
static int
visit_hash(struct req *r, char *hash)
{
	const char	*v = req_header(r, "Kiosk-Visit");
	size_t		 i;

	if (v == NULL || strlen(v) != 64)
		return (-1);
	for (i = 0; i < 64; i++) {
		if (!((v[i] >= '0' && v[i] <= '9') ||
		    (v[i] >= 'a' && v[i] <= 'f')))
			return (-1);
	}
	auth_sha256_hex(v, 64, hash);
	return (0);
}

int
kiosk_visit_open(struct req *r, long long resident, char *token,
    char *expires)
{
	char	hash[65];
	time_t	now = clock_now();

	if (auth_new_token(token) != 0)
		return (-1);
	auth_sha256_hex(token, strlen(token), hash);
	/* the kiosk's visits that ended are forgotten */
	if (db_exec(r->db, "DELETE FROM kiosk_visits WHERE last_seen <= ?",
	    "l", (long long)now - KIOSK_VISIT_SECONDS) != 0 ||
	    db_exec(r->db, "INSERT INTO kiosk_visits (token_hash, kiosk_id, "
	    "resident_id, last_seen) VALUES (?, ?, ?, ?)", "tlll", hash,
	    r->staff->kiosk_id, resident, (long long)now) != 0) {
		explicit_bzero(token, 65);
		return (-1);
	}
	clock_rfc3339(now + KIOSK_VISIT_SECONDS, expires);
	return (0);
}

long long
kiosk_visit_resident(struct req *r)
{
	struct db_stmt	*st;
	char		 hash[65];
	long long	 resident = 0, now = (long long)clock_now();

	if (visit_hash(r, hash) == 0) {
		if (db_query(r->db, &st, "SELECT resident_id FROM "
		    "kiosk_visits WHERE token_hash = ? AND kiosk_id = ? AND "
		    "last_seen > ?", "tll", hash, r->staff->kiosk_id,
		    now - KIOSK_VISIT_SECONDS) == 1)
			resident = db_int(st, 0);
		db_reset(st);
	}
	if (resident != 0 && db_exec(r->db, "UPDATE kiosk_visits SET "
	    "last_seen = ? WHERE token_hash = ?", "lt", now, hash) == 0)
		return (resident);
	req_note(r, "refused: no visit in force");
	reply_problem(r, 401, "unauthorized", "Authentication required",
	    "请重新刷身份证并输入取件码", NULL);
	return (0);
}

int
kiosk_visit_end(struct req *r)
{
	char	hash[65];

	if (visit_hash(r, hash) != 0)
		return (-1);
	return (db_exec(r->db, "DELETE FROM kiosk_visits WHERE token_hash = "
	    "?", "t", hash));
}
