/* Drawing helpers on stdscr: text by display width, fills, rules, boxes.
 * Text is sanitized again as it is drawn, whatever its source. */
#ifndef TUI_DRAW_H
#define TUI_DRAW_H

#include <curses.h>

enum style {
	STYLE_NORMAL,
	STYLE_BAR,		/* status bar and key bar */
	STYLE_KEY,		/* a key's name in the key bar */
	STYLE_TITLE,
	STYLE_LABEL,
	STYLE_FIELD,		/* an input field's area */
	STYLE_SELECTED,
	STYLE_ERROR,
	STYLE_DIM
};

void	draw_init_styles(void);
attr_t	draw_attr(enum style);
/* Draws s at (y, x) in at most maxcols columns; returns columns used. */
int	draw_text(int y, int x, const char *s, int maxcols, enum style);
/* Draws s line by line from (y, x), each in at most maxcols columns,
 * in at most maxrows rows; the last row takes what is left, its breaks
 * drawn as marks. Returns the rows used (at least 1). */
int	draw_lines(int y, int x, const char *s, int maxcols, int maxrows,
	    enum style);
/* s over as many lines as it needs, maxrows at most (the last one cut,
 * marked), breaking between characters; returns the lines used. */
int	draw_wrap(int y, int x, const char *s, int maxcols, int maxrows,
	    enum style);
/* Right-aligns s so that it ends at column x_end (exclusive). */
int	draw_text_right(int y, int x_end, const char *s, int maxcols,
	    enum style);
/* "Label: value" with the label in its own style, up to column maxx;
 * returns where the next field goes. */
int	draw_field(int y, int x, const char *label, const char *value,
	    int maxx);
/* Draws s padded with blanks to exactly cols columns. */
void	draw_cell(int y, int x, const char *s, int cols, enum style);
void	draw_fill(int y, int x, int cols, enum style);
void	draw_hline(int y, int x, int cols);
/* A section's title on a rule across the row. */
void	draw_section(int y, int cols, const char *title);
void	draw_box(int y, int x, int rows, int cols);

#endif
