/* Pickup codes: issued at random, kept hashed, checked newest first.
 *
 * The hash is SHA-256 over a random salt and the code, not the slow hash
 * of passwords: six digits are a million tries, which no hash keeps from
 * whoever reads the table (and whoever reads it reads the residents'
 * records already); what guards a code is the kiosk's limit on wrong
 * codes. A slow hash would only hold the write transaction of every new
 * application for its tens of milliseconds, one application at a time. */
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

#define SALT_LEN	16
#define HASH_LEN	128	/* "s1$", the salt, "$", the digest */

/* "s1$<salt hex>$<SHA-256 hex of salt hex and code>" into out[HASH_LEN]:
 * with a new salt when salt is NULL. */
static int
hash_code(const char *code, const char *salt, char *out)
{
	unsigned char	raw[SALT_LEN];
	char		fresh[2 * SALT_LEN + 1], input[2 * SALT_LEN + 8];
	char		digest[65];
	int		i;

	if (salt == NULL) {
		if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw)
			return (-1);
		for (i = 0; i < SALT_LEN; i++)
			snprintf(fresh + 2 * i, 3, "%02x", raw[i]);
		salt = fresh;
	}
	snprintf(input, sizeof input, "%.*s%.6s", 2 * SALT_LEN, salt, code);
	auth_sha256_hex(input, strlen(input), digest);
	snprintf(out, HASH_LEN, "s1$%.*s$%s", 2 * SALT_LEN, salt, digest);
	explicit_bzero(input, sizeof input);
	return (0);
}

/* 1 when code hashes to stored, compared in constant time. */
static int
code_matches(const char *code, const char *stored)
{
	char		mine[HASH_LEN];
	size_t		i, n;
	unsigned char	diff = 0;

	if (strncmp(stored, "s1$", 3) != 0 || strlen(stored) < 4 + 2 *
	    SALT_LEN || hash_code(code, stored + 3, mine) != 0)
		return (0);
	if ((n = strlen(mine)) != strlen(stored))
		return (0);
	for (i = 0; i < n; i++)
		diff |= (unsigned char)(mine[i] ^ stored[i]);
	return (diff == 0);
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
	char	 hash[HASH_LEN];

	if (random_code(code) != 0 || hash_code(code, NULL, hash) != 0)
		return (-1);
	clock_rfc3339(until, expires);
	/* 'L': an application of 0 binds null */
	return (db_exec_later(db, "INSERT INTO pickup_codes (resident_id, "
	    "application_id, code_hash, created_at, expires_at) VALUES "
	    "(?, ?, ?, ?, ?)", "lLtll", resident, application, hash,
	    (long long)now, (long long)until) == 0 ? 0 : -1);
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
	for (i = 0; i < n; i++) {
		if (code_matches(code, hashes[i]))
			ok = 1;
		free(hashes[i]);
	}
	return (ok);
}
