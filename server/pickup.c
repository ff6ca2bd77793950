/* Pickup codes: issued at random, kept hashed, checked newest first. */
#include <sys/random.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "clock.h"
#include "db.h"
#include "pickup.h"
#include "../util/xmalloc.h"

int
pickup_valid(const char *code)
{
	int	i;

	for (i = 0; i < 6; i++) {
		if (code[i] < '0' || code[i] > '9')
			return (0);
	}
	return (code[6] == '\0');
}

/* Six uniform random digits into code[7]. */
static int
random_code(char *code)
{
	uint32_t	v;

	do {
		if (getrandom(&v, sizeof v, 0) != (ssize_t)sizeof v)
			return (-1);
	} while (v >= UINT32_MAX - UINT32_MAX % 1000000);
	snprintf(code, 7, "%06u", (unsigned)(v % 1000000));
	return (0);
}

int
pickup_issue(struct db *db, long long resident, long long application,
    char *code, char *expires)
{
	time_t	 now = clock_now(), until = now + PICKUP_DAYS * 86400;
	char	*hash;
	int	 rc;

	if (random_code(code) != 0 || (hash = auth_hash_password(code)) ==
	    NULL)
		return (-1);
	clock_rfc3339(until, expires);
	if (application != 0)
		rc = db_exec(db, "INSERT INTO pickup_codes (resident_id, "
		    "application_id, code_hash, created_at, expires_at) "
		    "VALUES (?, ?, ?, ?, ?)", "lltll", resident, application,
		    hash, (long long)now, (long long)until);
	else
		rc = db_exec(db, "INSERT INTO pickup_codes (resident_id, "
		    "code_hash, created_at, expires_at) VALUES (?, ?, ?, ?)",
		    "ltll", resident, hash, (long long)now, (long long)until);
	free(hash);
	return (rc == 0 ? 0 : -1);
}

int
pickup_check(struct db *db, long long resident, const char *code)
{
	struct db_stmt	*st;
	char		*hashes[PICKUP_CHECKED];
	int		 rc, n = 0, i, ok = 0;

	rc = db_query(db, &st, "SELECT code_hash FROM pickup_codes WHERE "
	    "resident_id = ? AND expires_at > ? ORDER BY id DESC LIMIT ?",
	    "lll", resident, (long long)clock_now(),
	    (long long)PICKUP_CHECKED);
	for (; rc == 1 && n < PICKUP_CHECKED; rc = db_step(st))
		hashes[n++] = xstrdup(db_text(st, 0));
	db_reset(st);
	if (n == 0) {
		/* no code: as long as a wrong one */
		(void)auth_check_password(code, auth_dummy_hash());
		return (0);
	}
	for (i = 0; i < n; i++) {
		if (!ok &&
		    auth_check_password(code, hashes[i]))
			ok = 1;
		free(hashes[i]);
	}
	return (ok);
}
