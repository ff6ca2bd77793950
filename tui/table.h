/* Tables of text columns sized from their (translated) titles and
 * contents, so that Chinese and English layouts both fit. */
#ifndef TUI_TABLE_H
#define TUI_TABLE_H

#include "draw.h"

struct list;

struct table_col {
	const char	*title;		/* translated */
	int		 min;		/* columns at least */
	int		 grow;		/* takes the width left over */
	int		 width;		/* computed */
};

/* Widens each column to its title and to the widest of the values
 * (n rows of ncols strings, row-major; may be NULL), then gives what is
 * left of cols to the growing column. */
void	table_layout(struct table_col *, int ncols, const char **values,
	    int nrows, int cols);
void	table_row(int y, const struct table_col *, int ncols,
	    const char **values, enum style);
void	table_head(int y, const struct table_col *, int ncols);
/* The columns laid out in cols for l's items, their heading at y, then
 * the rows of l that fit up to end (exclusive), scrolled so the
 * selection shows, and marked while active; values are by item, ncols
 * of them each. Returns the line after the last one drawn. */
int	table_list(int y, int end, int cols, struct table_col *, int ncols,
	    const char **values, struct list *, int active);

#endif
