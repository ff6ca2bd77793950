/* The fixed data of the demo certificate types (seed-certs-data.c). */
#ifndef SERVER_SEED_CERTS_DATA_H
#define SERVER_SEED_CERTS_DATA_H

#include <stddef.h>

struct seed_cert_type {
	const char	*code, *name, *basis, *alternative, *purpose;
	int		 validity_days;
	const char	*body;		/* NULL for a cancelled type */
	const char	*fields;	/* names of seed_fields, space apart */
	int		 promise;	/* issued on a promise (告知承诺) */
};

extern const struct seed_cert_type	seed_cert_types[];
extern const size_t			seed_ncert_types;

#endif
