/* The applications screen: query and handle (screen-applications.c). */
#ifndef TUI_SCREEN_APPLICATIONS_H
#define TUI_SCREEN_APPLICATIONS_H

#include "cases.h"

/* The number in text (typed, or a QR code's payload that holds it) into
 * out[24]; -1 when there is none. */
int	application_number_find(const char *text, char *out);

#endif
