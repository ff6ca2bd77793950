/* Applications: find one by its number (typed, or the receipt's QR code
 * scanned) and open it at once, or list them by resident, status and
 * date range, a page at a time. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case-labels.h"
#include "cases.h"
#include "draw.h"
#include "keys.h"
#include "list.h"
#include "request.h"
#include "screen-applications.h"
#include "table.h"
#include "tui.h"
#include "../forms/lineedit-draw.h"
#include "../forms/value.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

enum {
	F_NUMBER,
	F_STATUS,
	F_FROM,
	F_TO,
	F_LIST
};

struct apps {
	struct lineedit		 number;
	struct lineedit		 from;
	struct lineedit		 to;
	int			 status;	/* 0: all, else index + 1 */
	int			 focus;
	long long		 resident_id;
	char			*resident_name;
	struct app_page		*page;
	struct list		 l;
	char			 query_from[11];
	char			 query_to[11];
};

static const char *const statuses[] = {
	"submitted", "accepted", "materials_requested", "forwarded",
	"completed", "collected", "rejected", "withdrawn",
	"deferred_overdue"	/* not a status: 容缺 past its date */
};
#define NSTATUS ((int)(sizeof statuses / sizeof *statuses))

static const struct keyhelp apps_keys[] = {
	{ N_("Enter"), N_("Find / open"), 1 },
	{ N_("Tab"), N_("Next filter"), 1 },
	{ N_("Esc"), N_("Back"), 1 },
	{ N_("Space"), N_("Next status (on Status)"), 0 },
	{ N_("PgDn/PgUp"), N_("Page"), 0 },
	{ N_("Up/Down"), N_("Choose an application"), 0 },
	{ N_("F5"), N_("Search again"), 0 },
	{ NULL, NULL, 0 }
};

static void	search(struct apps *, int page);

/* Only what an application number or a date is made of. */
static int
number_char(uint32_t cp)
{
	return (cp < 0x80 && (isalnum((int)cp) || cp == '-' || cp == '/' ||
	    cp == ':' || cp == '.' || cp == '?' || cp == '=' || cp == '&'));
}

static int
date_char(uint32_t cp)
{
	return ((cp >= '0' && cp <= '9') || cp == '-');
}

static void
apps_init(struct screen *s, void *arg)
{
	struct applications_open	*o = arg;
	struct apps			*a = xcalloc(1, sizeof *a);

	lineedit_init(&a->number, 200);	/* a QR payload may be a URL */
	a->number.filter = number_char;
	lineedit_init(&a->from, 10);
	a->from.filter = date_char;
	lineedit_init(&a->to, 10);
	a->to.filter = date_char;
	a->l.paged = 1;
	s->data = a;
	if (o != NULL && o->resident_id > 0) {
		a->resident_id = o->resident_id;
		a->resident_name = xstrdup(o->resident_name != NULL ?
		    o->resident_name : "");
		search(a, 1);
	}
}

static void
apps_free(struct screen *s)
{
	struct apps	*a = s->data;

	model_app_page_free(a->page);
	lineedit_free(&a->number);
	lineedit_free(&a->from);
	lineedit_free(&a->to);
	free(a->resident_name);
	free(a);
}

int
application_number_find(const char *text, char *out)
{
	static const char	shape[] = "#########-########-####";
	size_t			i, n = strlen(text), k = sizeof shape - 1;

	for (i = 0; i + k <= n; i++) {
		size_t	j;

		for (j = 0; j < k; j++) {
			if (shape[j] == '#' ? !isdigit((unsigned char)
			    text[i + j]) : text[i + j] != '-')
				break;
		}
		if (j == k && (i + k == n || !isdigit((unsigned char)
		    text[i + k])) && (i == 0 || !isdigit((unsigned char)
		    text[i - 1]))) {
			memcpy(out, text + i, k);
			out[k] = '\0';
			return (0);
		}
	}
	return (-1);
}

static void
on_found(struct api_result *r, void *arg)
{
	struct apps			*a = arg;
	struct application_open	 o;

	if (app_signed_out(r))
		return;
	if (r->status != API_OK) {
		app_message(MSG_ERROR, "%s", r->http_status == 404 ?
		    _("No application has that number in your communities. "
		    "Check the number on the receipt.") : r->message);
		return;
	}
	memset(&o, 0, sizeof o);
	o.detail = r->model;
	r->model = NULL;
	lineedit_clear(&a->number);
	app_message(MSG_INFO, NULL);
	app_push(cases_may_act() ? &screen_application :
	    &screen_application_ro, &o);
}

static void
on_page(struct api_result *r, void *arg)
{
	struct apps	*a = arg;
	long long	 keep = list_selected(&a->l) >= 0 && a->page != NULL ?
			    a->page->items[list_selected(&a->l)].id : 0;
	size_t		 i;

	if (!app_answer(r))
		return;		/* said, or the session ended */
	model_app_page_free(a->page);
	a->page = r->model;
	r->model = NULL;
	list_count(&a->l, (int)a->page->n);
	for (i = 0; i < a->page->n; i++) {
		if (a->page->items[i].id == keep)
			list_select(&a->l, (int)i);	/* a reload */
	}
	if (a->page->total == 0) {
		app_message(MSG_ERROR, "%s", _("No application matches. Change "
		    "the filters, or clear them to see all."));
		a->focus = F_NUMBER;
		return;
	}
	app_message(MSG_INFO, NULL);
	a->focus = F_LIST;
}

/* The list for the filters as they were when the search started. */
static void
search(struct apps *a, int page)
{
	struct app_query	q;
	struct request		*rq = request_new(a, 0, on_page, a);

	memset(&q, 0, sizeof q);
	q.resident_id = a->resident_id;
	q.status = a->status > 0 ? statuses[a->status - 1] : NULL;
	if (a->status == NSTATUS) {
		q.status = NULL;	/* the supervisor's overdue 补齐 */
		q.deferred = "overdue";
	}
	q.from = a->query_from;
	q.to = a->query_to;
	request_call(rq, api_application_search(app.api, &q, page,
	    request_reply, rq));
}

/* An application changed: the page again, as it is now. */
static int
apps_shows(struct screen *s, enum resource what, long long id)
{
	struct apps	*a = s->data;

	(void)id;
	return (what == RES_APPLICATION && a->page != NULL);
}

static void
apps_reload(struct screen *s)
{
	struct apps	*a = s->data;

	search(a, a->page != NULL ? a->page->page : 1);
}

/* A date filter as typed, into YYYY-MM-DD; -1 (said) when not a date. */
static int
date_filter(struct lineedit *le, char *out, const char *what)
{
	char	*t = lineedit_text(le);
	int	 rc = 0;

	out[0] = '\0';
	if (*t != '\0' && value_date(t, out) != 0) {
		app_message(MSG_ERROR, _("%s is not a date: type it as "
		    "2026-11-01 or 20261101."), what);
		rc = -1;
	}
	free(t);
	return (rc);
}

static void
submit(struct apps *a)
{
	char		*t = lineedit_text(&a->number), number[24];
	struct request	*rq;

	if (*t != '\0') {
		if (application_number_find(t, number) != 0)
			app_message(MSG_ERROR, "%s", _("That is not an "
			    "application number: it looks like "
			    "610202001-20261129-0007."));
		else {
			rq = request_new(a, 0, on_found, a);
			request_call(rq, api_application_by_number(app.api,
			    number, request_reply, rq));
		}
		free(t);
		return;
	}
	free(t);
	if (date_filter(&a->from, a->query_from, _("From")) != 0 ||
	    date_filter(&a->to, a->query_to, _("To")) != 0)
		return;
	search(a, 1);
}

static void
open_selected(struct apps *a)
{
	struct application_open	o;

	if (a->page == NULL || list_selected(&a->l) < 0)
		return;
	memset(&o, 0, sizeof o);
	o.id = a->page->items[list_selected(&a->l)].id;
	app_push(cases_may_act() ? &screen_application :
	    &screen_application_ro, &o);
}

static int
rows_key(struct apps *a, int key)
{
	switch (list_key(&a->l, key)) {
	case LIST_ABOVE:
		a->focus = F_NUMBER;
		return (1);
	case LIST_UNUSED:
		break;
	default:
		return (1);
	}
	switch (key) {
	case TK_ENTER:
		open_selected(a);
		return (1);
	case TK_TAB:
		a->focus = F_NUMBER;
		return (1);
	}
	if (!TK_IS_CODE(key) && key > ' ') {
		/* typing (or a scanned receipt) goes to the number */
		a->focus = F_NUMBER;
		lineedit_clear(&a->number);
		keys_edit(&a->number, key);
		return (1);
	}
	return (0);
}

static int
field_key(struct apps *a, int key)
{
	switch (key) {
	case TK_TAB:
	case TK_BTAB:
		a->focus = (a->focus + (key == TK_TAB ? 1 : 3)) % 4;
		if (key == TK_TAB && a->focus == F_NUMBER && a->page != NULL &&
		    a->page->n > 0)
			a->focus = F_LIST;
		return (1);
	case TK_DOWN:
		if (a->page != NULL && a->page->n > 0)
			a->focus = F_LIST;
		return (1);
	case TK_ENTER:
		submit(a);
		return (1);
	}
	if (a->focus == F_STATUS) {
		if (key == ' ' || key == TK_RIGHT)
			a->status = (a->status + 1) % (NSTATUS + 1);
		else if (key == TK_LEFT)
			a->status = (a->status + NSTATUS) % (NSTATUS + 1);
		else
			return (0);
		return (1);
	}
	return (keys_edit(a->focus == F_NUMBER ? &a->number :
	    a->focus == F_FROM ? &a->from : &a->to, key));
}

static int
apps_key(struct screen *s, int key)
{
	struct apps	*a = s->data;
	int		 np;

	if (key == TK_ESC && a->focus == F_LIST && !request_busy(a, 0)) {
		a->focus = F_NUMBER;
		app_dirty();
		return (1);
	}
	if (a->page != NULL && (key == TK_PGDN || key == TK_PGUP)) {
		if ((np = list_turn(list_key(&a->l, key), a->page->page,
		    a->page->total, a->page->per_page)) > 0)
			search(a, np);
		return (1);
	}
	if (!(a->focus == F_LIST && a->page != NULL && a->page->n > 0 ?
	    rows_key(a, key) : field_key(a, key)))
		return (0);
	app_dirty();
	return (1);
}

#define NCOLS 5

static void
draw_list(struct apps *a, int y, int last, int cols)
{
	struct table_col	 c[NCOLS] = {
		{ _("Number"), 23, 0, 0 }, { _("Service"), 8, 1, 0 },
		{ _("Applicant"), 6, 0, 0 }, { _("Status"), 6, 0, 0 },
		{ _("Due"), 10, 0, 0 },
	};
	const char		**v = xcalloc(a->page->n * NCOLS + 1,
				    sizeof *v);
	struct app_summary	 *it;
	char			  info[128];
	int			  i;

	for (i = 0; i < (int)a->page->n; i++) {
		it = &a->page->items[i];
		v[i * NCOLS] = it->number;
		v[i * NCOLS + 1] = it->service;
		v[i * NCOLS + 2] = it->resident;
		v[i * NCOLS + 3] = label_app_status(it->status);
		v[i * NCOLS + 4] = it->overdue ? _("overdue") : it->due_date;
	}
	table_list(y, last, cols, c, NCOLS, v, &a->l, a->focus == F_LIST);
	free(v);
	snprintf(info, sizeof info, _("Page %d of %d, %lld applications"),
	    a->page->page, list_pages(a->page->total, a->page->per_page),
	    a->page->total);
	draw_text(last, 1, info, cols - 2, STYLE_DIM);
}

/* "Label: " then a field; returns the field's cursor column when it has
 * the focus, else -1. */
static int
draw_input(int y, int *x, const char *label, struct lineedit *le, int w,
    int focus)
{
	int	cur;

	*x += draw_text(y, *x, label, 20, focus ? STYLE_TITLE : STYLE_LABEL);
	*x += draw_text(y, *x, ": ", 2, STYLE_LABEL);
	cur = lineedit_draw(stdscr, le, y, *x, w, draw_attr(STYLE_FIELD));
	*x += w + 2;
	return (focus ? cur : -1);
}

static void
draw_filters(struct apps *a, int y, int cols, int *cy, int *cx)
{
	char	 status[64];
	int	 x = 1, cur;

	snprintf(status, sizeof status, "[ %s ]", a->status == 0 ? _("all") :
	    a->status == NSTATUS ? _("容缺 overdue (补齐逾期)") :
	    label_app_status(statuses[a->status - 1]));
	x += draw_text(y, x, _("Status"), 20, a->focus == F_STATUS ?
	    STYLE_TITLE : STYLE_LABEL);
	x += draw_text(y, x, ": ", 2, STYLE_LABEL);
	x += draw_text(y, x, status, cols - x, a->focus == F_STATUS ?
	    STYLE_SELECTED : STYLE_NORMAL) + 2;
	if ((cur = draw_input(y, &x, _("From"), &a->from, 11,
	    a->focus == F_FROM)) >= 0)
		*cy = y, *cx = cur;
	if (x + 16 < cols && (cur = draw_input(y, &x, _("To"), &a->to, 11,
	    a->focus == F_TO)) >= 0)
		*cy = y, *cx = cur;
}

static void
apps_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct apps	*a = s->data;
	char		 title[256];
	int		 x = 1, cur, w = cols - 30 < 40 ? cols - 30 : 40;

	snprintf(title, sizeof title, a->resident_id > 0 ?
	    _("Applications of %s") : "%s", a->resident_id > 0 ?
	    a->resident_name : _("Applications"));
	draw_text(top, 1, title, cols - 2, STYLE_TITLE);
	if ((cur = draw_input(top + 1, &x, _("Number"), &a->number, w,
	    a->focus == F_NUMBER)) >= 0)
		*cy = top + 1, *cx = cur;
	draw_text(top + 1, x, _("(or scan the receipt)"), cols - x - 1,
	    STYLE_DIM);
	draw_filters(a, top + 2, cols, cy, cx);
	if (request_busy(a, 0) || a->focus == F_LIST || a->focus == F_STATUS)
		*cy = *cx = -1;
	draw_hline(top + 3, 0, cols);
	if (a->page != NULL && a->page->n > 0)
		draw_list(a, top + 4, top + rows - 1, cols);
	else {
		draw_text(top + 5, 2, _("Type or scan an application number, "
		    "then Enter."), cols - 4, STYLE_DIM);
		draw_text(top + 6, 2, _("With no number, Enter lists the "
		    "applications the filters choose."), cols - 4, STYLE_DIM);
	}
}

static struct lineedit *
apps_typing(struct screen *s)
{
	struct apps	*a = s->data;

	switch (a->focus) {
	case F_NUMBER:
		return (&a->number);
	case F_FROM:
		return (&a->from);
	case F_TO:
		return (&a->to);
	}
	return (NULL);
}

const struct screen_ops screen_applications = {
	.name = "applications",
	.title = N_("Applications"),
	.init = apps_init,
	.free = apps_free,
	.key = apps_key,
	.draw = apps_draw,
	.typing = apps_typing,
	.shows = apps_shows,
	.reload = apps_reload,
	.keys = apps_keys,
};
