/* The promises still to check (事后核查), oldest first: the supervisor
 * records each one's outcome, 属实 (T) or 虚假 (F) with what the check
 * found; a false one bars the resident from 告知承诺 for the period
 * printed on the promise they signed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog-prompt.h"
#include "draw.h"
#include "keys.h"
#include "list.h"
#include "request.h"
#include "screen-promises.h"
#include "table.h"
#include "tui.h"
#include "when.h"
#include "../api/promises.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

/* Request slots: the list, a check. */
enum { SLOT_LIST, SLOT_CHECK };

struct promises {
	struct promise_page	*page;
	struct list		 l;
	long long		 checking;	/* the promise being checked */
	char			*resident;	/* ... and its resident */
};

static const struct keyhelp promises_keys[] = {
	{ N_("T"), N_("Checked: true (属实)"), 1 },
	{ N_("F"), N_("Checked: FALSE (虚假), with what was found"), 1 },
	{ N_("Esc"), N_("Back"), 1 },
	{ N_("Up/Down"), N_("Choose a promise"), 0 },
	{ N_("PgDn/PgUp"), N_("Page"), 0 },
	{ N_("F5"), N_("Reload"), 0 },
	{ NULL, NULL, 0 }
};

static void
on_page(struct api_result *r, void *arg)
{
	struct promises	*p = arg;

	if (!app_answer(r))
		return;
	model_promise_page_free(p->page);
	p->page = r->model;
	r->model = NULL;
	list_count(&p->l, (int)p->page->n);
}

static void
load(struct promises *p, int page)
{
	struct request	*rq = request_new(p, SLOT_LIST, on_page, p);

	request_call(rq, api_promises_unchecked(app.api, page, request_reply,
	    rq));
}

static void
promises_init(struct screen *s, void *arg)
{
	struct promises	*p = xcalloc(1, sizeof *p);

	(void)arg;
	p->l.paged = 1;
	s->data = p;
	load(p, 1);
}

static void
promises_free(struct screen *s)
{
	struct promises	*p = s->data;

	model_promise_page_free(p->page);
	free(p->resident);
	free(p);
}

static void
promises_reload(struct screen *s)
{
	struct promises	*p = s->data;

	load(p, p->page != NULL ? p->page->pg.page : 1);
}

static void
on_checked(struct api_result *r, void *arg)
{
	struct promises	*p = arg;
	struct promise	*x;

	if (!app_answer(r))
		return;
	x = r->model;
	if (strcmp(x->status, "false") == 0)
		app_message(MSG_INFO, _("Recorded: the promise of %s was "
		    "FALSE. They may not use 告知承诺 for %d days; a "
		    "certificate issued on it is voided on its own screen "
		    "(V)."),
		    x->resident, x->ban_days);
	else
		app_message(MSG_INFO, _("Recorded: the promise of %s was "
		    "true."), x->resident);
	load(p, p->page != NULL ? p->page->pg.page : 1);
}

/* Sends the outcome with the note (NULL: none); a retry after a lost
 * answer goes with the same key. */
static void
send_check(struct promises *p, const char *outcome, const char *note)
{
	struct request	*rq;
	char		 what[256];

	snprintf(what, sizeof what, "%lld %s %s", p->checking, outcome,
	    note != NULL ? note : "");
	rq = request_new(p, SLOT_CHECK, on_checked, p);
	request_call(rq, api_promise_check(app.api, p->checking, outcome,
	    note, request_key(rq, what), request_reply, rq));
	app_message(MSG_INFO, "%s", _("Sending..."));
}

static void
truthful_noted(const char *text, void *arg)
{
	send_check(arg, "truthful", *text != '\0' ? text : NULL);
}

static void
false_noted(const char *text, void *arg)
{
	send_check(arg, "false", text);
}

/* T or F on the chosen promise: the note, then it is sent. */
static void
ask(struct promises *p, int false_one)
{
	const char	*role = app.session != NULL ? app.session->role : "";
	struct promise	*x;
	char		 title[256];

	if (strcmp(role, "supervisor") != 0 && strcmp(role, "admin") != 0) {
		app_message(MSG_ERROR, "%s", _("Only the supervisor records "
		    "the later check of a promise."));
		return;
	}
	if (p->page == NULL || p->page->n == 0 ||
	    request_refuse(p, SLOT_CHECK))
		return;
	x = &p->page->items[list_selected(&p->l)];
	p->checking = x->id;
	free(p->resident);
	p->resident = xstrdup(x->resident);
	if (false_one) {
		snprintf(title, sizeof title, _("FALSE (虚假): what the check "
		    "found about %s's promise (%s)"), x->resident, x->matter);
		prompt_ask(&(struct prompt){ .title = title, .max_chars = 200,
		    .min_chars = 2, .too_short = _("A false promise needs "
		    "what the check found, 2 to 200 characters."),
		    .done = false_noted, .arg = p });
		return;
	}
	snprintf(title, sizeof title, _("True (属实): a note on %s's promise "
	    "(%s), or just Enter"), x->resident, x->matter);
	prompt_ask(&(struct prompt){ .title = title, .max_chars = 200,
	    .done = truthful_noted, .arg = p });
}

static int
promises_key(struct screen *s, int key)
{
	struct promises	*p = s->data;
	enum list_done	 d;
	int		 np;

	switch (key) {
	case 't':
	case 'T':
		ask(p, 0);
		return (1);
	case 'f':
	case 'F':
		ask(p, 1);
		return (1);
	}
	if (p->page == NULL || (d = list_key(&p->l, key)) == LIST_UNUSED)
		return (0);
	if ((np = list_turn(d, p->page->pg.page, p->page->pg.total,
	    p->page->pg.per_page)) > 0)
		load(p, np);
	app_dirty();
	return (1);
}

#define NCOLS 5

static const char **
rows_of(struct promises *p, char (*at)[24])
{
	const char	**v = xcalloc(p->page->n * NCOLS + 1, sizeof *v);
	struct promise	 *x;
	size_t		  i;

	for (i = 0; i < p->page->n; i++) {
		x = &p->page->items[i];
		when_day_hm(x->made_at, at[i], sizeof at[i]);
		v[i * NCOLS] = at[i];
		v[i * NCOLS + 1] = x->resident;
		v[i * NCOLS + 2] = x->matter;
		v[i * NCOLS + 3] = x->which;
		v[i * NCOLS + 4] = x->made_by;
	}
	return (v);
}

static void
draw_list(struct promises *p, int y, int last, int cols)
{
	struct table_col	 c[NCOLS] = {
		{ _("Promised"), 11, 0, 0 }, { _("Resident"), 4, 0, 0 },
		{ _("In place of"), 8, 1, 0 }, { _("Application or "
		"certificate"), 10, 0, 0 }, { _("Clerk"), 4, 0, 0 },
	};
	const char		**v;
	char			(*at)[24];
	char			  info[128];

	at = xcalloc(p->page->n + 1, sizeof *at);
	v = rows_of(p, at);
	table_list(y, last, cols, c, NCOLS, v, &p->l, 1);
	free(v);
	free(at);
	snprintf(info, sizeof info, _("Page %d of %d, %lld promises to "
	    "check"), p->page->pg.page, list_pages(p->page->pg.total,
	    p->page->pg.per_page), p->page->pg.total);
	draw_text(last, 1, info, cols - 2, STYLE_DIM);
}

static void
promises_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct promises	*p = s->data;

	*cy = *cx = -1;
	draw_text(top, 1, _("Promises to check (告知承诺 事后核查)"),
	    cols - 2, STYLE_TITLE);
	draw_hline(top + 1, 0, cols);
	if (p->page == NULL) {
		draw_text(top + 3, 2, request_busy(p, SLOT_LIST) ?
		    _("Loading...") : _("Not loaded. F5 tries again."),
		    cols - 4, STYLE_DIM);
		return;
	}
	if (p->page->n == 0) {
		draw_text(top + 3, 2, _("Every promise has been checked."),
		    cols - 4, STYLE_DIM);
		return;
	}
	draw_list(p, top + 2, top + rows - 1, cols);
}

const struct screen_ops screen_promises = {
	.name = "promises",
	.title = N_("Promises to check (告知承诺)"),
	.init = promises_init,
	.free = promises_free,
	.key = promises_key,
	.draw = promises_draw,
	.reload = promises_reload,
	.shows_all = RES_MASK(RES_APPLICATION) | RES_MASK(RES_CERTIFICATE),
	.keys = promises_keys,
};
