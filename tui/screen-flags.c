/* Open data-error flags to resolve, and the open applications of
 * deceased or moved-out applicants to close: Tab turns between them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case-labels.h"
#include "cases.h"
#include "dialog-prompt.h"
#include "draw.h"
#include "keys.h"
#include "list.h"
#include "request.h"
#include "resident-labels.h"
#include "screen-flags.h"
#include "table.h"
#include "tui.h"
#include "when.h"
#include "../api/applications.h"
#include "../api/flags.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

enum view {
	V_FLAGS,
	V_DECEASED,
	V_MOVED_OUT,
	V_COUNT
};

enum { SLOT_LIST, SLOT_RESOLVE };

struct checks {
	enum view		 view;
	struct flag_page	*flags;
	struct app_page		*apps;
	struct list		 l;
	long long		 resolving;	/* the flag's resident */
};

static const struct keyhelp flags_keys[] = {
	{ N_("Tab"), N_("Flags / deceased / moved out"), 1 },
	{ N_("Enter"), N_("Open"), 1 },
	{ N_("R"), N_("Resolve the flag"), 1 },
	{ N_("Up/Down"), N_("Choose"), 0 },
	{ N_("PgDn/PgUp"), N_("Page"), 0 },
	{ N_("F5"), N_("Reload"), 0 },
	{ N_("Esc"), N_("Back, or cancel the request"), 0 },
	{ NULL, NULL, 0 }
};

static void
on_flags(struct api_result *r, void *arg)
{
	struct checks	*c = arg;

	if (!app_answer(r))
		return;
	model_flag_page_free(c->flags);
	c->flags = r->model;
	r->model = NULL;
	list_count(&c->l, (int)c->flags->n);
}

static void
on_apps(struct api_result *r, void *arg)
{
	struct checks	*c = arg;

	if (!app_answer(r))
		return;
	model_app_page_free(c->apps);
	c->apps = r->model;
	r->model = NULL;
	list_count(&c->l, (int)c->apps->n);
}

static void
start(struct checks *c, int page)
{
	struct app_query	 q;
	struct request		*rq;

	if (c->view == V_FLAGS) {
		rq = request_new(c, SLOT_LIST, on_flags, c);
		request_call(rq, api_flags(app.api, "open", page,
		    request_reply, rq));
		return;
	}
	memset(&q, 0, sizeof q);
	q.applicant = c->view == V_DECEASED ? "deceased" : "moved_out";
	rq = request_new(c, SLOT_LIST, on_apps, c);
	request_call(rq, api_application_search(app.api, &q, page,
	    request_reply, rq));
}

static void
flags_init(struct screen *s, void *arg)
{
	struct checks	*c = xcalloc(1, sizeof *c);

	(void)arg;
	c->l.paged = 1;
	s->data = c;
	start(c, 1);
}

static void
flags_free(struct screen *s)
{
	struct checks	*c = s->data;

	model_flag_page_free(c->flags);
	model_app_page_free(c->apps);
	free(c);
}

static void
flags_reload(struct screen *s)
{
	struct checks	*c = s->data;
	int		 page = 1;

	if (c->view == V_FLAGS && c->flags != NULL)
		page = c->flags->pg.page;
	else if (c->view != V_FLAGS && c->apps != NULL)
		page = c->apps->page;
	start(c, page);
}

static void
on_resolved(struct api_result *r, void *arg)
{
	struct checks	*c = arg;

	if (!app_answer(r))
		return;
	app_message(MSG_INFO, "%s", _("Resolved: the flag leaves the "
	    "list."));
	app_changed(RES_RESIDENT, c->resolving);
}

static void
resolution_given(const char *text, void *arg)
{
	struct checks		*c = arg;
	struct resident_flag	*f = &c->flags->items[c->l.sel];
	struct request		*rq = request_new(c, SLOT_RESOLVE, on_resolved,
				    c);
	char			*what = xasprintf("resolve %lld %s", f->id,
				    text);

	c->resolving = f->resident_id;
	request_call(rq, api_flag_resolve(app.api, f->id, text,
	    request_key(rq, what), request_reply, rq));
	free(what);
}

static void
resolve(struct checks *c)
{
	if (!resident_may_confirm()) {
		app_message(MSG_ERROR, "%s", _("A supervisor resolves data-error "
		    "flags."));
		return;
	}
	prompt_ask(&(struct prompt){ .title = _("What was found or done?"),
	    .max_chars = 500, .min_chars = 2, .too_short = _("Say what was "
	    "found or done, 2 to 500 characters."), .done = resolution_given,
	    .arg = c });
}

static void
open_selected(struct checks *c)
{
	struct application_open	o;

	if (c->view == V_FLAGS) {
		resident_open(c->flags->items[c->l.sel].resident_id, NULL);
		return;
	}
	memset(&o, 0, sizeof o);
	o.id = c->apps->items[c->l.sel].id;
	app_push(cases_may_act() ? &screen_application :
	    &screen_application_ro, &o);
}

static int
shown(const struct checks *c)
{
	if (c->view == V_FLAGS)
		return (c->flags != NULL ? (int)c->flags->n : 0);
	return (c->apps != NULL ? (int)c->apps->n : 0);
}

static int
flags_key(struct screen *s, int key)
{
	struct checks	*c = s->data;
	enum list_done	 d;
	int		 np;

	if (key == TK_TAB) {
		c->view = (c->view + 1) % V_COUNT;
		list_count(&c->l, 0);
		start(c, 1);
		return (1);
	}
	if (shown(c) == 0)
		return (0);
	if (key == TK_ENTER) {
		open_selected(c);
		return (1);
	}
	if ((key == 'r' || key == 'R') && c->view == V_FLAGS) {
		resolve(c);
		return (1);
	}
	if ((d = list_key(&c->l, key)) == LIST_UNUSED)
		return (0);
	np = c->view == V_FLAGS ? list_turn(d, c->flags->pg.page,
	    c->flags->pg.total, c->flags->pg.per_page) : list_turn(d,
	    c->apps->page, c->apps->total, c->apps->per_page);
	if (np > 0)
		start(c, np);
	app_dirty();
	return (1);
}

#define NFCOLS 4

static void
draw_flags(struct checks *c, int y, int end, int cols)
{
	struct table_col	 t[NFCOLS] = {
		{ _("Raised"), 11, 0, 0 }, { _("Resident"), 4, 0, 0 },
		{ _("By"), 4, 0, 0 }, { _("What is wrong"), 0, 1, 0 },
	};
	const char		**v;
	char			(*at)[24];
	size_t			  i, n = c->flags->n;

	v = xcalloc(n * NFCOLS + 1, sizeof *v);
	at = xcalloc(n + 1, sizeof *at);
	for (i = 0; i < n; i++) {
		when_day_hm(c->flags->items[i].raised_at, at[i], sizeof at[i]);
		v[i * NFCOLS] = at[i];
		v[i * NFCOLS + 1] = c->flags->items[i].resident;
		v[i * NFCOLS + 2] = c->flags->items[i].raised_by;
		v[i * NFCOLS + 3] = c->flags->items[i].text;
	}
	table_list(y, end, cols, t, NFCOLS, v, &c->l, 1);
	free(at);
	free(v);
}

#define NACOLS 4

static void
draw_apps(struct checks *c, int y, int end, int cols)
{
	struct table_col	 t[NACOLS] = {
		{ _("Applicant"), 4, 0, 0 }, { _("Service"), 4, 1, 0 },
		{ _("Status"), 4, 0, 0 }, { _("Number"), 8, 0, 0 },
	};
	const char		**v;
	size_t			  i, n = c->apps->n;

	v = xcalloc(n * NACOLS + 1, sizeof *v);
	for (i = 0; i < n; i++) {
		v[i * NACOLS] = c->apps->items[i].resident;
		v[i * NACOLS + 1] = c->apps->items[i].service;
		v[i * NACOLS + 2] = label_app_status(c->apps->items[i].status);
		v[i * NACOLS + 3] = c->apps->items[i].number;
	}
	table_list(y, end, cols, t, NACOLS, v, &c->l, 1);
	free(v);
}

static const char *
view_title(enum view v)
{
	switch (v) {
	case V_FLAGS:
		return (_("Open data-error flags"));
	case V_DECEASED:
		return (_("Open applications of deceased residents"));
	default:
		return (_("Open applications of residents moved out"));
	}
}

static void
flags_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct checks	*c = s->data;
	const void	*model = c->view == V_FLAGS ? (const void *)c->flags :
			    (const void *)c->apps;
	char		 info[128];
	long long	 total;

	*cy = *cx = -1;
	draw_text(top, 1, view_title(c->view), cols - 2, STYLE_TITLE);
	draw_hline(top + 1, 0, cols);
	if (model == NULL) {
		draw_text(top + 3, 2, request_busy(c, SLOT_LIST) ?
		    _("Loading...") : _("Not loaded. F5 tries again."),
		    cols - 4, STYLE_DIM);
		return;
	}
	if (shown(c) == 0) {
		draw_text(top + 3, 2, c->view == V_FLAGS ? _("No open flags. "
		    "Tab shows the applications.") : _("None."), cols - 4,
		    STYLE_DIM);
		return;
	}
	if (c->view == V_FLAGS)
		draw_flags(c, top + 2, top + rows - 1, cols);
	else
		draw_apps(c, top + 2, top + rows - 1, cols);
	total = c->view == V_FLAGS ? c->flags->pg.total : c->apps->total;
	snprintf(info, sizeof info, _("%lld in all"), total);
	draw_text(top + rows - 1, 1, info, cols - 2, STYLE_DIM);
}

const struct screen_ops screen_flags = {
	.name = "flags",
	.title = N_("Data errors and inactive applicants"),
	.init = flags_init,
	.free = flags_free,
	.key = flags_key,
	.draw = flags_draw,
	.shows_all = RES_MASK(RES_RESIDENT) | RES_MASK(RES_APPLICATION),
	.reload = flags_reload,
	.keys = flags_keys,
};
