/* The Today screen's visit coverage (today-visits.c): the centre's
 * households visited lately, and the same per grid. */
#ifndef TUI_TODAY_VISITS_H
#define TUI_TODAY_VISITS_H

#include "today.h"

/* The page has visit figures to show (a supervisor's, from a server
 * that tells them). */
int	today_visits_known(const struct today *);
/* The centre's totals on one line at y; returns the next row (y when
 * there are none). */
int	today_visits_line(const struct today *, int y, int cols);
/* Rows the per-grid panel needs to show every grid. */
int	today_visits_rows(const struct today *);
/* The per-grid panel in rows from y, from grid t->vtop on. */
void	today_visits_panel(struct today *, int y, int rows, int cols);
/* Scrolls the per-grid panel by n grids (negative: up). */
void	today_visits_scroll(struct today *, int n);

#endif
