/* OpenSSL's error strings on demand (see tls-strings.h). */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tls-strings.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

/* <openssl/crypto.h> and <openssl/ssl.h>: part of OpenSSL's ABI */
#define OSSL_NO_LOAD_CRYPTO_STRINGS	0x00000001UL
#define OSSL_LOAD_CONFIG		0x00000040UL
#define OSSL_NO_LOAD_SSL_STRINGS	0x00100000UL

static void	*ossl;		/* libcurl's handle: finds libcrypto, libssl */

/* every library's strings, as OPENSSL_init_ssl() would have loaded */
static const char *const loaders[] = {
	"ERR_load_ERR_strings", "ERR_load_CRYPTO_strings",
	"ERR_load_SSL_strings", "ERR_load_X509_strings",
	"ERR_load_X509V3_strings", "ERR_load_PEM_strings",
	"ERR_load_ASN1_strings", "ERR_load_EVP_strings",
	"ERR_load_BIO_strings", "ERR_load_BN_strings",
	"ERR_load_BUF_strings", "ERR_load_RSA_strings",
	"ERR_load_EC_strings", "ERR_load_DH_strings",
	"ERR_load_DSA_strings", "ERR_load_OBJ_strings",
	"ERR_load_PKCS7_strings", "ERR_load_PKCS12_strings",
	"ERR_load_RAND_strings", "ERR_load_CONF_strings",
	"ERR_load_OCSP_strings", "ERR_load_CT_strings",
	"ERR_load_CMS_strings", "ERR_load_ASYNC_strings",
	"ERR_load_COMP_strings", "ERR_load_ENGINE_strings",
	"ERR_load_KDF_strings", "ERR_load_OSSL_STORE_strings",
	"ERR_load_TS_strings", "ERR_load_UI_strings",
};

void
tls_strings_defer(void *lib)
{
	int	(*init)(uint64_t, const void *);

	/* dlsym's void * to a function pointer: POSIX requires it to work */
	if ((*(void **)&init = dlsym(lib, "OPENSSL_init_ssl")) == NULL)
		return;
	if (init(OSSL_LOAD_CONFIG | OSSL_NO_LOAD_CRYPTO_STRINGS |
	    OSSL_NO_LOAD_SSL_STRINGS, NULL) == 1)
		ossl = lib;
}

/* Loads them all, once; 0, or -1 when OpenSSL was not started here. */
static int
load(void)
{
	static int	 done;
	int		(*f)(void);
	size_t		 i;

	if (ossl == NULL)
		return (-1);
	if (done)
		return (0);
	for (i = 0; i < sizeof loaders / sizeof loaders[0]; i++) {
		if ((*(void **)&f = dlsym(ossl, loaders[i])) != NULL)
			f();
	}
	log_debug("%s: OpenSSL's error strings loaded", __func__);
	done = 1;
	return (0);
}

/* The code of a bare "error:XXXXXXXX:lib(N)::reason(M)" at p, and its
 * end in *end; 0 when p holds none. */
static unsigned long
bare_code(const char *p, const char **end)
{
	const char	*r;
	char		*x;
	unsigned long	 code;

	if (strncmp(p, "error:", 6) != 0)
		return (0);
	code = strtoul(p + 6, &x, 16);
	if (x != p + 14 || strncmp(x, ":lib(", 5) != 0 ||
	    (r = strstr(x, ")::reason(")) == NULL ||
	    (r = strchr(r + 10, ')')) == NULL)
		return (0);
	*end = r + 1;
	return (code);
}

void
tls_strings_explain(char *msg, size_t size)
{
	void		(*string_n)(unsigned long, char *, size_t);
	const char	*p, *end = NULL;
	unsigned long	 code = 0;
	char		 words[256], *out;

	for (p = strstr(msg, "error:"); p != NULL; p = strstr(p + 1,
	    "error:")) {
		if ((code = bare_code(p, &end)) != 0)
			break;
	}
	if (p == NULL || load() != 0 ||
	    (*(void **)&string_n = dlsym(ossl, "ERR_error_string_n")) == NULL)
		return;
	string_n(code, words, sizeof words);
	out = xmalloc(size);
	snprintf(out, size, "%.*s%s%s", (int)(p - msg), msg, words, end);
	memcpy(msg, out, size);
	free(out);
}
