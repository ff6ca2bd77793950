/* Text drawn large, five rows high, for a ticket number read across the
 * counter: each dot is a pair of '#', so it shows on any terminal. */
#ifndef TUI_BIGTEXT_H
#define TUI_BIGTEXT_H

#include "draw.h"

#define BIGTEXT_ROWS	5

/* Columns s takes at scale (1 or more). */
int	bigtext_width(const char *s, int scale);
/* Draws s (digits and A-Z; anything else is a gap) with its top left
 * at (y, x). */
void	bigtext_draw(int y, int x, const char *s, int scale, enum style);

#endif
