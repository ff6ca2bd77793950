/* The Today screen's figures and panels (today-draw.c). */
#ifndef TUI_TODAY_DRAW_H
#define TUI_TODAY_DRAW_H

#include "today.h"

/* An application's status as the clerk reads it. */
const char	*today_status_label(const char *);
/* The role reads the centre's figures (supervisor, admin). */
int	today_is_supervisor(void);
/* Fills t->fig from the stats or from the day's list. */
void	today_count(struct today *);
void	today_figures_free(struct figures *);
/* Panel p has something to show on this page (the visits are a
 * supervisor's). */
int	today_panel_shown(const struct today *, int p);
/* Draws the figures, then the panels from t->panel on while they fit. */
void	today_draw(struct today *, int top, int rows, int cols);
/* A rate in per mille as "91.6%", "-" when there is none (-1). */
void	today_rate(int permille, char *out, size_t len);

#endif
