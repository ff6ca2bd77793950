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

#endif
