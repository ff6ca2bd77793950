/*
 * One task (任务): its residents, and what came of each. A grid member
 * sees his own, open ones first, and records an outcome with Enter:
 * done, unreachable or refused, with a note saying why for the last
 * two. A supervisor sees the progress per grid member and the items
 * left open past the deadline, and may record an outcome too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog-prompt.h"
#include "draw.h"
#include "fieldwork.h"
#include "fieldwork-labels.h"
#include "keycodes.h"
#include "list.h"
#include "request.h"
#include "table.h"
#include "tui.h"
#include "../api/tasks.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

#define NOTE_MAX	500

enum { SLOT_TASK, SLOT_ITEMS, SLOT_OUTCOME };

enum view {
	V_OPEN,		/* a grid member's first: what is left to do */
	V_ALL,
	V_MEMBERS,	/* a supervisor's first: progress per member */
	V_OVERDUE
};

struct taskscr {
	long long		 id;
	struct task		*task;
	struct task_item_page	*items;
	enum view		 view;
	struct list		 l;
};

static const struct keyhelp task_keys[] = {
	{ N_("Enter"), N_("Outcome"), 1 },
	{ N_("Tab"), N_("View"), 1 },
	{ N_("Up/Down"), N_("Choose a resident"), 0 },
	{ N_("PgDn/PgUp"), N_("Page"), 0 },
	{ N_("F5"), N_("Reload"), 0 },
	{ N_("Esc"), N_("Back"), 1 },
	{ NULL, NULL, 0 }
};

static void
on_task(struct api_result *r, void *arg)
{
	struct taskscr	*t = arg;

	if (!app_answer(r))
		return;
	model_task_free(t->task);
	t->task = r->model;
	r->model = NULL;
	if (t->view == V_MEMBERS)
		list_count(&t->l, (int)t->task->nper_assignee);
}

static void
on_items(struct api_result *r, void *arg)
{
	struct taskscr	*t = arg;

	if (!app_answer(r))
		return;
	model_task_item_page_free(t->items);
	t->items = r->model;
	r->model = NULL;
	if (t->view != V_MEMBERS)
		list_count(&t->l, (int)t->items->n);
}

static const char *
filter_of(enum view v)
{
	if (v == V_OPEN)
		return ("open");
	if (v == V_OVERDUE)
		return ("overdue");
	return (NULL);
}

static void
load_items(struct taskscr *t, int page)
{
	struct request	*rq = request_new(t, SLOT_ITEMS, on_items, t);

	request_call(rq, api_task_items(app.api, t->id, filter_of(t->view),
	    page, request_reply, rq));
}

static void
load(struct taskscr *t)
{
	struct request	*rq = request_new(t, SLOT_TASK, on_task, t);

	request_call(rq, api_task_get(app.api, t->id, request_reply, rq));
	if (t->view != V_MEMBERS)
		load_items(t, t->items != NULL ? t->items->pg.page : 1);
}

static void
task_init(struct screen *s, void *arg)
{
	struct taskscr	*t = xcalloc(1, sizeof *t);

	t->id = *(const long long *)arg;
	t->view = task_may_issue() ? V_MEMBERS : V_OPEN;
	t->l.paged = 1;
	s->data = t;
	load(t);
}

static void
task_free(struct screen *s)
{
	struct taskscr	*t = s->data;

	model_task_free(t->task);
	model_task_item_page_free(t->items);
	list_free(&t->l);
	free(t);
}

static void
task_reload(struct screen *s)
{
	load(s->data);
}

static int
task_shows(struct screen *s, enum resource r, long long id)
{
	struct taskscr	*t = s->data;

	return (r == RES_TASK && (id == 0 || id == t->id));
}

/* The views in the order Tab goes through them, by role. */
static void
next_view(struct taskscr *t)
{
	static const enum view grid[] = { V_OPEN, V_ALL, V_OPEN };
	static const enum view super[] = { V_MEMBERS, V_OVERDUE, V_ALL,
		V_MEMBERS };
	const enum view	*v = task_may_issue() ? super : grid;

	while (*v != t->view)
		v++;
	t->view = v[1];
	model_task_item_page_free(t->items);
	t->items = NULL;
	list_count(&t->l, t->view == V_MEMBERS && t->task != NULL ?
	    (int)t->task->nper_assignee : 0);
	if (t->view != V_MEMBERS)
		load_items(t, 1);
}

static struct task_item *
selected(struct taskscr *t)
{
	int	i;

	if (t->view == V_MEMBERS || t->items == NULL ||
	    (i = list_selected(&t->l)) < 0 || (size_t)i >= t->items->n)
		return (NULL);
	return (&t->items->items[i]);
}

static void
on_outcome(struct api_result *r, void *arg)
{
	struct taskscr		*t = arg;
	struct task_item	*it;

	if (app_signed_out(r))
		return;
	if (r->status != API_OK) {
		if (strcmp(r->problem, "precondition-failed") == 0)
			app_message(MSG_ERROR, "%s", _("Someone recorded an "
			    "outcome for this resident meanwhile: it is shown "
			    "again as it is now."));
		else
			app_message(MSG_ERROR, "%s", r->message);
		load(t);
		return;
	}
	it = r->model;
	app_message(MSG_INFO, _("%s: %s, recorded."), it->resident,
	    task_outcome_label(it->outcome));
	app_changed(RES_TASK, t->id);
}

/* What the grid member chose, kept while he writes the note. */
struct asked {
	struct taskscr	*t;
	long long	 item;
	long long	 version;
	int		 outcome;
};

/* One question at a time, over this screen: its answer comes only
 * while the screen is there (dialog-prompt.h), so its data is. */
static struct asked	asked;

static void
note_done(const char *text, void *arg)
{
	struct asked	*a = arg;
	struct request	*rq = request_new(a->t, SLOT_OUTCOME, on_outcome,
			    a->t);
	char		*what;

	what = xasprintf("%lld %lld %d %s", a->item, a->version, a->outcome,
	    text);
	request_call(rq, api_task_outcome(app.api, a->item, a->version,
	    task_outcomes[a->outcome], text, request_key(rq, what),
	    request_reply, rq));
	free(what);
}

static void
outcome_done(int index, void *arg)
{
	struct asked	*a = arg;
	struct prompt	 p;

	a->outcome = index;
	memset(&p, 0, sizeof p);
	p.max_chars = NOTE_MAX;
	if (strcmp(task_outcomes[index], "done") == 0) {
		p.title = _("A note (may be left empty)");
	} else {
		p.title = _("Why? (required)");
		p.min_chars = 1;
		p.too_short = _("Say why: what was tried, what was said.");
	}
	p.done = note_done;
	p.arg = a;
	prompt_ask(&p);
}

static void
ask_outcome(struct taskscr *t)
{
	struct task_item	*it = selected(t);
	const char		*labels[TASK_NOUTCOMES];
	char			 title[160];
	int			 i, sel = 0;

	if (it == NULL)
		return;
	for (i = 0; i < TASK_NOUTCOMES; i++) {
		labels[i] = task_outcome_label(task_outcomes[i]);
		if (strcmp(it->outcome, task_outcomes[i]) == 0)
			sel = i;
	}
	asked = (struct asked){ t, it->id, it->version, 0 };
	snprintf(title, sizeof title, _("Outcome for %s"), it->resident);
	list_ask(title, labels, TASK_NOUTCOMES, sel, outcome_done, &asked);
}

static int
task_key(struct screen *s, int key)
{
	struct taskscr	*t = s->data;
	enum list_done	 d;
	int		 np;

	if (key == TK_TAB) {
		next_view(t);
		app_dirty();
		return (1);
	}
	if (key == TK_ENTER || key == 'o' || key == 'O') {
		ask_outcome(t);
		return (1);
	}
	if ((d = list_key(&t->l, key)) == LIST_UNUSED)
		return (0);
	if (t->items != NULL && t->view != V_MEMBERS && (np = list_turn(d,
	    t->items->pg.page, t->items->pg.total,
	    t->items->pg.per_page)) > 0)
		load_items(t, np);
	app_dirty();
	return (1);
}

/* The task: its title, deadline and how far it is. */
static int
draw_head(struct task *k, int y, int cols)
{
	char	line[256];

	draw_text(y++, 1, k->title, cols - 2, STYLE_TITLE);
	snprintf(line, sizeof line, _("Due %s, %s: %d of %d done"),
	    k->deadline, task_status_label(k->status),
	    k->progress.total - k->progress.open, k->progress.total);
	draw_text(y++, 1, line, cols - 2, strcmp(k->status, "overdue") == 0 ?
	    STYLE_ERROR : STYLE_NORMAL);
	draw_hline(y++, 0, cols);
	return (y);
}

#define MCOLS 7

static void
draw_members(struct taskscr *t, int y, int last, int cols)
{
	struct table_col	 c[MCOLS] = {
		{ _("Member"), 4, 1, 0 }, { _("Done"), 2, 0, 0 },
		{ _("Unreach."), 2, 0, 0 }, { _("Refused"), 2, 0, 0 },
		{ _("Open"), 2, 0, 0 }, { _("Overdue"), 2, 0, 0 },
		{ _("Total"), 2, 0, 0 },
	};
	struct task_progress	*g;
	const char		**v;
	char			(*num)[12];
	size_t			  i, n = t->task->nper_assignee;
	int			  k, vals[MCOLS - 1];

	v = xcalloc(n * MCOLS + 1, sizeof *v);
	num = xcalloc(n * (MCOLS - 1) + 1, sizeof *num);
	for (i = 0; i < n; i++) {
		g = &t->task->per_assignee[i];
		vals[0] = g->done;
		vals[1] = g->unreachable;
		vals[2] = g->refused;
		vals[3] = g->open;
		vals[4] = g->overdue;
		vals[5] = g->total;
		v[i * MCOLS] = *g->assignee != '\0' ? g->assignee :
		    _("(no member)");
		for (k = 0; k < MCOLS - 1; k++) {
			snprintf(num[i * (MCOLS - 1) + k], sizeof *num, "%d",
			    vals[k]);
			v[i * MCOLS + 1 + k] = num[i * (MCOLS - 1) + k];
		}
	}
	table_list(y, last, cols, c, MCOLS, v, &t->l, 1);
	free(v);
	free(num);
	draw_text(last, 1, _("Tab: the overdue residents, then all."),
	    cols - 2, STYLE_DIM);
}

#define ICOLS 5

static const char *
outcome_cell(const struct task_item *it)
{
	if (*it->outcome != '\0')
		return (task_outcome_label(it->outcome));
	return (it->overdue ? _("OVERDUE") : "-");
}

static void
draw_items(struct taskscr *t, int y, int last, int cols)
{
	struct table_col	 c[ICOLS] = {
		{ _("Name"), 4, 0, 0 }, { _("Age"), 3, 0, 0 },
		{ _("Outcome"), 4, 0, 0 }, { _("Member"), 4, 0, 0 },
		{ NULL, 0, 1, 0 },
	};
	struct task_item	*it;
	const char		**v, **addr;
	char			(*age)[12], line[700], *head;
	size_t			  i, n = t->items->n, common;
	int			  nc = task_may_issue() ? ICOLS : ICOLS - 1;

	v = xcalloc(n * ICOLS + 1, sizeof *v);
	addr = xcalloc(n + 1, sizeof *addr);
	age = xcalloc(n + 1, sizeof *age);
	for (i = 0; i < n; i++)
		addr[i] = t->items->items[i].address;
	common = address_common(addr, n);
	c[4].title = head = address_heading(addr[0], common);
	if (nc < ICOLS)		/* a grid member's own: no member column */
		c[3] = c[4];
	for (i = 0; i < n; i++) {
		it = &t->items->items[i];
		snprintf(age[i], sizeof age[i], "%d", it->age);
		v[i * nc] = it->resident;
		v[i * nc + 1] = age[i];
		v[i * nc + 2] = outcome_cell(it);
		if (nc == ICOLS)
			v[i * nc + 3] = *it->assignee != '\0' ?
			    it->assignee : "-";
		v[i * nc + nc - 1] = addr[i] + common;
	}
	table_list(y, last - 2, cols, c, nc, v, &t->l, 1);
	free(head);
	free(v);
	free(addr);
	free(age);
	if ((it = selected(t)) == NULL)
		return;
	/* the one chosen in full: where he lives, how to reach him */
	draw_text(last - 2, 1, it->address, cols - 2, STYLE_DIM);
	snprintf(line, sizeof line, "%s  %s  %s", it->id_number_masked,
	    *it->phone_masked != '\0' ? it->phone_masked : "-", it->note);
	draw_text(last - 1, 1, line, cols - 2, STYLE_DIM);
	snprintf(line, sizeof line, _("Page %d of %d, %lld residents"),
	    t->items->pg.page, list_pages(t->items->pg.total,
	    t->items->pg.per_page), t->items->pg.total);
	draw_text(last, 1, line, cols - 2, STYLE_DIM);
}

static const char *
empty_text(enum view v)
{
	switch (v) {
	case V_OPEN:
		return (_("Every resident of yours has an outcome. Tab shows "
		    "them all."));
	case V_OVERDUE:
		return (_("No resident is overdue."));
	default:
		return (_("No residents."));
	}
}

static void
task_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct taskscr	*t = s->data;
	int		 y;

	*cy = *cx = -1;
	if (t->task == NULL) {
		draw_text(top + 1, 2, request_busy(t, SLOT_TASK) ?
		    _("Loading...") : _("Not loaded. F5 tries again."),
		    cols - 4, STYLE_DIM);
		return;
	}
	y = draw_head(t->task, top, cols);
	if (t->view == V_MEMBERS) {
		draw_members(t, y, top + rows - 1, cols);
		return;
	}
	if (t->items == NULL)
		draw_text(y + 1, 2, request_busy(t, SLOT_ITEMS) ?
		    _("Loading...") : _("Not loaded. F5 tries again."),
		    cols - 4, STYLE_DIM);
	else if (t->items->n == 0)
		draw_wrap(y + 1, 2, empty_text(t->view), cols - 4, 2,
		    STYLE_DIM);
	else
		draw_items(t, y, top + rows - 1, cols);
}

const struct screen_ops screen_task = {
	.name = "task",
	.title = N_("Task"),
	.init = task_init,
	.free = task_free,
	.key = task_key,
	.draw = task_draw,
	.shows = task_shows,
	.reload = task_reload,
	.keys = task_keys,
};
