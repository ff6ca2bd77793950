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
/* POST /api/v1/certificates, in certificate-issue.c. */
void		 certificate_issue(struct req *);

#endif
