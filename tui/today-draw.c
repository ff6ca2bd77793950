/* The Today screen's figures and charts, drawn in ASCII so that they
 * come out on any terminal: bars of '#' by hour and by service, and the
 * pending and overdue applications. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "table.h"
#include "today-draw.h"
#include "today-visits.h"
#include "today-money.h"
#include "today.h"
#include "tui.h"
#include "when.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

#define HOUR_COLS	3	/* "##" and a gap */
#define MAX_BAR_ROWS	10

static const struct {
	const char	*code;
	const char	*msgid;
} app_statuses[] = {
	{ "submitted", N_("submitted") },
	{ "accepted", N_("accepted") },
	{ "materials_requested", N_("waiting for materials") },
	{ "forwarded", N_("forwarded") },
	{ "completed", N_("completed") },
	{ "collected", N_("collected") },
	{ "rejected", N_("rejected") },
};

/* The role reads the centre's figures (supervisor, admin): what the
 * page draws and what screen-today.c asks the server for. */
int
today_is_supervisor(void)
{
	const char	*r = app.session != NULL ? app.session->role : "";

	return (strcmp(r, "supervisor") == 0 || strcmp(r, "admin") == 0);
}

const char *
today_status_label(const char *code)
{
	size_t	i;

	for (i = 0; i < sizeof app_statuses / sizeof *app_statuses; i++) {
		if (strcmp(app_statuses[i].code, code) == 0)
			return (_(app_statuses[i].msgid));
	}
	return (code);
}

void
today_figures_free(struct figures *f)
{
	free(f->services);
	memset(f, 0, sizeof *f);
}

static void
from_stats(struct figures *f, const struct daily_stats *d)
{
	size_t	i;

	f->from_server = 1;
	f->received = d->received;
	f->accepted = d->accepted;
	f->completed = d->completed;
	f->rejected = d->rejected;
	f->collected = d->collected;
	f->overdue = d->overdue;
	f->certificates = d->certificates;
	f->tickets_issued = d->tickets_issued;
	f->tickets_done = d->tickets_done;
	f->avg_wait_s = d->avg_wait_s;
	memcpy(f->per_hour, d->per_hour, sizeof f->per_hour);
	f->services = xcalloc(d->nservices + 1, sizeof *f->services);
	for (i = 0; i < d->nservices; i++) {
		f->services[i].txcode = d->services[i].txcode;
		f->services[i].name = d->services[i].name;
		f->services[i].received = d->services[i].received;
		f->services[i].completed = d->services[i].completed;
	}
	f->nservices = d->nservices;
}

static int
finished(const char *status)
{
	return (strcmp(status, "completed") == 0 ||
	    strcmp(status, "collected") == 0);
}

static void
count_service(struct figures *f, const struct app_row *a)
{
	size_t	i;

	for (i = 0; i < f->nservices; i++) {
		if (strcmp(f->services[i].txcode, a->txcode) == 0)
			break;
	}
	if (i == f->nservices) {
		f->services[i].txcode = a->txcode;
		f->services[i].name = a->service;
		f->nservices++;
	}
	f->services[i].received++;
	if (finished(a->status))
		f->services[i].completed++;
}

/* A clerk's figures: the applications they took today, as they stand
 * now, by the hour the server counts in (China Standard Time). */
static void
from_list(struct figures *f, const struct app_rows *day)
{
	const struct app_row	*a;
	size_t			 i;
	int			 h;

	f->services = xcalloc(day->n + 1, sizeof *f->services);
	f->avg_wait_s = f->certificates = f->tickets_issued = -1;
	f->tickets_done = -1;
	for (i = 0; i < day->n; i++) {
		a = &day->items[i];
		f->received++;
		f->accepted += strcmp(a->status, "accepted") == 0;
		f->completed += strcmp(a->status, "completed") == 0;
		f->rejected += strcmp(a->status, "rejected") == 0;
		f->collected += strcmp(a->status, "collected") == 0;
		if ((h = when_hour(a->created_at)) >= 0)
			f->per_hour[h]++;
		count_service(f, a);
	}
}

/* Overdue first, then by the promised date. */
static int
by_urgency(const void *pa, const void *pb)
{
	const struct app_row	*a = pa, *b = pb;

	if (a->overdue != b->overdue)
		return (b->overdue - a->overdue);
	return (strcmp(a->due_date, b->due_date));
}

void
today_count(struct today *t)
{
	struct figures	*f = &t->fig;
	size_t		 i;

	today_figures_free(f);
	if (t->stats != NULL)
		from_stats(f, t->stats);
	else
		from_list(f, &t->day);
	if (t->open == NULL)
		return;
	qsort(t->open->items, t->open->n, sizeof *t->open->items,
	    by_urgency);
	if (t->stats != NULL)
		return;
	for (i = 0; i < t->open->n; i++)
		f->overdue += t->open->items[i].overdue;
}

static int
figure(int y, int x, int maxx, const char *label, int value)
{
	char	v[32];

	if (value < 0 || x >= maxx)
		return (x);
	snprintf(v, sizeof v, " %d", value);
	x += draw_text(y, x, label, maxx - x, STYLE_LABEL);
	x += draw_text(y, x, v, maxx - x, STYLE_TITLE);
	return (x + 3);
}

/* The server cannot count a due date past its working-day calendar:
 * the supervisor is the one to have next year's schedule loaded. */
static int
draw_calendar(const struct daily_stats *d, int y, int cols)
{
	char	*s;

	if (d == NULL || !d->calendar_short)
		return (y);
	if (d->calendar_until == NULL || *d->calendar_until == '\0')
		s = xstrdup(_("The working-day calendar does not cover this "
		    "year: load the State Council's holiday schedule."));
	else
		s = xasprintf(_("The working-day calendar ends %s: load next "
		    "year's holiday schedule before due dates pass it."),
		    d->calendar_until);
	draw_text(y, 1, s, cols - 2, STYLE_ERROR);
	free(s);
	return (y + 1);
}

void
today_rate(int permille, char *out, size_t len)
{
	if (permille < 0)
		snprintf(out, len, "-");
	else
		snprintf(out, len, "%d.%d%%", permille / 10, permille % 10);
}

/* The day's satisfaction (好差评) and the follow-ups now, then the rate
 * per counter and per staff member while they fit; returns the next
 * row. */
static int
draw_satisfaction(const struct satisfaction *sa, int y, int cols)
{
	char	 rate[16], *s;
	int	 x;
	size_t	 i;

	if (sa == NULL)
		return (y);
	today_rate(sa->total.permille, rate, sizeof rate);
	s = xasprintf(_("Satisfaction %s of %d rated, %d bad"), rate,
	    sa->total.rated, sa->total.bad);
	x = 1 + draw_text(y, 1, s, cols - 2, sa->total.bad > 0 ?
	    STYLE_ERROR : STYLE_TITLE) + 3;
	free(s);
	x = figure(y, x, cols - 1, _("Follow-ups open"), sa->fu_open);
	figure(y++, x, cols - 1, _("overdue"), sa->fu_overdue);
	if (sa->ncounter + sa->nstaff == 0)
		return (y);
	x = 1;
	for (i = 0; i < sa->ncounter && x < cols - 1; i++) {
		today_rate(sa->per_counter[i].permille, rate, sizeof rate);
		s = xasprintf(_("Counter %s %s"), sa->per_counter[i].key, rate);
		x += draw_text(y, x, s, cols - 1 - x, STYLE_LABEL) + 3;
		free(s);
	}
	for (i = 0; i < sa->nstaff && x < cols - 1; i++) {
		today_rate(sa->per_staff[i].permille, rate, sizeof rate);
		s = xasprintf("%s %s", sa->per_staff[i].key, rate);
		x += draw_text(y, x, s, cols - 1 - x, STYLE_LABEL) + 3;
		free(s);
	}
	return (y + 1);
}

/* Two lines of figures; returns the next row. */
static int
draw_figures(const struct today *t, int y, int cols)
{
	const struct figures	*f = &t->fig;
	char			 wait[64];
	int			 x = 1;

	x = figure(y, x, cols - 1, _("Received"), f->received);
	x = figure(y, x, cols - 1, _("Accepted"), f->accepted);
	x = figure(y, x, cols - 1, _("Completed"), f->completed);
	x = figure(y, x, cols - 1, _("Rejected"), f->rejected);
	x = figure(y, x, cols - 1, _("Collected"), f->collected);
	figure(y++, x, cols - 1, _("Overdue"), f->overdue);
	if (!f->from_server) {
		draw_text(y, 1, _("Counted from today's applications as they "
		    "stand now; the centre's full figures are a supervisor's."),
		    cols - 2, STYLE_DIM);
		return (y + 1);
	}
	x = figure(y, 1, cols - 1, _("Certificates"), f->certificates);
	x = figure(y, x, cols - 1, _("Tickets issued"), f->tickets_issued);
	x = figure(y, x, cols - 1, _("Tickets done"), f->tickets_done);
	if (f->avg_wait_s >= 0) {
		snprintf(wait, sizeof wait, _("Average wait %d min %d s"),
		    f->avg_wait_s / 60, f->avg_wait_s % 60);
		draw_text(y, x, wait, cols - 1 - x, STYLE_LABEL);
	}
	y = draw_satisfaction(t->sat, y + 1, cols);
	y = today_visits_line(t, y, cols);
	return (draw_calendar(t->stats, y, cols));
}

/* The hours shown when not all 24 fit: office hours, widened to the
 * hours that have applications. */
static int
first_hour(const int *h, int n)
{
	int	i, lo = 8, hi = 18, start;

	for (i = 0; i < 24; i++) {
		if (h[i] > 0) {
			lo = lo < i ? lo : i;
			hi = hi > i ? hi : i;
		}
	}
	start = (lo + hi + 1) / 2 - n / 2;
	if (start > lo)
		start = lo;
	if (start + n > 24)
		start = 24 - n;
	return (start < 0 ? 0 : start);
}

static int
bar_rows(int v, int max, int height)
{
	if (v <= 0 || max <= 0)
		return (0);
	return ((v * height + max - 1) / max);
}

/* Applications received per hour: a column of "##" per hour, its count
 * above it, the hours below. */
static void
draw_hours(const struct figures *f, int y, int rows, int cols)
{
	int	n = (cols - 2) / HOUR_COLS, h0, i, r, max = 0, height, x, b;
	char	label[16];

	draw_section(y++, cols, _("Received by hour"));
	n = n > 24 ? 24 : n;
	h0 = first_hour(f->per_hour, n);
	height = rows - 3 < MAX_BAR_ROWS ? rows - 3 : MAX_BAR_ROWS;
	for (i = 0; i < 24; i++)
		max = f->per_hour[i] > max ? f->per_hour[i] : max;
	for (i = 0; i < n; i++) {
		x = 1 + i * HOUR_COLS;
		b = bar_rows(f->per_hour[h0 + i], max, height);
		for (r = 0; r < b; r++)
			draw_text(y + height - r, x, "##", 2, STYLE_TITLE);
		if (f->per_hour[h0 + i] > 0) {
			snprintf(label, sizeof label, "%d",
			    f->per_hour[h0 + i]);
			draw_text(y + height - b, x, label, HOUR_COLS,
			    STYLE_NORMAL);
		}
		snprintf(label, sizeof label, "%02d", h0 + i);
		draw_text(y + height + 1, x, label, 2, STYLE_DIM);
	}
	if (max == 0)
		draw_text(y + height / 2, 2, _("No applications yet today."),
		    cols - 4, STYLE_DIM);
}

/* Received per service as a bar, with "received / completed". */
static void
draw_services(const struct figures *f, int y, int rows, int cols)
{
	char	label[256], nums[32];
	int	lw = 0, w, max = 0, i, n = (int)f->nservices, bw, x;

	draw_section(y++, cols, _("By service: received / completed"));
	for (i = 0; i < n; i++) {
		snprintf(label, sizeof label, "%s %s", f->services[i].txcode,
		    f->services[i].name);
		lw = text_width(label) > lw ? text_width(label) : lw;
		max = f->services[i].received > max ? f->services[i].received :
		    max;
	}
	lw = lw > cols / 2 ? cols / 2 : lw;
	bw = cols - lw - 14;
	for (i = 0; i < n && i < rows - 1; i++, y++) {
		snprintf(label, sizeof label, "%s %s", f->services[i].txcode,
		    f->services[i].name);
		draw_text(y, 1, label, lw, STYLE_NORMAL);
		w = max > 0 ? (f->services[i].received * bw + max - 1) / max : 0;
		for (x = 0; x < w; x++)
			draw_text(y, 2 + lw + x, "#", 1, STYLE_TITLE);
		snprintf(nums, sizeof nums, " %d / %d",
		    f->services[i].received, f->services[i].completed);
		draw_text(y, 2 + lw + w, nums, cols - lw - w - 3,
		    STYLE_NORMAL);
	}
	if (n == 0)
		draw_text(y, 2, _("No applications yet today."), cols - 4,
		    STYLE_DIM);
}

#define NCOLS 6

static void
overdue_cells(const struct app_row *a, const char **v, char *days,
    size_t len)
{
	if (a->overdue_days >= 0)
		snprintf(days, len, "%d", a->overdue_days);
	else
		snprintf(days, len, "%s", a->overdue ? _("yes") : "");
	v[0] = a->number;
	v[1] = a->service;
	v[2] = a->resident;
	v[3] = a->due_date;
	v[4] = days;
	v[5] = today_status_label(a->status);
}

static void
draw_open(const struct today *t, int y, int rows, int cols)
{
	struct table_col	 c[NCOLS] = {
		{ _("Number"), 8, 0, 0 }, { _("Service"), 6, 1, 0 },
		{ _("Resident"), 4, 0, 0 }, { _("Due"), 10, 0, 0 },
		{ _("Overdue"), 3, 0, 0 }, { _("Status"), 4, 0, 0 },
	};
	const char		**v;
	char			 title[128], (*days)[16];
	int			 i, n;

	if (today_is_supervisor())
		snprintf(title, sizeof title, _("Overdue applications: %lld"),
		    t->open != NULL ? t->open->pg.total : 0);
	else
		snprintf(title, sizeof title, _("Pending applications: %lld, "
		    "overdue %d"), t->open != NULL ? t->open->pg.total : 0,
		    t->fig.overdue);
	draw_section(y++, cols, title);
	if (t->open == NULL || t->open->n == 0) {
		draw_text(y, 2, _("Nothing is pending."), cols - 4, STYLE_DIM);
		return;
	}
	n = (int)t->open->n < rows - 2 ? (int)t->open->n : rows - 2;
	v = xcalloc((size_t)n * NCOLS + 1, sizeof *v);
	days = xcalloc((size_t)n + 1, sizeof *days);
	for (i = 0; i < n; i++)
		overdue_cells(&t->open->items[i], v + i * NCOLS, days[i],
		    sizeof days[i]);
	table_layout(c, NCOLS, v, n, cols);
	table_head(y++, c, NCOLS);
	for (i = 0; i < n; i++, y++)
		table_row(y, c, NCOLS, v + i * NCOLS, t->open->items[i].overdue
		    ? STYLE_ERROR : STYLE_NORMAL);
	free(v);
	free(days);
}

static int
has_money(const struct today *t)
{
	return (t->stats != NULL && t->stats->has_money);
}

/* Rows a panel needs to say anything; 0: it has nothing to say. */
static int
panel_rows(const struct today *t, int p)
{
	if (p == PANEL_MONEY)
		return (has_money(t) ? today_money_rows(&t->stats->money) : 0);
	if (p == PANEL_HOURS)
		return (7);
	if (p == PANEL_SERVICES)
		return (2 + (int)(t->fig.nservices > 0 ? t->fig.nservices : 1));
	if (p == PANEL_VISITS)
		return (today_visits_rows(t));
	return (3 + (int)(t->open != NULL && t->open->n > 0 ? t->open->n :
	    1));
}

static void
draw_panel(struct today *t, int p, int y, int rows, int cols)
{
	if (p == PANEL_MONEY)
		today_money_draw(&t->stats->money, y, rows, cols);
	else if (p == PANEL_HOURS)
		draw_hours(&t->fig, y, rows, cols);
	else if (p == PANEL_SERVICES)
		draw_services(&t->fig, y, rows, cols);
	else if (p == PANEL_VISITS)
		today_visits_panel(t, y, rows, cols);
	else
		draw_open(t, y, rows, cols);
}

int
today_panel_shown(const struct today *t, int p)
{
	return ((p != PANEL_VISITS || today_visits_known(t)) &&
	    (p != PANEL_MONEY || has_money(t)));
}

/* The first panel gets what it needs, up to the hour chart's full
 * height; the next ones follow while they fit. */
static void
draw_panels(struct today *t, int y, int last, int cols)
{
	int	i, p, want, h;

	for (i = 0; i < PANEL_COUNT && last - y >= 4; i++) {
		p = (t->panel + i) % PANEL_COUNT;
		if (!today_panel_shown(t, p) ||
		    (want = panel_rows(t, p)) == 0)
			continue;
		if (p == PANEL_HOURS)
			want = MAX_BAR_ROWS + 3;
		if (i > 0 && want > last - y && panel_rows(t, p) > last - y)
			break;
		h = want < last - y ? want : last - y;
		draw_panel(t, p, y, h, cols);
		y += h + 1;
	}
}

void
today_draw(struct today *t, int top, int rows, int cols)
{
	char	title[256];
	int	y;

	if (t->mine)
		snprintf(title, sizeof title, _("Today %s, counter %s"),
		    t->date, app.session->counter);
	else
		snprintf(title, sizeof title, _("Today %s, %s"), t->date,
		    app.session->centre_name);
	draw_text(top, 1, title, cols - 2, STYLE_TITLE);
	if (t->loading != 0 && t->fig.received == 0 && t->stats == NULL &&
	    t->day.n == 0) {
		draw_text(top + 2, 2, _("Loading..."), cols - 4, STYLE_DIM);
		return;
	}
	y = draw_figures(t, top + 1, cols);
	draw_panels(t, y, top + rows, cols);
}
