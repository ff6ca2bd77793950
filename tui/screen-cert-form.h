/* The certificate form screen (screen-cert-form.c). */
#ifndef TUI_SCREEN_CERT_FORM_H
#define TUI_SCREEN_CERT_FORM_H

#include "cases.h"

/* The form of a certificate type for a resident (screen-cert-form.c). */
void	cert_form_open(const struct cert_form_open *);

#endif
