/* The lines above and below every screen (statusbar.c): the status bar
 * (top) and the message line (above the key bar). */
#ifndef TUI_STATUSBAR_H
#define TUI_STATUSBAR_H

void	statusbar_draw(int y, int cols);
void	msgline_draw(int y, int cols);

#endif
