/* The certificates screen (screen-certificates.c). */
#ifndef TUI_SCREEN_CERTIFICATES_H
#define TUI_SCREEN_CERTIFICATES_H

#include "cases.h"

/* F7: the certificates screen, or verification alone for a role that
 * may not issue. */
void	certificates_open(void);

#endif
