/* Staff authentication: password hashes and session tokens. */
#ifndef SERVER_AUTH_H
#define SERVER_AUTH_H

#include <stddef.h>

struct db;

struct staff {
	long long	 id;
	char		*username;
	char		*name;
	char		*role;		/* clerk, grid, supervisor, admin,
					   kiosk */
	long long	 centre_id;	/* 0 for admin: every community */
	char		*centre_name;
	char		*counter;
	int		 must_change;	/* a first password: change it */
	long long	 kiosk_id;	/* a kiosk's own id; id is then 0, so
					   that its audit rows name no staff */
};

/* A yescrypt hash of pw (libcrypt); NULL on failure. Caller frees. */
char	*auth_hash_password(const char *pw);
/* 1 if pw matches hash; a locked hash ("!") never matches, and takes
 * as long to say so as a real one. */
int	 auth_check_password(const char *pw, const char *hash);
/* A real hash of no password, checked when the user does not exist so
 * that a wrong name costs as much time as a wrong password. */
const char *auth_dummy_hash(void);
/* A one-time password for a new or reset account: 12 letters and
 * digits nobody misreads, in groups of four, into out[15+]; -1 on
 * error. */
int	 auth_new_password(char *out);
/* A new 256-bit token as 64 hex characters into out[65]; -1 on error. */
int	 auth_new_token(char *out);
/* The hex SHA-256 of s into out[65]. */
void	 auth_sha256_hex(const void *s, size_t len, char *out);
void	 auth_staff_free(struct staff *);

#endif
