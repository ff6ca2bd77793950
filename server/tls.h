/* bianmind's TLS certificate and key, handed to each handshake by a
 * callback so that SIGHUP can load new ones without a restart and
 * without dropping a connection. */
#ifndef SERVER_TLS_H
#define SERVER_TLS_H

#include <gnutls/abstract.h>

/* Reads the PEM certificate (chain) and key; they serve every handshake
 * from then on. 0, or -1 with *cause (caller frees) and the ones loaded
 * before kept. */
int	tls_load(const char *cert, const char *key, char **cause);
/* For MHD_OPTION_HTTPS_CERT_CALLBACK. */
int	tls_retrieve(gnutls_session_t, const gnutls_datum_t *, int,
	    const gnutls_pk_algorithm_t *, int, gnutls_pcert_st **,
	    unsigned int *, gnutls_privkey_t *);
/* Frees every certificate loaded; after the daemon stopped. */
void	tls_clear(void);

#endif
