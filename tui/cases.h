/* What the application, hand-off and certificate screens share. */
#ifndef TUI_CASES_H
#define TUI_CASES_H

#include "tui.h"
#include "../api/applications.h"
#include "../api/handoffs.h"
#include "../api/certificates.h"
#include "../api/problem.h"

/* screen_applications' argument (NULL: no resident filter). */
struct applications_open {
	long long	 resident_id;
	const char	*resident_name;
};

/* screen_application's argument: the application by id, or one already
 * fetched (taken by the screen). */
struct application_open {
	long long		 id;
	struct app_detail	*detail;
};

/* screen_certificate's argument: a certificate just issued, or one
 * issued before and opened again (every copy of it is then a reprint);
 * the screen takes cert. */
struct certificate_open {
	struct certificate	*cert;
	int			 reopened;
};

/* screen_cert_form's argument: the type (the screen copies what it
 * needs) and the resident it is for. */
struct cert_form_open {
	const struct cert_type	*type;
	long long		 resident_id;
	const char		*resident_name;
};

extern const struct screen_ops screen_applications;
extern const struct screen_ops screen_application;
extern const struct screen_ops screen_application_ro;
extern const struct screen_ops screen_handoff;
extern const struct screen_ops screen_certificates;
extern const struct screen_ops screen_certificates_verify;
extern const struct screen_ops screen_certificate;

/* The form of a certificate type for a resident (screen-cert-form.c). */
void	cert_form_open(const struct cert_form_open *);
/* F7: the certificates screen, or verification alone for a role that
 * may not issue. */
void	certificates_open(void);

/* The number in text (typed, or a QR code's payload that holds it) into
 * out[24]; -1 when there is none. */
int	application_number_find(const char *text, char *out);
/* The sentence for a refused action: the allowed ones, from the reply's
 * problem when it has them. The caller frees it. */
char	*cases_refusal(const struct api_result *, const char *status);
/* 1 if the session's role may act on cases (clerk, supervisor, admin);
 * grid members only read them. */
int	cases_may_act(void);

#endif
