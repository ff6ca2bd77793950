/* HMAC-SHA256 signatures of the exchange's messages, with gnutls. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gnutls/crypto.h>

#include "exchange-sign.h"
#include "../util/xmalloc.h"

/* The value of one hex digit, or -1. */
static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

int
exchange_key_parse(const char *hex, unsigned char *key)
{
	size_t	i;
	int	hi, lo;

	if (strlen(hex) != 2 * EXCHANGE_KEY_LEN)
		return (-1);
	for (i = 0; i < EXCHANGE_KEY_LEN; i++) {
		if ((hi = hexval(hex[2 * i])) < 0 ||
		    (lo = hexval(hex[2 * i + 1])) < 0)
			return (-1);
		key[i] = (unsigned char)(hi << 4 | lo);
	}
	return (0);
}

int
exchange_sign(const unsigned char *key, const char *timestamp,
    const char *message_id, const char *body, size_t len, char *out)
{
	unsigned char	 mac[32];
	char		*text;
	size_t		 head, i;
	int		 rc;

	head = strlen(timestamp) + strlen(message_id) + 2;
	text = xmalloc(head + len + 1);
	snprintf(text, head + 1, "%s\n%s\n", timestamp, message_id);
	memcpy(text + head, body, len);
	rc = gnutls_hmac_fast(GNUTLS_MAC_SHA256, key, EXCHANGE_KEY_LEN, text,
	    head + len, mac);
	free(text);
	if (rc != 0)
		return (-1);
	memcpy(out, "v1=", 3);
	for (i = 0; i < sizeof mac; i++)
		snprintf(out + 3 + 2 * i, 3, "%02x", mac[i]);
	return (0);
}

int
exchange_sign_check(const unsigned char *key, const char *timestamp,
    const char *message_id, const char *body, size_t len, const char *sig)
{
	char		want[EXCHANGE_SIG_LEN + 1];
	unsigned	diff = 0;
	size_t		i;

	if (sig == NULL || strlen(sig) != EXCHANGE_SIG_LEN ||
	    exchange_sign(key, timestamp, message_id, body, len, want) != 0)
		return (0);
	for (i = 0; i < EXCHANGE_SIG_LEN; i++)
		diff |= (unsigned char)want[i] ^ (unsigned char)sig[i];
	return (diff == 0);
}

int
exchange_name_valid(const char *s)
{
	size_t	n = strlen(s);

	return (n >= 1 && n <= 64 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789_.-") == n);
}
