/* Visit coverage on the supervisor's Today page (docs/api.md 13, 20):
 * how many of the centre's households a grid member has visited in the
 * last 30 and 90 days and how many never, for the centre and per grid,
 * so that the grid that falls behind shows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "table.h"
#include "today-visits.h"
#include "today.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

#define NCOLS	6

int
today_visits_known(const struct today *t)
{
	return (t->stats != NULL && t->stats->has_visits);
}

int
today_visits_line(const struct today *t, int y, int cols)
{
	const struct visit_figures	*v;
	char				*s;

	if (!today_visits_known(t))
		return (y);
	v = &t->stats->visits;
	s = xasprintf(_("Visits: %d households, 30 d %d, 90 d %d, never %d"),
	    v->households, v->visited_30d, v->visited_90d, v->never_visited);
	draw_text(y, 1, s, cols - 2, v->never_visited > 0 ? STYLE_LABEL :
	    STYLE_TITLE);
	free(s);
	return (y + 1);
}

int
today_visits_rows(const struct today *t)
{
	if (!today_visits_known(t))
		return (0);
	return (2 + (int)(t->stats->ngrids > 0 ? t->stats->ngrids : 1));
}

/* The one community every grid is of, or NULL: its name then goes once
 * into the heading and the grids are told apart by the rest. */
static const char *
one_community(const struct daily_stats *d)
{
	size_t	i;

	if (d->ngrids == 0)
		return (NULL);
	for (i = 1; i < d->ngrids; i++) {
		if (strcmp(d->grids[i].community, d->grids[0].community) != 0)
			return (NULL);
	}
	return (d->grids[0].community);
}

/* A grid's name without the community's in front, where it has more. */
static const char *
grid_name(const struct visit_figures *g, const char *community)
{
	size_t	n = community != NULL ? strlen(community) : 0;

	if (n > 0 && strncmp(g->grid, community, n) == 0 &&
	    g->grid[n] != '\0')
		return (g->grid + n);
	return (g->grid);
}

static void
cells(const struct visit_figures *g, const char *community,
    const char **v, char (*num)[16])
{
	snprintf(num[0], sizeof num[0], "%d", g->households);
	snprintf(num[1], sizeof num[1], "%d", g->visited_30d);
	snprintf(num[2], sizeof num[2], "%d", g->visited_90d);
	snprintf(num[3], sizeof num[3], "%d", g->never_visited);
	v[0] = grid_name(g, community);
	v[1] = *g->member != '\0' ? g->member : "-";
	v[2] = num[0];
	v[3] = num[1];
	v[4] = num[2];
	v[5] = num[3];
}

static void
heading(const struct today *t, const char *community, int y, int shown,
    int cols)
{
	char	*s, *part = NULL;
	int	 n = (int)t->stats->ngrids;

	if (shown < n)
		part = xasprintf(_(" (%d-%d of %d, Up/Down)"), t->vtop + 1,
		    t->vtop + shown, n);
	if (community != NULL)
		s = xasprintf(_("Visits by grid, %s%s"), community,
		    part != NULL ? part : "");
	else
		s = xasprintf(_("Visits by grid%s"), part != NULL ? part : "");
	draw_section(y, cols, s);
	free(s);
	free(part);
}

void
today_visits_panel(struct today *t, int y, int rows, int cols)
{
	struct table_col	 c[NCOLS] = {
		{ _("Grid"), 4, 1, 0 }, { _("Member"), 4, 0, 0 },
		{ _("Households"), 3, 0, 0 }, { _("30 d"), 3, 0, 0 },
		{ _("90 d"), 3, 0, 0 }, { _("Never"), 3, 0, 0 },
	};
	const struct daily_stats	*d = t->stats;
	const char			*community, **v;
	char				(*num)[16];
	int				 i, n, shown;

	if (!today_visits_known(t))
		return;
	community = one_community(d);
	n = (int)d->ngrids;
	shown = n < rows - 2 ? n : rows - 2;
	shown = shown < 0 ? 0 : shown;
	today_visits_scroll(t, 0);
	if (t->vtop + shown > n)
		t->vtop = n - shown;
	heading(t, community, y++, shown, cols);
	if (n == 0) {
		draw_text(y, 2, _("The centre has no grids."), cols - 4,
		    STYLE_DIM);
		return;
	}
	v = xcalloc((size_t)n * NCOLS + 1, sizeof *v);
	num = xcalloc((size_t)n * 4 + 1, sizeof *num);
	for (i = 0; i < n; i++)
		cells(&d->grids[i], community, v + i * NCOLS, num + i * 4);
	table_layout(c, NCOLS, v, n, cols);
	table_head(y++, c, NCOLS);
	for (i = t->vtop; i < t->vtop + shown; i++, y++)
		table_row(y, c, NCOLS, v + i * NCOLS, STYLE_NORMAL);
	free(v);
	free(num);
}

void
today_visits_scroll(struct today *t, int n)
{
	int	last = today_visits_known(t) ? (int)t->stats->ngrids - 1 : 0;

	t->vtop += n;
	if (t->vtop > last)
		t->vtop = last;
	if (t->vtop < 0)
		t->vtop = 0;
}
