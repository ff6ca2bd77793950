/* Column layout and row drawing. */
#include "list.h"
#include "table.h"
#include "../locale/text.h"

void
table_layout(struct table_col *c, int ncols, const char **values,
    int nrows, int cols)
{
	int	i, r, w, used = 1, grow = -1;

	for (i = 0; i < ncols; i++) {
		c[i].width = c[i].min;
		if ((w = text_width(c[i].title)) > c[i].width)
			c[i].width = w;
		for (r = 0; values != NULL && r < nrows && !c[i].grow; r++) {
			if ((w = text_width(values[r * ncols + i])) >
			    c[i].width)
				c[i].width = w;
		}
		if (c[i].grow)
			grow = i;
		used += c[i].width + 1;
	}
	if (grow >= 0 && used < cols)
		c[grow].width += cols - used;
	/* too wide: narrow the growing column first, then the last ones */
	for (i = grow >= 0 ? grow : ncols - 1; used > cols && i >= 0; i--) {
		w = c[i].width - (used - cols);
		if (w < 0)
			w = 0;
		used -= c[i].width - w;
		c[i].width = w;
	}
}

void
table_row(int y, const struct table_col *c, int ncols, const char **values,
    enum style st)
{
	int	i, x = 1;

	draw_fill(y, 0, 1, st);
	for (i = 0; i < ncols; i++) {
		draw_cell(y, x, values[i], c[i].width, st);
		draw_fill(y, x + c[i].width, 1, st);
		x += c[i].width + 1;
	}
}

void
table_head(int y, const struct table_col *c, int ncols)
{
	const char	*titles[16];
	int		 i;

	for (i = 0; i < ncols && i < 16; i++)
		titles[i] = c[i].title;
	table_row(y, c, i, titles, STYLE_LABEL);
}

int
table_list(int y, int end, int cols, struct table_col *c, int ncols,
    const char **v, struct list *l, int active)
{
	int	row;

	table_layout(c, ncols, v, l->filtering ? l->total : l->n, cols);
	table_head(y++, c, ncols);
	list_show(l, end - y);
	for (row = l->top; row < l->n && y < end; row++, y++)
		table_row(y, c, ncols, v + list_item(l, row) * ncols,
		    active && row == l->sel ? STYLE_SELECTED : STYLE_NORMAL);
	return (y);
}
