/* The queue at this counter (叫号): the ticket called, shown large enough
 * to read across the counter; the waiting and skipped tickets; call next,
 * recall, skip, transfer, done; and a ticket issued and printed for a
 * resident who walks up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bigtext.h"
#include "dialog-prompt.h"
#include "draw.h"
#include "form-ui.h"
#include "keys.h"
#include "list.h"
#include "print-ui.h"
#include "request.h"
#include "table.h"
#include "tui.h"
#include "when.h"
#include "../api/queue.h"
#include "../api/events.h"
#include "../api/org.h"
#include "../api/stats.h"
#include "../api/catalog.h"
#include "../api/applications.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../printing/paper-lists.h"
#include "../printing/papers.h"
#include "../util/xmalloc.h"

enum qop {
	Q_NONE,
	Q_LOAD,
	Q_CATS,
	Q_NEXT,
	Q_RECALL,
	Q_SKIP,
	Q_DONE,
	Q_TRANSFER,
	Q_ISSUE
};

struct queue {
	enum qop		 op;		/* one request at a time */
	struct ticket		*current;	/* at this counter, or the last
						   one acted on */
	struct ticket_page	*list;		/* today's open tickets */
	int			*rows;		/* the waiting and skipped */
	int			 nrows;
	struct category_list	*cats;
	enum qop		 after_cats;	/* what asked for them */
	long long		 transfer_id;
	int			 in_list;
	struct list		 l;
};

static const struct keyhelp queue_keys[] = {
	{ N_("N"), N_("Next"), 1 },
	{ N_("R"), N_("Recall"), 1 },
	{ N_("S"), N_("Skip"), 1 },
	{ N_("D"), N_("Done"), 1 },
	{ N_("T"), N_("Transfer"), 1 },
	{ N_("I"), N_("Issue"), 1 },
	{ N_("Enter"), N_("Call the next ticket"), 0 },
	{ N_("Up/Down"), N_("Choose a waiting or skipped ticket"), 0 },
	{ N_("F5"), N_("Reload"), 0 },
	{ N_("Esc"), N_("Back, or cancel the request"), 0 },
	{ NULL, NULL, 0 }
};

static void	start_load(struct queue *);
static void	do_next(struct queue *);
static void	load_categories(struct queue *, enum qop);

static const char *
no_queue_reason(void)
{
	if (!role_has_queue())
		return (_("The queue is for counter staff: your role has no "
		    "counter to call tickets to."));
	if (app.session->counter[0] == '\0')
		return (_("You logged in without a counter number: log out "
		    "and log in at a counter to call tickets."));
	return (NULL);
}

static char *
dup_or_empty(const char *s)
{
	return (xstrdup(s != NULL ? s : ""));
}

static struct ticket *
ticket_dup(const struct ticket *t)
{
	struct ticket	*d = xcalloc(1, sizeof *d);

	*d = *t;
	d->number = dup_or_empty(t->number);
	d->category = dup_or_empty(t->category);
	d->status = dup_or_empty(t->status);
	d->issued_at = dup_or_empty(t->issued_at);
	d->queued_at = dup_or_empty(t->queued_at);
	d->called_at = dup_or_empty(t->called_at);
	d->counter = dup_or_empty(t->counter);
	d->called_by = dup_or_empty(t->called_by);
	d->resident = dup_or_empty(t->resident);
	return (d);
}

static void
set_current(struct queue *q, struct ticket *t)
{
	model_ticket_free(q->current);
	q->current = t;
}

/* A category's name in the clerk's language. */
static const char *
category_label(const struct category *c)
{
	if (strcmp(i18n_lang(), "en") == 0 && c->name_en[0] != '\0')
		return (c->name_en);
	return (c->name);
}

static const char *
ticket_category(const struct queue *q, const struct ticket *t)
{
	size_t	i;

	for (i = 0; q->cats != NULL && i < q->cats->n; i++) {
		if (q->cats->items[i].id == t->category_id)
			return (category_label(&q->cats->items[i]));
	}
	return (t->category);
}

static const char *
status_label(const char *s)
{
	if (strcmp(s, "waiting") == 0)
		return (_("waiting in the queue"));
	if (strcmp(s, "called") == 0)
		return (_("called"));
	if (strcmp(s, "serving") == 0)
		return (_("serving"));
	if (strcmp(s, "done") == 0)
		return (_("done"));
	if (strcmp(s, "skipped") == 0)
		return (_("skipped"));
	return (s);
}

static void
queue_init(struct screen *s, void *arg)
{
	struct queue	*q = xcalloc(1, sizeof *q);

	s->data = q;
	if (no_queue_reason() != NULL)
		return;
	if (arg != NULL)
		do_next(q);
	else
		start_load(q);
}

static void
queue_free(struct screen *s)
{
	struct queue	*q = s->data;

	model_ticket_free(q->current);
	model_ticket_page_free(q->list);
	model_category_list_free(q->cats);
	free(q->rows);
	free(q);
}

/* The same action on the same ticket reuses its key after a failure
 * that may have reached the server (docs/api.md 17); anything else is a
 * new request. */
static const char *
key_for(struct request *rq, enum qop op, long long target)
{
	char	what[32];

	snprintf(what, sizeof what, "%d %lld", op, target);
	return (request_key(rq, what));
}

/* One request at a time, as op. */
static struct request *
start(struct queue *q, enum qop op, api_cb cb)
{
	q->op = op;
	return (request_new(q, 0, cb, q));
}

/* Takes the reply's model; NULL after an error, said on the message
 * line (or the session is over and this screen gone). */
static void *
take_reply(struct queue *q, struct api_result *r)
{
	void	*m;

	q->op = Q_NONE;
	if (!app_answer(r))
		return (NULL);
	m = r->model;
	r->model = NULL;
	return (m);
}

/* This counter's called or serving ticket, the last one called. */
static const struct ticket *
mine(const struct ticket_page *p)
{
	const struct ticket	*t, *best = NULL;
	size_t			 i;

	for (i = 0; i < p->n; i++) {
		t = &p->items[i];
		if (strcmp(t->counter, app.session->counter) != 0 ||
		    (strcmp(t->status, "called") != 0 &&
		    strcmp(t->status, "serving") != 0))
			continue;
		if (best == NULL || strcmp(t->called_at, best->called_at) > 0)
			best = t;
	}
	return (best);
}

/* The list shows the tickets an action can take from it. */
static void
set_list(struct queue *q, struct ticket_page *p)
{
	size_t	i;

	model_ticket_page_free(q->list);
	free(q->rows);
	q->list = p;
	q->rows = xcalloc(p->n + 1, sizeof *q->rows);
	q->nrows = 0;
	for (i = 0; i < p->n; i++) {
		if (strcmp(p->items[i].status, "waiting") == 0 ||
		    strcmp(p->items[i].status, "skipped") == 0)
			q->rows[q->nrows++] = (int)i;
	}
	list_count(&q->l, q->nrows);
	if (q->nrows == 0)
		q->in_list = 0;
}

static void
on_load(struct api_result *r, void *arg)
{
	struct queue		*q = arg;
	struct ticket_page	*p;
	const struct ticket	*t;

	if ((p = take_reply(q, r)) == NULL)
		return;
	app.waiting = p->waiting;
	if ((t = mine(p)) != NULL)
		set_current(q, ticket_dup(t));
	set_list(q, p);
	if (q->cats == NULL)	/* the categories' names in English */
		load_categories(q, Q_NONE);
}

static void
start_load(struct queue *q)
{
	struct request	*rq;

	if (request_busy(q, 0))
		return;
	rq = start(q, Q_LOAD, on_load);
	request_call(rq, api_tickets(app.api,
	    "waiting,skipped,called,serving", NULL, 100, request_reply, rq));
}

/* What an action did, said with the ticket's number. */
static void
say_done(enum qop op, const char *number)
{
	switch (op) {
	case Q_NEXT:
		app_message(MSG_INFO, _("Ticket %s called to this counter."),
		    number);
		break;
	case Q_RECALL:
		app_message(MSG_INFO, _("Ticket %s called again."), number);
		break;
	case Q_SKIP:
		app_message(MSG_INFO, _("Ticket %s marked as not present "
		    "(skipped)."), number);
		break;
	case Q_DONE:
		app_message(MSG_INFO, _("Ticket %s done."), number);
		break;
	default:
		app_message(MSG_INFO, _("Ticket %s transferred; it waits "
		    "again."), number);
		break;
	}
}

/* After an action: the ticket it answered with, the count, the list. */
static void
acted(struct queue *q, struct ticket *t, enum qop op)
{
	say_done(op, t->number);
	/* the big number stays this counter's ticket: one chosen from
	 * the list replaces it only once it is called here */
	if (q->current == NULL || q->current->id == t->id ||
	    (strcmp(t->counter, app.session->counter) == 0 &&
	    strcmp(t->status, "called") == 0))
		set_current(q, t);
	else
		model_ticket_free(t);
	q->in_list = 0;
	queue_count_refresh();
	start_load(q);
}

static void
on_next(struct api_result *r, void *arg)
{
	struct queue	*q = arg;
	struct ticket	*t;

	if (r->status == API_ERR_REFUSED && strcmp(r->problem,
	    "queue-empty") == 0) {
		q->op = Q_NONE;
		app_message(MSG_INFO, "%s", _("Nobody is waiting for this "
		    "counter. The status bar shows new tickets."));
		queue_count_refresh();
		start_load(q);
		return;
	}
	if ((t = take_reply(q, r)) == NULL)
		return;
	acted(q, t, Q_NEXT);
}

/* One handler for recall, skip, done and transfer: each answers with
 * the ticket. */
static void
on_action(struct api_result *r, void *arg)
{
	struct queue	*q = arg;
	enum qop	 op = q->op;
	struct ticket	*t;

	if ((t = take_reply(q, r)) == NULL)
		return;
	acted(q, t, op);
}

/* A request may go: the role has a queue and nothing else is asked. */
static int
can_act(struct queue *q)
{
	const char	*why;

	if ((why = no_queue_reason()) != NULL) {
		app_message(MSG_ERROR, "%s", why);
		return (0);
	}
	/* a list being read again (on opening, after an action, F5) does
	 * not hold up the clerk's N: it is read again after the action */
	if (request_busy(q, 0) && (q->op == Q_LOAD ||
	    (q->op == Q_CATS && q->after_cats == Q_NONE)))
		request_cancel(q, 0);
	return (!request_refuse(q, 0));
}

static void
do_next(struct queue *q)
{
	struct request	*rq;

	if (!can_act(q))
		return;
	rq = start(q, Q_NEXT, on_next);
	request_call(rq, api_call_next(app.api, app.session->counter,
	    key_for(rq, Q_NEXT, 0), request_reply, rq));
}

/* The ticket an action is for: the one chosen in the list, else the one
 * at this counter. */
static const struct ticket *
target(const struct queue *q)
{
	if (q->in_list && q->list != NULL && q->l.sel < q->nrows)
		return (&q->list->items[q->rows[q->l.sel]]);
	return (q->current);
}

/* Which statuses an action starts from (docs/api.md 11), so that a
 * wrong key is explained before anything is sent. */
static int
allowed(enum qop op, const char *status)
{
	switch (op) {
	case Q_RECALL:
		return (strcmp(status, "called") == 0 ||
		    strcmp(status, "skipped") == 0);
	case Q_SKIP:
		return (strcmp(status, "called") == 0);
	case Q_DONE:
		return (strcmp(status, "called") == 0 ||
		    strcmp(status, "serving") == 0);
	default:
		return (strcmp(status, "waiting") == 0 ||
		    strcmp(status, "called") == 0 ||
		    strcmp(status, "serving") == 0);
	}
}

static const struct ticket *
target_for(struct queue *q, enum qop op)
{
	const struct ticket	*t;

	if (!can_act(q))
		return (NULL);
	if ((t = target(q)) == NULL) {
		app_message(MSG_ERROR, "%s", _("No ticket is called to this "
		    "counter: N calls the next, or choose one in the list."));
		return (NULL);
	}
	if (!allowed(op, t->status)) {
		app_message(MSG_ERROR, _("Ticket %s is %s: that cannot be done "
		    "to it now."), t->number, status_label(t->status));
		return (NULL);
	}
	return (t);
}

static void
do_action(struct queue *q, enum qop op, const char *name)
{
	const struct ticket	*t;
	struct request		*rq;

	if ((t = target_for(q, op)) == NULL)
		return;
	rq = start(q, op, on_action);
	request_call(rq, api_ticket_action(app.api, t->id, name,
	    key_for(rq, op, t->id), request_reply, rq));
}

/* A transfer to a counter (text) or a category (cat). */
static void
transfer(struct queue *q, const char *text, long long cat)
{
	struct request	*rq;

	if (!can_act(q))
		return;
	rq = start(q, Q_TRANSFER, on_action);
	request_call(rq, api_ticket_transfer(app.api, q->transfer_id, text,
	    cat, key_for(rq, Q_TRANSFER, q->transfer_id), request_reply, rq));
}

static void
transfer_to_counter(const char *text, void *arg)
{
	transfer(arg, text, 0);
}

/* Line 0 of the transfer list is another counter; the rest are the
 * categories in their order. */
static void
transfer_chosen(int index, void *arg)
{
	struct queue	*q = arg;

	if (index == 0)
		prompt_ask(&(struct prompt){ .title = _("Transfer to which "
		    "counter?"), .max_chars = 8, .min_chars = 1,
		    .filter = keys_alnum, .done = transfer_to_counter,
		    .arg = q });
	else if ((size_t)index <= q->cats->n)
		transfer(q, NULL, q->cats->items[index - 1].id);
}

/* "E  养老服务" lines, after first_line when it is set. */
static const char **
category_lines(struct queue *q, const char *first_line, int *n)
{
	const char	**v = xcalloc(q->cats->n + 2, sizeof *v);
	size_t		  i;

	*n = 0;
	if (first_line != NULL)
		v[(*n)++] = xstrdup(first_line);
	for (i = 0; i < q->cats->n; i++)
		v[(*n)++] = xasprintf("%s  %s", q->cats->items[i].queue_prefix,
		    category_label(&q->cats->items[i]));
	return (v);
}

static void
free_lines(const char **v, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		free((char *)v[i]);
	free(v);
}

static void
do_transfer(struct queue *q)
{
	const struct ticket	*t;
	const char		**v;
	int			  n;

	if ((t = target_for(q, Q_TRANSFER)) == NULL)
		return;
	if (q->cats == NULL) {
		load_categories(q, Q_TRANSFER);
		return;
	}
	q->transfer_id = t->id;
	v = category_lines(q, _("Another counter..."), &n);
	list_ask(_("Transfer the ticket to"), v, n, 0, transfer_chosen, q);
	free_lines(v, n);
}

/* The slip the resident takes to the waiting room. */
static void
print_ticket(struct queue *q, const struct ticket *t)
{
	struct paper_ticket	 p;
	struct pdoc		*d;

	memset(&p, 0, sizeof p);
	p.id = (long)t->id;
	p.centre = app.session->centre_name;
	p.number = t->number;
	p.category = t->category;
	p.waiting_ahead = t->waiting_ahead;
	p.at = when_parse(t->issued_at);
	if (p.at == -1)
		p.at = time(NULL);
	d = paper_ticket(&p);
	print_ui_document(d, 0);
	pdoc_free(d);
	(void)q;
}

static void
on_issue(struct api_result *r, void *arg)
{
	struct queue	*q = arg;
	struct ticket	*t;

	if ((t = take_reply(q, r)) == NULL)
		return;
	print_ticket(q, t);
	app_message(MSG_INFO, _("Ticket %s issued, %d waiting ahead; "
	    "printing."), t->number, t->waiting_ahead < 0 ? 0 :
	    t->waiting_ahead);
	model_ticket_free(t);
	queue_count_refresh();
	start_load(q);
}

static void
issue_chosen(int index, void *arg)
{
	struct queue	*q = arg;
	struct request	*rq;
	long long	 cat;

	if (!can_act(q) || index < 0 || (size_t)index >= q->cats->n)
		return;
	cat = q->cats->items[index].id;
	rq = start(q, Q_ISSUE, on_issue);
	request_call(rq, api_ticket_issue(app.api, cat, key_for(rq, Q_ISSUE,
	    cat), request_reply, rq));
}

static void
do_issue(struct queue *q)
{
	const char	**v;
	int		  n;

	if (!can_act(q))
		return;
	if (q->cats == NULL) {
		load_categories(q, Q_ISSUE);
		return;
	}
	v = category_lines(q, NULL, &n);
	list_ask(_("Issue a ticket for which service category?"), v, n, 0,
	    issue_chosen, q);
	free_lines(v, n);
}

static void
on_categories(struct api_result *r, void *arg)
{
	struct queue	*q = arg;

	if ((q->cats = take_reply(q, r)) == NULL)
		return;
	if (q->after_cats == Q_ISSUE)
		do_issue(q);
	else if (q->after_cats == Q_TRANSFER)
		do_transfer(q);
}

static void
load_categories(struct queue *q, enum qop then)
{
	struct request	*rq = start(q, Q_CATS, on_categories);

	q->after_cats = then;
	request_call(rq, api_categories(app.api, request_reply, rq));
}

/* Down enters the list; Up on its first row leaves it. */
static int
list_move(struct queue *q, int key)
{
	if (!q->in_list) {
		if (key != TK_DOWN)
			return (0);
		q->in_list = q->nrows > 0;
	} else if (list_key(&q->l, key) == LIST_ABOVE)
		q->in_list = 0;
	app_dirty();
	return (1);
}

static int
escape(struct queue *q)
{
	if (!q->in_list || request_busy(q, 0))
		return (0);	/* the kit's: cancel, else back */
	q->in_list = 0;
	app_dirty();
	return (1);
}

static int
queue_key(struct screen *s, int key)
{
	struct queue	*q = s->data;

	switch (key) {
	case TK_ESC:
		return (escape(q));
	case TK_UP:
	case TK_DOWN:
	case TK_PGUP:
	case TK_PGDN:
	case TK_HOME:
	case TK_END:
		return (list_move(q, key));
	case TK_F(5):
		if (can_act(q))
			start_load(q);
		return (1);
	case TK_ENTER:
	case 'n':
	case 'N':
		do_next(q);
		return (1);
	case 'r':
	case 'R':
		do_action(q, Q_RECALL, "recall");
		return (1);
	case 's':
	case 'S':
		do_action(q, Q_SKIP, "skip");
		return (1);
	case 'd':
	case 'D':
		do_action(q, Q_DONE, "done");
		return (1);
	case 't':
	case 'T':
		do_transfer(q);
		return (1);
	case 'i':
	case 'I':
		do_issue(q);
		return (1);
	}
	return (0);
}

/* What the big number means now, in words. */
static void
current_line(struct queue *q, char *out, size_t len)
{
	const struct ticket	*t = q->current;
	char			 at[16];

	when_hm(t->called_at, at, sizeof at);
	if (strcmp(t->status, "called") == 0 ||
	    strcmp(t->status, "serving") == 0)
		snprintf(out, len, _("%s, %s to counter %s at %s, recalled %d "
		    "time(s)"), ticket_category(q, t), status_label(t->status),
		    t->counter, at, t->recalls);
	else
		snprintf(out, len, "%s, %s", ticket_category(q, t),
		    status_label(t->status));
}

/* The number as large as the screen allows: twice the size at 132x43. */
static int
draw_current(struct queue *q, int y, int rows, int cols)
{
	char	line[256];
	int	scale = 2, w;

	if (q->current == NULL) {
		draw_text(y + 1, 2, _("No ticket is called to this counter. N "
		    "or Enter calls the next."), cols - 4, STYLE_DIM);
		return (y + 3);
	}
	while (scale > 1 && (bigtext_width(q->current->number, scale) >
	    cols - 4 || BIGTEXT_ROWS * scale + 8 > rows))
		scale--;
	w = bigtext_width(q->current->number, scale);
	bigtext_draw(y + 1, (cols - w) / 2, q->current->number, scale,
	    strcmp(q->current->status, "called") == 0 ||
	    strcmp(q->current->status, "serving") == 0 ? STYLE_TITLE :
	    STYLE_DIM);
	y += 1 + BIGTEXT_ROWS * scale + 1;
	current_line(q, line, sizeof line);
	w = text_width(line);
	draw_text(y, w < cols ? (cols - w) / 2 : 1, line, cols - 2,
	    STYLE_NORMAL);
	return (y + 2);
}

#define NCOLS 5

/* The listed tickets as strings, row-major, for layout and drawing. */
static const char **
rows_of(struct queue *q, char (*at)[16])
{
	const char		**v = xcalloc((size_t)q->nrows * NCOLS + 1,
				    sizeof *v);
	const struct ticket	 *t;
	int			  i;

	for (i = 0; i < q->nrows; i++) {
		t = &q->list->items[q->rows[i]];
		when_hm(t->queued_at, at[i], sizeof at[i]);
		v[i * NCOLS] = t->number;
		v[i * NCOLS + 1] = ticket_category(q, t);
		v[i * NCOLS + 2] = status_label(t->status);
		v[i * NCOLS + 3] = at[i];
		v[i * NCOLS + 4] = t->counter;
	}
	return (v);
}

static void
draw_list(struct queue *q, int y, int last, int cols)
{
	struct table_col	 c[NCOLS] = {
		{ _("Ticket"), 4, 0, 0 }, { _("Category"), 8, 1, 0 },
		{ _("Status"), 6, 0, 0 }, { _("Queued"), 5, 0, 0 },
		{ _("Counter"), 4, 0, 0 },
	};
	const char		**v;
	char			(*at)[16];

	at = xcalloc((size_t)q->nrows + 1, sizeof *at);
	v = rows_of(q, at);
	y = table_list(y, last, cols, c, NCOLS, v, &q->l, q->in_list);
	if (q->nrows == 0)
		draw_text(y, 2, _("Nobody is waiting."), cols - 4, STYLE_DIM);
	free(v);
	free(at);
}

static void
draw_head(int y, int cols)
{
	char	left[128], right[128];
	int	rw;

	snprintf(left, sizeof left, _("Queue - counter %s"),
	    app.session->counter);
	if (app.waiting >= 0)
		snprintf(right, sizeof right, _("%d waiting"), app.waiting);
	else
		right[0] = '\0';
	rw = draw_text_right(y, cols - 1, right, cols / 2, STYLE_NORMAL);
	draw_text(y, 1, left, cols - rw - 3, STYLE_TITLE);
}

static void
queue_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct queue	*q = s->data;
	const char	*why = app.session != NULL ? no_queue_reason() : NULL;
	int		 y, last = top + rows;

	*cy = *cx = -1;
	if (app.session == NULL)
		return;
	if (why != NULL) {
		draw_text(top + 1, 2, why, cols - 4, STYLE_ERROR);
		return;
	}
	draw_head(top, cols);
	draw_hline(top + 1, 0, cols);
	y = draw_current(q, top + 1, rows, cols);
	if (y >= last - 2)
		return;
	draw_hline(y, 0, cols);
	draw_text(y, 2, _(" Waiting and skipped "), cols - 4, STYLE_LABEL);
	if (q->list != NULL)
		draw_list(q, y + 1, last, cols);
}

const struct screen_ops screen_queue = {
	.name = "queue",
	.title = N_("Queue"),
	.init = queue_init,
	.free = queue_free,
	.key = queue_key,
	.draw = queue_draw,
	.keys = queue_keys,
};

void
queue_next_anywhere(void)
{
	const char	*why;

	if (app.session == NULL || app.top == NULL)
		return;
	if ((why = no_queue_reason()) != NULL) {
		app_message(MSG_ERROR, "%s", why);
		return;
	}
	if (app.top->ops == &screen_queue)
		do_next(app.top->data);
	else
		app_push(&screen_queue, "next");
}
