/*
 * Follow-ups of bad ratings (差评回访整改, docs/api.md 19), the
 * supervisor's: the list, overdue first; Enter opens one; C records
 * the call back (回访), R the rectification (整改), E closes it (结案)
 * with the resident's answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog-prompt.h"
#include "draw.h"
#include "keycodes.h"
#include "list.h"
#include "request.h"
#include "table.h"
#include "tui.h"
#include "when.h"
#include "../api/followups.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

#define PER_PAGE	50
#define NOTES_MAX	500

enum { SLOT_LIST, SLOT_ACT };

struct followups {
	struct followup_page	*page;
	int			 all;		/* closed ones too */
	long long		 open;		/* the one whose detail shows */
	struct list		 l;
};

/* What a step asks for and posts. */
struct step {
	const char	*action;
	const char	*from;		/* the status it follows */
	const char	*title;		/* msgid */
};

static const struct step steps[] = {
	{ "callback", "open", N_("Call-back notes") },
	{ "rectify", "called_back", N_("Rectification done") },
	{ "close", "rectified", NULL },
};

static const char *const answers[] = { "satisfied", "basic",
	"dissatisfied" };
static const char *const answer_labels[] = { N_("Satisfied"),
	N_("Basically satisfied"), N_("Dissatisfied") };

static const struct keyhelp followups_keys[] = {
	{ N_("Enter"), N_("Open"), 1 },
	{ N_("C"), N_("Call back: record the notes"), 1 },
	{ N_("R"), N_("Rectified: record what was done"), 1 },
	{ N_("E"), N_("Close with the resident's answer"), 1 },
	{ N_("Tab"), N_("Open / all"), 1 },
	{ N_("Up/Down"), N_("Choose a follow-up"), 0 },
	{ N_("PgDn/PgUp"), N_("Page"), 0 },
	{ N_("F5"), N_("Reload"), 0 },
	{ N_("Esc"), N_("Back"), 0 },
	{ NULL, NULL, 0 }
};

static const char *
status_label(const char *s)
{
	if (strcmp(s, "open") == 0)
		return (_("To call back"));
	if (strcmp(s, "called_back") == 0)
		return (_("Called back"));
	if (strcmp(s, "rectified") == 0)
		return (_("Rectified"));
	if (strcmp(s, "closed") == 0)
		return (_("Closed"));
	return (s);
}

static const char *
level_label(const char *l)
{
	if (strcmp(l, "dissatisfied") == 0)
		return (_("Dissatisfied"));
	if (strcmp(l, "very_dissatisfied") == 0)
		return (_("Very dissatisfied"));
	if (strcmp(l, "satisfied") == 0)
		return (_("Satisfied"));
	if (strcmp(l, "basic") == 0)
		return (_("Basically satisfied"));
	if (strcmp(l, "very_satisfied") == 0)
		return (_("Very satisfied"));
	return (l);
}

static const char *
answer_label(const char *a)
{
	size_t	i;

	for (i = 0; i < sizeof answers / sizeof *answers; i++) {
		if (strcmp(a, answers[i]) == 0)
			return (_(answer_labels[i]));
	}
	return (a);
}

static void
on_list(struct api_result *r, void *arg)
{
	struct followups	*f = arg;

	if (!app_answer(r))
		return;
	model_followup_page_free(f->page);
	f->page = r->model;
	r->model = NULL;
	list_count(&f->l, (int)f->page->n);
}

/* The follow-up open in detail, while the page still holds it. */
static struct followup *
opened(struct followups *f)
{
	size_t	i;

	for (i = 0; f->open != 0 && f->page != NULL && i < f->page->n; i++) {
		if (f->page->items[i].id == f->open)
			return (&f->page->items[i]);
	}
	return (NULL);
}

static void
start(struct followups *f, int page)
{
	struct request	*rq = request_new(f, SLOT_LIST, on_list, f);

	request_call(rq, api_followups(app.api, f->all ? "all" : "open",
	    page, PER_PAGE, request_reply, rq));
}

static void
followups_init(struct screen *s, void *arg)
{
	struct followups	*f = xcalloc(1, sizeof *f);

	(void)arg;
	f->l.paged = 1;
	s->data = f;
	start(f, 1);
}

static void
followups_free(struct screen *s)
{
	struct followups	*f = s->data;

	model_followup_page_free(f->page);
	list_free(&f->l);
	free(f);
}

static void
followups_reload(struct screen *s)
{
	struct followups	*f = s->data;

	start(f, f->page != NULL ? f->page->pg.page : 1);
}

static struct followup *
selected(struct followups *f)
{
	int	i;

	if (opened(f) != NULL)
		return (opened(f));
	if (f->page == NULL || (i = list_selected(&f->l)) < 0 ||
	    (size_t)i >= f->page->n)
		return (NULL);
	return (&f->page->items[i]);
}

static void
on_acted(struct api_result *r, void *arg)
{
	struct followup	*done = r->model;

	(void)arg;
	if (!app_answer(r))
		return;
	app_message(MSG_INFO, _("Follow-up %lld: %s."), done->id,
	    status_label(done->status));
	app_changed(RES_FOLLOWUP, done->id);
}

static void
act(struct followups *f, long long id, const char *action,
    const char *notes, const char *answer)
{
	struct request	*rq = request_new(f, SLOT_ACT, on_acted, f);
	char		 what[64];

	snprintf(what, sizeof what, "%lld %s", id, action);
	request_call(rq, api_followup_action(app.api, id, action, notes,
	    answer, request_key(rq, what), request_reply, rq));
}

/* The prompt's answer: the step of the follow-up still selected. */
struct asked {
	struct followups	*f;
	long long		 id;
	const struct step	*step;
};

/* One prompt at a time, over this screen: its answer comes only while
 * the screen is there (dialog-prompt.h), so the screen's data is. */
static struct asked	asked;

static void
notes_done(const char *text, void *arg)
{
	struct asked	*a = arg;

	act(a->f, a->id, a->step->action, text, NULL);
}

static void
answer_done(int index, void *arg)
{
	struct asked	*a = arg;

	act(a->f, a->id, "close", NULL, answers[index]);
}

/* Asks for what step k needs, if the selected follow-up is where that
 * step follows. */
static void
ask(struct followups *f, int k)
{
	struct followup	*it = selected(f);
	const char	*labels[3];
	struct prompt	 p;
	int		 i;

	if (it == NULL)
		return;
	if (strcmp(it->status, steps[k].from) != 0) {
		app_hint(MSG_ERROR, _("This follow-up is %s: C calls back an "
		    "open one, R records the rectification after the call, E "
		    "closes a rectified one."), status_label(it->status));
		return;
	}
	asked = (struct asked){ f, it->id, &steps[k] };
	if (steps[k].title == NULL) {
		for (i = 0; i < 3; i++)
			labels[i] = _(answer_labels[i]);
		list_ask(_("The resident's answer"), labels, 3, 0,
		    answer_done, &asked);
		return;
	}
	memset(&p, 0, sizeof p);
	p.title = _(steps[k].title);
	p.max_chars = NOTES_MAX;
	p.min_chars = 1;
	p.done = notes_done;
	p.arg = &asked;
	prompt_ask(&p);
}

static int
followups_key(struct screen *s, int key)
{
	struct followups	*f = s->data;
	enum list_done		 d;
	int			 np;

	switch (key) {
	case TK_TAB:
		f->all = !f->all;
		f->open = 0;
		list_count(&f->l, 0);
		start(f, 1);
		return (1);
	case 'c': case 'C':
		ask(f, 0);
		return (1);
	case 'r': case 'R':
		ask(f, 1);
		return (1);
	case 'e': case 'E':
		ask(f, 2);
		return (1);
	case TK_ENTER:
		f->open = selected(f) != NULL ? selected(f)->id : 0;
		app_dirty();
		return (1);
	case TK_ESC:
		if (opened(f) == NULL)
			return (0);
		f->open = 0;
		app_dirty();
		return (1);
	}
	if (f->page == NULL || (d = list_key(&f->l, key)) == LIST_UNUSED)
		return (0);
	if ((np = list_turn(d, f->page->pg.page, f->page->pg.total,
	    f->page->pg.per_page)) > 0)
		start(f, np);
	app_dirty();
	return (1);
}

#define NCOLS 7

static const char **
rows_of(struct followups *f)
{
	const char	**v = xcalloc(f->page->n * NCOLS + 1, sizeof *v);
	struct followup	 *it;
	size_t		  i;

	for (i = 0; i < f->page->n; i++) {
		it = &f->page->items[i];
		v[i * NCOLS] = it->overdue ? _("OVERDUE") : "";
		v[i * NCOLS + 1] = it->due_date;
		v[i * NCOLS + 2] = status_label(it->status);
		v[i * NCOLS + 3] = level_label(it->level);
		v[i * NCOLS + 4] = *it->counter != '\0' ? it->counter : "-";
		v[i * NCOLS + 5] = *it->staff != '\0' ? it->staff : "-";
		v[i * NCOLS + 6] = it->service;
	}
	return (v);
}

static void
draw_list(struct followups *f, int y, int last, int cols)
{
	struct table_col	 c[NCOLS] = {
		{ _("Overdue"), 2, 0, 0 }, { _("Due"), 10, 0, 0 },
		{ _("Status"), 4, 0, 0 }, { _("Rating"), 4, 0, 0 },
		{ _("Counter"), 2, 0, 0 }, { _("Served by"), 4, 0, 0 },
		{ _("Service"), 0, 1, 0 },
	};
	const char		**v = rows_of(f);
	char			  info[128];

	table_list(y, last, cols, c, NCOLS, v, &f->l, 1);
	free(v);
	snprintf(info, sizeof info, _("Page %d of %d, %lld follow-ups"),
	    f->page->pg.page, list_pages(f->page->pg.total,
	    f->page->pg.per_page), f->page->pg.total);
	draw_text(last, 1, info, cols - 2, STYLE_DIM);
}

/* One step's line: its notes, when and by whom, or "-". */
static int
draw_step(int y, int maxy, int cols, const char *label,
    const struct followup_step *st, const char *extra)
{
	char	at[24], line[160];
	int	used;

	draw_text(y, 2, label, cols - 4, STYLE_LABEL);
	if (*st->at == '\0') {
		draw_text(y, 16, "-", 1, STYLE_DIM);
		return (1);
	}
	when_day_hm(st->at, at, sizeof at);
	snprintf(line, sizeof line, "%s  %s%s%s", at, st->staff,
	    extra != NULL ? "  " : "", extra != NULL ? extra : "");
	draw_text(y, 16, line, cols - 18, STYLE_DIM);
	if (*st->notes == '\0' || y + 1 >= maxy)
		return (1);
	used = draw_wrap(y + 1, 16, st->notes, cols - 18, maxy - y - 1,
	    STYLE_NORMAL);
	return (1 + used);
}

static void
draw_detail(struct followup *it, int y, int maxy, int cols)
{
	char	at[24], line[256];
	int	x;

	when_day_hm(it->rated_at, at, sizeof at);
	snprintf(line, sizeof line, _("Follow-up %lld: %s, due %s%s"),
	    it->id, status_label(it->status), it->due_date, it->overdue ?
	    _(" (overdue)") : "");
	draw_text(y++, 2, line, cols - 4, it->overdue ? STYLE_ERROR :
	    STYLE_TITLE);
	x = draw_field(++y, 2, _("Rating"), level_label(it->level), cols);
	draw_field(y++, x, _("Rated"), at, cols);
	x = draw_field(y, 2, _("Service"), it->service, cols);
	y++;
	x = draw_field(y, 2, _("Counter"), *it->counter != '\0' ?
	    it->counter : "-", cols);
	draw_field(y++, x, _("Served by"), *it->staff != '\0' ? it->staff :
	    "-", cols);
	draw_field(y++, 2, _("Reasons"), *it->reasons != '\0' ?
	    it->reasons : "-", cols);
	if (*it->comment != '\0')
		y += draw_wrap(y, 2, it->comment, cols - 4, 2, STYLE_NORMAL);
	y++;
	y += draw_step(y, maxy, cols, _("Call back"), &it->callback, NULL);
	y += draw_step(y, maxy, cols, _("Rectified"), &it->rectification,
	    NULL);
	draw_step(y, maxy, cols, _("Closed"), &it->closing,
	    *it->answer != '\0' ? answer_label(it->answer) : NULL);
}

static void
followups_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct followups	*f = s->data;
	struct followup		*it;

	*cy = *cx = -1;
	draw_text(top, 1, f->all ? _("Follow-ups of bad ratings: all") :
	    _("Follow-ups of bad ratings: not closed"), cols - 2,
	    STYLE_TITLE);
	draw_hline(top + 1, 0, cols);
	if (f->page == NULL) {
		draw_text(top + 3, 2, request_busy(f, SLOT_LIST) ?
		    _("Loading...") : _("Not loaded. F5 tries again."),
		    cols - 4, STYLE_DIM);
		return;
	}
	if (f->page->n == 0) {
		draw_text(top + 3, 2, _("No follow-ups."), cols - 4,
		    STYLE_DIM);
		return;
	}
	if ((it = opened(f)) != NULL)
		draw_detail(it, top + 2, top + rows, cols);
	else
		draw_list(f, top + 2, top + rows - 1, cols);
}

const struct screen_ops screen_followups = {
	.name = "followups",
	.title = N_("Follow-ups of bad ratings"),
	.init = followups_init,
	.free = followups_free,
	.key = followups_key,
	.draw = followups_draw,
	.shows_all = RES_MASK(RES_FOLLOWUP),
	.reload = followups_reload,
	.keys = followups_keys,
};
