/* The departments' keys for the exchange's inbound route (docs/api.md
 * 24), read once when bianmind starts from exchange-inbound-keys: one a
 * line, "KEY_ID HEX_KEY DEPARTMENT". Read-only afterwards, so every
 * worker thread may look them up. */
#ifndef SERVER_EXCHANGE_KEYS_H
#define SERVER_EXCHANGE_KEYS_H

#include "exchange-sign.h"

struct exchange_key {
	char		 id[65];
	unsigned char	 key[EXCHANGE_KEY_LEN];
	char		 department[151];	/* as applications name it */
};

/* Reads the file (which others may not read: mode 0600) and keeps the
 * window in seconds; path NULL: no keys, the route is not there. 0, or
 * -1 with *cause (the caller frees it). */
int	exchange_keys_load(const char *path, long window, char **cause);
/* The key named id, or NULL. */
const struct exchange_key *exchange_keys_find(const char *id);
/* The number of keys loaded (0: the inbound route answers 404). */
int	exchange_keys_count(void);
/* Seconds a signed timestamp may differ from the server's clock. */
long	exchange_keys_window(void);
/* Forgets the keys, wiping them. */
void	exchange_keys_clear(void);

#endif
