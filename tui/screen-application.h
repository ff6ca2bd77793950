/* One application and what may be done with it (screen-application.c). */
#ifndef TUI_SCREEN_APPLICATION_H
#define TUI_SCREEN_APPLICATION_H

#include "cases.h"

/* The sentence for a refused action: the allowed ones, from the reply's
 * problem when it has them. The caller frees it. */
char	*cases_refusal(const struct api_result *, const char *status);

#endif
