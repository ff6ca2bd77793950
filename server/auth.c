/* Password hashing (yescrypt through libcrypt) and session tokens. */
#include <crypt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <gnutls/crypto.h>

#include "auth.h"
#include "../util/xmalloc.h"

char *
auth_hash_password(const char *pw)
{
	char			 setting[CRYPT_GENSALT_OUTPUT_SIZE];
	struct crypt_data	*cd;
	char			*out = NULL;

	if (crypt_gensalt_rn("$y$", 0, NULL, 0, setting, sizeof setting) ==
	    NULL)
		return (NULL);
	cd = xcalloc(1, sizeof *cd);
	if (crypt_r(pw, setting, cd) != NULL && cd->output[0] == '$')
		out = xstrdup(cd->output);
	explicit_bzero(cd, sizeof *cd);
	free(cd);
	return (out);
}

/* Compares in time independent of where the strings first differ. */
static int
same(const char *a, const char *b)
{
	size_t		la = strlen(a), lb = strlen(b), i;
	unsigned char	diff = la != lb;

	for (i = 0; i < la && i < lb; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return (diff == 0);
}

int
auth_check_password(const char *pw, const char *hash)
{
	struct crypt_data	*cd;
	int			 ok = 0, locked = hash[0] != '$';

	/* a locked account costs the same hash as any other, or its quick
	 * answer would tell that the name exists */
	cd = xcalloc(1, sizeof *cd);
	if (crypt_r(pw, locked ? auth_dummy_hash() : hash, cd) != NULL &&
	    cd->output[0] == '$' && !locked)
		ok = same(cd->output, hash);
	explicit_bzero(cd, sizeof *cd);
	free(cd);
	return (ok);
}

static void
hex(const unsigned char *p, size_t n, char *out)
{
	static const char	digits[] = "0123456789abcdef";
	size_t			i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

int
auth_new_token(char *out)
{
	unsigned char	raw[32];
	size_t		got = 0;
	ssize_t		n;

	while (got < sizeof raw) {
		n = getrandom(raw + got, sizeof raw - got, 0);
		if (n <= 0)
			return (-1);
		got += (size_t)n;
	}
	hex(raw, sizeof raw, out);
	explicit_bzero(raw, sizeof raw);
	return (0);
}

int
auth_new_password(char *out)
{
	static const char	alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
	unsigned char		raw[12];
	int			i, o = 0;

	if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw)
		return (-1);
	for (i = 0; i < 12; i++) {
		if (i > 0 && i % 4 == 0)
			out[o++] = '-';
		/* 31 letters: 256 % 31 leaves a bias of under 1 in 200 */
		out[o++] = alphabet[raw[i] % (sizeof alphabet - 1)];
	}
	out[o] = '\0';
	explicit_bzero(raw, sizeof raw);
	return (0);
}

void
auth_sha256_hex(const void *s, size_t len, char *out)
{
	unsigned char	digest[32];

	if (gnutls_hash_fast(GNUTLS_DIG_SHA256, s, len, digest) != 0)
		fatal("SHA-256 unavailable");
	hex(digest, sizeof digest, out);
}

void
auth_staff_free(struct staff *s)
{
	if (s == NULL)
		return;
	free(s->username);
	free(s->name);
	free(s->role);
	free(s->centre_name);
	free(s->counter);
	free(s);
}

static char		*dummy;
static pthread_once_t	 dummy_once = PTHREAD_ONCE_INIT;

static void
dummy_init(void)
{
	if ((dummy = auth_hash_password("no password matches this")) == NULL)
		fatal("cannot hash a password");
}

const char *
auth_dummy_hash(void)
{
	pthread_once(&dummy_once, dummy_init);
	return (dummy);
}
