/*
 * The login throttle (docs/api.md 1.12), shared by staff and kiosk
 * logins: failures per typed name and per address in a 15-minute
 * window, kept in login_failures under the name's hash.
 */
#ifndef SERVER_LOGIN_LIMIT_H
#define SERVER_LOGIN_LIMIT_H

struct req;

/* 1 having answered 429 with Retry-After when the name or the address
 * has failed too often; known says whether the name is an account's
 * (else the audit keeps it masked). */
int	 login_throttled(struct req *, const char *username, int known);
/* Counts one failed login of the typed name from the request's
 * address. */
void	 login_count_failure(struct req *, const char *username);
/* What the audit keeps of a name that is no account: its first
 * character and ***. The caller frees it. */
char	*login_masked_name(const char *typed);

#endif
