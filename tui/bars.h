/* The three lines around every screen: status bar (top), message line
 * and key bar (bottom). */
#ifndef TUI_BARS_H
#define TUI_BARS_H

void	statusbar_draw(int y, int cols);
void	msgline_draw(int y, int cols);
void	keybar_draw(int y, int cols);

#endif
