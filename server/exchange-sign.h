/* The exchange's signatures (docs/api.md 24): HMAC-SHA256 over
 * "<timestamp>\n<message id>\n<body>", sent as "v1=" and hex. */
#ifndef SERVER_EXCHANGE_SIGN_H
#define SERVER_EXCHANGE_SIGN_H

#include <stddef.h>

#define EXCHANGE_KEY_LEN	32
#define EXCHANGE_SIG_LEN	67	/* "v1=" and 64 hex characters */

/* 64 hex characters into key[32]; 0 or -1. */
int	exchange_key_parse(const char *hex, unsigned char *key);
/* The signature into out[EXCHANGE_SIG_LEN + 1]; 0 or -1. */
int	exchange_sign(const unsigned char *key, const char *timestamp,
	    const char *message_id, const char *body, size_t len, char *out);
/* 1 when the signature sig matches, compared in constant time. */
int	exchange_sign_check(const unsigned char *key, const char *timestamp,
	    const char *message_id, const char *body, size_t len,
	    const char *sig);
/* 1 when s is 1 to 64 of A-Z a-z 0-9 _ . - (a key or message id). */
int	exchange_name_valid(const char *s);

#endif
