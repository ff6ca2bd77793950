/* One grid event drawn: what, where, who, its deadline, what waits on
 * it, and every step it took. */
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "event-draw.h"
#include "event-labels.h"
#include "list.h"
#include "tui.h"
#include "when.h"
#include "../api/events.h"
#include "../locale/i18n.h"

/* Wide enough for two fields on one line. */
#define WIDE	70

void
event_due_text(const struct event *ev, char *out, size_t len)
{
	const char	*d = ev->due_date;

	if (*d == '\0') {
		snprintf(out, len, "-");
		return;
	}
	snprintf(out, len, "%s%s", strlen(d) == 10 ? d + 5 : d,
	    ev->overdue ? "!" : ev->due_soon ? "*" : "");
}

/* Two fields: side by side when wide, else one under the other. */
static int
pair(int y, int cols, const char *l1, const char *v1, const char *l2,
    const char *v2)
{
	int	x;

	x = draw_field(y, 1, l1, v1, cols - 1);
	if (v2 == NULL)
		return (y + 1);
	if (cols >= WIDE) {
		draw_field(y, x, l2, v2, cols - 1);
		return (y + 1);
	}
	draw_field(y + 1, 1, l2, v2, cols - 1);
	return (y + 2);
}

/* Who holds it: the assignee, the unit, or nobody yet. */
static const char *
holder(const struct event *ev)
{
	if (*ev->unit != '\0')
		return (ev->unit);
	return (*ev->assignee != '\0' ? ev->assignee : "-");
}

/* The deadline, its mark, and what the supervisor has said of it. */
static int
draw_due(const struct event *ev, int y, int cols)
{
	char	line[160], more[96];
	int	x;

	if (*ev->due_date == '\0')
		snprintf(line, sizeof line, "-");
	else
		snprintf(line, sizeof line, "%s", ev->due_date);
	x = draw_field(y, 1, _("Due"), line, cols - 1);
	if (ev->overdue)
		x += 1 + draw_text(y, x, _("OVERDUE"), cols - 1 - x,
		    STYLE_ERROR);
	else if (ev->due_soon)
		x += 1 + draw_text(y, x, _("due soon"), cols - 1 - x,
		    STYLE_ERROR);
	more[0] = '\0';
	if (ev->rating > 0)
		snprintf(more, sizeof more, _("rated %d/5"), ev->rating);
	else if (ev->supervisions > 0)
		snprintf(more, sizeof more, _("supervised %d times"),
		    ev->supervisions);
	if (*more != '\0' && x + 2 < cols - 1)
		draw_text(y, x + 1, more, cols - 2 - x, STYLE_DIM);
	return (y + 1);
}

/* A 延期 waiting for the supervisor. */
static int
draw_extension(const struct event *ev, int y, int cols)
{
	char	line[512];

	if (*ev->ext_until == '\0')
		return (y);
	snprintf(line, sizeof line, _("to %s, asked by %s: %s"),
	    ev->ext_until, ev->ext_by, ev->ext_reason);
	draw_field(y, 1, _("Extension"), line, cols - 1);
	return (y + 1);
}

int
event_draw_facts(const struct event *ev, int y, int last, int cols)
{
	char	line[256], at[32];
	int	x, rows;

	snprintf(line, sizeof line, _("Event %lld: %s, %s"), ev->id,
	    event_category_label(ev->category), event_urgency_label(
	    ev->urgency));
	draw_text(y++, 1, line, cols - 2, STYLE_TITLE);
	y = pair(y, cols, _("Status"), event_status_label(ev->status),
	    *ev->unit != '\0' ? _("Unit") : _("Assignee"), holder(ev));
	y = draw_due(ev, y, cols);
	y = draw_extension(ev, y, cols);
	when_day_hm(ev->reported_at, at, sizeof at);
	snprintf(line, sizeof line, "%s, %s", ev->reporter, at);
	y = pair(y, cols, _("Reported by"), line, _("Grid"), ev->grid);
	draw_field(y++, 1, _("Location"), ev->location, cols - 1);
	if (*ev->resident != '\0')
		draw_field(y++, 1, _("Resident"), ev->resident, cols - 1);
	x = 1 + draw_text(y, 1, _("Description"), cols - 2, STYLE_LABEL);
	x += draw_text(y, x, ": ", cols - 1 - x, STYLE_LABEL);
	/* leave the timeline its title and a few steps */
	rows = last - y - 4;
	if (rows > 4)
		rows = 4;
	if (rows < 1)
		rows = 1;
	y += draw_lines(y, x, ev->description, cols - 1 - x, rows,
	    STYLE_NORMAL);
	return (y);
}

/* One step as a line: when, who, what, and its details. */
static void
step_line(const struct event_update *u, char *line, size_t len)
{
	char	at[32], more[64];

	when_day_hm(u->at, at, sizeof at);
	more[0] = '\0';
	if (u->rating > 0)
		snprintf(more, sizeof more, " %d/5", u->rating);
	else if (*u->until != '\0')
		snprintf(more, sizeof more, " %s", u->until);
	snprintf(line, len, "%s %s %s%s%s%s%s%s%s", at, u->staff,
	    event_step_label(u->action), *u->assignee != '\0' ? " -> " : "",
	    u->assignee, *u->unit != '\0' ? " " : "", u->unit, more,
	    *u->note != '\0' ? ": " : "");
	if (*u->note != '\0')
		strncat(line, u->note, len - strlen(line) - 1);
}

void
event_draw_timeline(const struct event *ev, struct list *l, int y,
    int last, int cols)
{
	char	line[1280];
	int	i, x;

	x = draw_text(y, 1, _("Timeline"), cols - 2, STYLE_TITLE);
	draw_hline(y++, x + 2, cols - x - 3);
	list_show(l, last - y);
	for (i = l->top; i < (int)ev->nupdates && y < last; i++, y++) {
		step_line(&ev->updates[i], line, sizeof line);
		draw_text(y, 1, line, cols - 2, STYLE_NORMAL);
	}
}
