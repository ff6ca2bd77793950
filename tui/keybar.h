/* The key bar, the bottom line of every screen (keybar.c). */
#ifndef TUI_KEYBAR_H
#define TUI_KEYBAR_H

void	keybar_draw(int y, int cols);

#endif
