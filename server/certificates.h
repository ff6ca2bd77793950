/* Certificates, as other parts of the server need them. */
#ifndef SERVER_CERTIFICATES_H
#define SERVER_CERTIFICATES_H

/* The base of verify_url (no trailing slash), from configuration. */
void		 certificates_set_public_url(const char *);
const char	*certificates_public_url(void);

#include <cjson/cJSON.h>

struct db;
struct req;

/* The CertificateType with id, or NULL. */
cJSON		*certificate_type(struct db *, long long id);
/* The whole Certificate if the caller may see it, or NULL. */
cJSON		*certificate_full(struct req *, long long id);
/* A template's body filled in for a resident (sex M or F) on a local
 * date, as issuing does. Caller frees. */
char		*certificate_fill(const cJSON *tmpl, const cJSON *data,
		    int validity_days, const char *name, const char *id_number,
		    const char *sex, const char *birth, const char *address,
		    const char *community, const char *purpose,
		    const char *date);
/* POST /api/v1/certificates, in certificate-issue.c. */
void		 certificate_issue(struct req *);

#endif
