/* The service catalog: every item by name, code or pinyin initials, as
 * the clerk types, within one category or all; Enter shows the item. */
#include <stdio.h>
#include <stdlib.h>

#include "draw.h"
#include "keys.h"
#include "labels.h"
#include "list.h"
#include "request.h"
#include "table.h"
#include "tui.h"
#include "../api/catalog.h"
#include "../forms/lineedit-draw.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

#define PER_PAGE	50

/* Request slots: the page of services, the categories. */
enum { SLOT_PAGE, SLOT_CATS };

struct catalog {
	struct lineedit		 input;
	struct category_list	*cats;
	int			 cat;		/* index in cats, -1: all */
	struct service_page	*page;
	struct list		 l;
};

static const struct keyhelp catalog_keys[] = {
	{ N_("a-z 0-9"), N_("Search by name, code, pinyin"), 1 },
	{ N_("Tab"), N_("Next category"), 1 },
	{ N_("Enter"), N_("Show the service"), 1 },
	{ N_("Esc"), N_("Back"), 1 },
	{ N_("Shift-Tab"), N_("Previous category"), 0 },
	{ N_("Up/Down"), N_("Choose a service"), 0 },
	{ N_("PgDn/PgUp"), N_("Page"), 0 },
	{ NULL, NULL, 0 }
};

static void
on_page(struct api_result *res, void *arg)
{
	struct catalog	*c = arg;

	if (!app_answer(res))
		return;
	model_service_page_free(c->page);
	c->page = res->model;
	res->model = NULL;
	c->l.sel = 0;
	list_count(&c->l, (int)c->page->n);
	app_message(MSG_INFO, NULL);
}

/* Every keystroke asks again; the answer to an older question is
 * dropped with its request. */
static void
search(struct catalog *c, int page)
{
	char		*q = lineedit_text(&c->input);
	struct request	*rq = request_new(c, SLOT_PAGE, on_page, c);

	request_call(rq, api_services(app.api, q, c->cat >= 0 ?
	    c->cats->items[c->cat].id : 0, page, PER_PAGE, request_reply, rq));
	free(q);
}

static void
on_categories(struct api_result *res, void *arg)
{
	struct catalog	*c = arg;

	if (res->status != API_OK)
		return;		/* the list still works, over all of them */
	c->cats = res->model;
	res->model = NULL;
}

static void
catalog_init(struct screen *s, void *arg)
{
	struct catalog	*c = xcalloc(1, sizeof *c);
	struct request	*rq;

	(void)arg;
	s->data = c;
	lineedit_init(&c->input, 32);
	c->cat = -1;
	c->l.paged = 1;
	rq = request_new(c, SLOT_CATS, on_categories, c);
	request_call(rq, api_categories(app.api, request_reply, rq));
	search(c, 1);
}

static void
catalog_free(struct screen *s)
{
	struct catalog	*c = s->data;

	model_category_list_free(c->cats);
	model_service_page_free(c->page);
	lineedit_free(&c->input);
	free(c);
}

static void
next_category(struct catalog *c, int step)
{
	int	n = c->cats != NULL ? (int)c->cats->n : 0;

	if (n == 0)
		return;
	/* -1 (all) and 0..n-1 in a ring */
	c->cat = (c->cat + 1 + step + n + 1) % (n + 1) - 1;
	search(c, 1);
}

static int
catalog_key(struct screen *s, int key)
{
	struct catalog	*c = s->data;
	enum list_done	 d;
	int		 np;

	switch (key) {
	case TK_TAB:
	case TK_BTAB:
		next_category(c, key == TK_TAB ? 1 : -1);
		return (1);
	case TK_ENTER:
		if (c->page != NULL && list_selected(&c->l) >= 0)
			app_push(&screen_service,
			    &c->page->items[list_selected(&c->l)].id);
		return (1);
	case TK_HOME:
	case TK_END:
		break;		/* the search's, not the list's */
	default:
		if ((d = list_key(&c->l, key)) == LIST_PAGE_NEXT ||
		    d == LIST_PAGE_PREV) {
			if (c->page != NULL && (np = list_turn(d,
			    c->page->pg.page, c->page->pg.total,
			    c->page->pg.per_page)) > 0)
				search(c, np);
			return (1);
		}
		if (d != LIST_UNUSED) {
			app_dirty();
			return (1);
		}
	}
	if (!keys_edit(&c->input, key))
		return (0);
	search(c, 1);
	app_dirty();
	return (1);
}

#define NCOLS 4

static void
draw_list(struct catalog *c, int y, int last, int cols)
{
	struct table_col	 col[NCOLS] = {
		{ _("Code"), 4, 0, 0 }, { _("Service"), 10, 1, 0 },
		{ _("Time limit"), 4, 0, 0 }, { _("Fee"), 4, 0, 0 },
	};
	const char		**v;
	char			(*limit)[32], (*fee)[32], info[128];
	size_t			  i, n = c->page->n;

	v = xcalloc(n * NCOLS + 1, sizeof *v);
	limit = xcalloc(n + 1, sizeof *limit);
	fee = xcalloc(n + 1, sizeof *fee);
	for (i = 0; i < n; i++) {
		struct service_summary	*it = &c->page->items[i];

		label_days(limit[i], sizeof limit[i], it->time_limit_days);
		label_fee(fee[i], sizeof fee[i], it->fee_fen);
		v[i * NCOLS] = it->txcode;
		v[i * NCOLS + 1] = label_english() && *it->name_en != '\0' ?
		    it->name_en : it->name;
		v[i * NCOLS + 2] = limit[i];
		v[i * NCOLS + 3] = fee[i];
	}
	table_list(y, last, cols, col, NCOLS, v, &c->l, 1);
	free(v);
	free(limit);
	free(fee);
	snprintf(info, sizeof info, _("Page %d of %d, %lld services"),
	    c->page->pg.page, list_pages(c->page->pg.total,
	    c->page->pg.per_page), c->page->pg.total);
	draw_text(last, 1, info, cols - 2, STYLE_DIM);
}

static void
catalog_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct catalog	*c = s->data;
	const char	*label = _("Search"), *cat = _("all categories");
	char		 head[160];
	int		 lw, fw, cursor, x;

	if (c->cat >= 0)
		cat = label_english() && *c->cats->items[c->cat].name_en !=
		    '\0' ? c->cats->items[c->cat].name_en :
		    c->cats->items[c->cat].name;
	snprintf(head, sizeof head, _("Category: %s (Tab)"), cat);
	lw = text_width(label) + 2;
	x = draw_text(top + 1, 1, label, cols - 2, STYLE_LABEL);
	draw_text(top + 1, 1 + x, ":", 1, STYLE_LABEL);
	fw = cols - lw - 2 < 24 ? cols - lw - 2 : 24;
	cursor = lineedit_draw(stdscr, &c->input, top + 1, 1 + lw, fw,
	    draw_attr(STYLE_FIELD));
	if (1 + lw + fw + 2 < cols)
		draw_text(top + 1, 1 + lw + fw + 2, head, cols - lw - fw - 4,
		    STYLE_TITLE);
	*cy = top + 1;
	*cx = cursor;
	draw_hline(top + 2, 0, cols);
	if (c->page != NULL && c->page->n > 0)
		draw_list(c, top + 3, top + rows - 1, cols);
	else if (c->page != NULL)
		draw_text(top + 4, 2, _("No service matches."), cols - 4,
		    STYLE_DIM);
}

const struct screen_ops screen_catalog = {
	.name = "catalog",
	.title = N_("Service catalog"),
	.init = catalog_init,
	.free = catalog_free,
	.key = catalog_key,
	.draw = catalog_draw,
	.keys = catalog_keys,
};
