/* Tasks (任务): a grid member's share of the tasks open now, or all of
 * them; a supervisor's list of the centre's tasks, and the task he
 * issues. Enter opens a task's residents. */
#include <stdio.h>
#include <stdlib.h>

#include "draw.h"
#include "fieldwork.h"
#include "fieldwork-labels.h"
#include "keycodes.h"
#include "list.h"
#include "request.h"
#include "screen-task-new.h"
#include "table.h"
#include "tui.h"
#include "../api/tasks.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

struct tasks {
	struct task_page	*page;
	int			 all;		/* done ones too */
	struct list		 l;
};

static const struct keyhelp tasks_keys[] = {
	{ N_("Enter"), N_("Open"), 1 },
	{ N_("Tab"), N_("Open / all"), 1 },
	{ N_("N"), N_("Issue"), 1 },
	{ N_("Up/Down"), N_("Choose a task"), 0 },
	{ N_("PgDn/PgUp"), N_("Page"), 0 },
	{ N_("F5"), N_("Reload"), 0 },
	{ N_("Esc"), N_("Back"), 0 },
	{ NULL, NULL, 0 }
};

static void
on_tasks(struct api_result *r, void *arg)
{
	struct tasks	*t = arg;

	if (!app_answer(r))
		return;
	model_task_page_free(t->page);
	t->page = r->model;
	r->model = NULL;
	list_count(&t->l, (int)t->page->n);
}

/* A supervisor sees the centre's tasks; anyone else his share. */
static void
start(struct tasks *t, int page)
{
	struct request	*rq = request_new(t, 0, on_tasks, t);

	request_call(rq, api_tasks(app.api, !task_may_issue(), !t->all, page,
	    request_reply, rq));
}

static void
tasks_init(struct screen *s, void *arg)
{
	struct tasks	*t = xcalloc(1, sizeof *t);

	(void)arg;
	t->l.paged = 1;
	s->data = t;
	start(t, 1);
}

static void
tasks_free(struct screen *s)
{
	struct tasks	*t = s->data;

	model_task_page_free(t->page);
	list_free(&t->l);
	free(t);
}

static void
tasks_reload(struct screen *s)
{
	struct tasks	*t = s->data;

	start(t, t->page != NULL ? t->page->pg.page : 1);
}

static int
tasks_key(struct screen *s, int key)
{
	struct tasks	*t = s->data;
	enum list_done	 d;
	long long	 id;
	int		 np;

	switch (key) {
	case TK_TAB:
		t->all = !t->all;
		list_count(&t->l, 0);
		start(t, 1);
		return (1);
	case 'n':
	case 'N':
		if (!task_may_issue())
			app_hint(MSG_ERROR, "%s", _("A supervisor issues "
			    "tasks; yours are the residents given to you."));
		else
			task_issue_open(t);
		return (1);
	}
	if (t->page == NULL || t->page->n == 0)
		return (0);
	if (key == TK_ENTER) {
		id = t->page->items[t->l.sel].id;
		app_push(&screen_task, &id);
		return (1);
	}
	if ((d = list_key(&t->l, key)) == LIST_UNUSED)
		return (0);
	if ((np = list_turn(d, t->page->pg.page, t->page->pg.total,
	    t->page->pg.per_page)) > 0)
		start(t, np);
	app_dirty();
	return (1);
}

#define NCOLS 4

static const char **
rows_of(struct tasks *t, char (*count)[24])
{
	const char	**v = xcalloc(t->page->n * NCOLS + 1, sizeof *v);
	struct task	 *it;
	size_t		  i;

	for (i = 0; i < t->page->n; i++) {
		it = &t->page->items[i];
		snprintf(count[i], sizeof count[i], "%d/%d",
		    it->progress.total - it->progress.open,
		    it->progress.total);
		v[i * NCOLS] = it->deadline;
		v[i * NCOLS + 1] = task_status_label(it->status);
		v[i * NCOLS + 2] = count[i];
		v[i * NCOLS + 3] = it->title;
	}
	return (v);
}

static void
draw_list(struct tasks *t, int y, int last, int cols)
{
	struct table_col	 c[NCOLS] = {
		{ _("Deadline"), 10, 0, 0 }, { _("Status"), 4, 0, 0 },
		{ _("Done"), 3, 0, 0 }, { _("Task"), 0, 1, 0 },
	};
	const char		**v;
	char			(*count)[24];
	char			  info[128];

	count = xcalloc(t->page->n + 1, sizeof *count);
	v = rows_of(t, count);
	table_list(y, last, cols, c, NCOLS, v, &t->l, 1);
	free(v);
	free(count);
	snprintf(info, sizeof info, _("Page %d of %d, %lld tasks"),
	    t->page->pg.page, list_pages(t->page->pg.total,
	    t->page->pg.per_page), t->page->pg.total);
	draw_text(last, 1, info, cols - 2, STYLE_DIM);
}

static const char *
title_of(struct tasks *t)
{
	if (task_may_issue())
		return (t->all ? _("Tasks: all") : _("Tasks: open"));
	return (t->all ? _("My tasks: all") : _("My tasks: open"));
}

static void
tasks_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct tasks	*t = s->data;

	*cy = *cx = -1;
	draw_text(top, 1, title_of(t), cols - 2, STYLE_TITLE);
	draw_hline(top + 1, 0, cols);
	if (t->page == NULL) {
		draw_text(top + 3, 2, request_busy(t, 0) ? _("Loading...") :
		    _("Not loaded. F5 tries again."), cols - 4, STYLE_DIM);
		return;
	}
	if (t->page->n == 0) {
		draw_wrap(top + 3, 2, t->all ? _("No tasks.") : _("No open "
		    "tasks. Tab shows them all."), cols - 4, 2, STYLE_DIM);
		return;
	}
	draw_list(t, top + 2, top + rows - 1, cols);
}

const struct screen_ops screen_tasks = {
	.name = "tasks",
	.title = N_("Tasks"),
	.init = tasks_init,
	.free = tasks_free,
	.key = tasks_key,
	.draw = tasks_draw,
	.shows_all = RES_MASK(RES_TASK),
	.reload = tasks_reload,
	.keys = tasks_keys,
};
