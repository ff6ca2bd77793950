/* Certificate types and certificates, as their routes, issuing and the
 * seed need them (certificates.c). */
#ifndef SERVER_CERTIFICATES_H
#define SERVER_CERTIFICATES_H

#include <cjson/cJSON.h>

struct db;
struct db_stmt;
struct req;

/* The columns of a CertificateType; of a Certificate (x) with its type
 * (t), resident (r), community (c) and issuer (s), and their FROM. */
#define TYPE_COLS "id, code, name, status, basis, alternative, purpose, " \
	"validity_days, template, version, updated_at, promise"
#define CERT_COLS "x.id, x.serial, t.id, t.code, t.name, r.id, r.name, " \
	"r.id_number, c.id, c.name, x.purpose, x.issued_at, s.id, s.name, " \
	"x.valid_until, x.reprints, x.data, x.title, x.body, " \
	"x.verify_token, x.verify_code, x.issued_date, x.voided_at, " \
	"x.voided_date, v.id, v.name, x.void_reason, x.corrections, " \
	"x.rate_token, x.kiosk_released_at, x.kiosk_printed_at"
#define CERT_FROM " FROM certificates x JOIN certificate_types t ON " \
	"t.id = x.type_id JOIN residents r ON r.id = x.resident_id JOIN " \
	"communities c ON c.id = x.community_id JOIN staff s ON " \
	"s.id = x.issued_by LEFT JOIN staff v ON v.id = x.voided_by"

/* The base of verify_url (no trailing slash), from configuration. */
void		 certificates_set_public_url(const char *);
const char	*certificates_public_url(void);

/* A CertificateType from a row of TYPE_COLS. */
cJSON		*certificate_type_row(struct db_stmt *);
/* The CertificateType with id, or NULL. */
cJSON		*certificate_type(struct db *, long long id);
/* A CertificateSummary from a row of CERT_COLS. */
cJSON		*certificate_summary(struct db_stmt *);
/* For a Certificate that is void: replies 409 certificate-void and
 * returns -1; 0 otherwise. */
int		 certificate_refuse_void(struct req *, const cJSON *);
/* The whole Certificate if the caller may see it, or NULL. */
cJSON		*certificate_full(struct req *, long long id);
/* The whole Certificate whoever asks (a kiosk printing the visiting
 * resident's own), or NULL. */
cJSON		*certificate_full_any(struct db *, long long id);

#endif
