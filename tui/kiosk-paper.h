/* A service's 办事指南 as the kiosk shows it and prints it
 * (kiosk-paper.c). */
#ifndef TUI_KIOSK_PAPER_H
#define TUI_KIOSK_PAPER_H

#include "../api/kiosk.h"

struct pdoc;

/* The guide as lines for the screen (translated headings), one item a
 * line. Caller frees. */
char		*kiosk_guide_text(const struct kiosk_guide *);
/* The guide on the receipt roll, a document of its own each time it is
 * printed. Caller frees. */
struct pdoc	*kiosk_paper_guide(const struct kiosk_guide *);

#endif
