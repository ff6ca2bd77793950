/* Certificates that can be replaced while handshakes go on. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gnutls/gnutls.h>

#include "tls.h"
#include "../util/xmalloc.h"

#define TLS_MAX_CHAIN	16

struct tls_cred {
	gnutls_pcert_st		 pcert[TLS_MAX_CHAIN];
	unsigned int		 npcert;
	gnutls_privkey_t	 key;
	struct tls_cred		*older;
};

/* The newest first; older ones stay until exit, since a handshake that
 * began before a reload may still hold their pointers. */
static struct tls_cred	*creds;
static pthread_mutex_t	 creds_lock = PTHREAD_MUTEX_INITIALIZER;

static void
cred_free(struct tls_cred *c)
{
	unsigned int	i;

	for (i = 0; i < c->npcert; i++)
		gnutls_pcert_deinit(&c->pcert[i]);
	if (c->key != NULL)
		gnutls_privkey_deinit(c->key);
	free(c);
}

/* The whole file as a datum; -1 when it cannot be read. */
static int
read_datum(const char *path, gnutls_datum_t *d)
{
	return (gnutls_load_file(path, d) == 0 ? 0 : -1);
}

int
tls_load(const char *cert, const char *key, char **cause)
{
	struct tls_cred	*c = xcalloc(1, sizeof *c);
	gnutls_datum_t	 cd = { NULL, 0 }, kd = { NULL, 0 };
	int		 rc;

	c->npcert = TLS_MAX_CHAIN;
	if (read_datum(cert, &cd) != 0 || read_datum(key, &kd) != 0) {
		*cause = xasprintf("cannot read %s or %s", cert, key);
		goto fail;
	}
	rc = gnutls_pcert_list_import_x509_raw(c->pcert, &c->npcert, &cd,
	    GNUTLS_X509_FMT_PEM, 0);
	if (rc < 0 || c->npcert == 0) {
		c->npcert = 0;
		*cause = xasprintf("%s: %s", cert, gnutls_strerror(rc));
		goto fail;
	}
	if ((rc = gnutls_privkey_init(&c->key)) < 0 ||
	    (rc = gnutls_privkey_import_x509_raw(c->key, &kd,
	    GNUTLS_X509_FMT_PEM, NULL, 0)) < 0) {
		*cause = xasprintf("%s: %s", key, gnutls_strerror(rc));
		goto fail;
	}
	gnutls_free(cd.data);
	if (kd.data != NULL)
		explicit_bzero(kd.data, kd.size);
	gnutls_free(kd.data);
	pthread_mutex_lock(&creds_lock);
	c->older = creds;
	creds = c;
	pthread_mutex_unlock(&creds_lock);
	return (0);
fail:
	gnutls_free(cd.data);
	if (kd.data != NULL)
		explicit_bzero(kd.data, kd.size);
	gnutls_free(kd.data);
	cred_free(c);
	return (-1);
}

int
tls_retrieve(gnutls_session_t s, const gnutls_datum_t *req_ca, int nreqs,
    const gnutls_pk_algorithm_t *algos, int nalgos, gnutls_pcert_st **pcert,
    unsigned int *npcert, gnutls_privkey_t *key)
{
	struct tls_cred	*c;

	(void)s;
	(void)req_ca;
	(void)nreqs;
	(void)algos;
	(void)nalgos;
	pthread_mutex_lock(&creds_lock);
	c = creds;
	pthread_mutex_unlock(&creds_lock);
	if (c == NULL)
		return (-1);
	*pcert = c->pcert;
	*npcert = c->npcert;
	*key = c->key;
	return (0);
}

void
tls_clear(void)
{
	struct tls_cred	*c, *older;

	pthread_mutex_lock(&creds_lock);
	for (c = creds; c != NULL; c = older) {
		older = c->older;
		cred_free(c);
	}
	creds = NULL;
	pthread_mutex_unlock(&creds_lock);
}
