/* Certificates, as other parts of the server need them. */
#ifndef SERVER_CERTIFICATES_H
#define SERVER_CERTIFICATES_H

/* The base of verify_url (no trailing slash), from configuration. */
void		 certificates_set_public_url(const char *);
const char	*certificates_public_url(void);

#endif
