/* Hand-off (交接): the accepted applications, a batch picked from them
 * for a back office, sent as one hand-off (each is forwarded), and the
 * hand-off list printed for the back office to sign. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "dialog-prompt.h"
#include "draw.h"
#include "keys.h"
#include "list.h"
#include "print-cases.h"
#include "print-ui.h"
#include "request.h"
#include "table.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

#define MAX_BATCH	200

struct handoff_view {
	struct app_page		*page;
	struct list		 l;
	long long		*picked;	/* application ids */
	size_t			 npicked;
	struct handoff		*done;		/* once sent */
};

static const struct keyhelp handoff_keys[] = {
	{ N_("Space"), N_("Pick / unpick"), 1 },
	{ N_("Enter"), N_("Hand over the picked"), 1 },
	{ N_("P"), N_("Print the list"), 1 },
	{ N_("Esc"), N_("Back"), 1 },
	{ N_("A"), N_("Pick all on the page"), 0 },
	{ N_("PgDn/PgUp"), N_("Page"), 0 },
	{ N_("F5"), N_("Reload"), 0 },
	{ NULL, NULL, 0 }
};

static void	load(struct handoff_view *, int page);

static void
handoff_init(struct screen *s, void *arg)
{
	struct handoff_view	*h = xcalloc(1, sizeof *h);

	(void)arg;
	h->picked = xcalloc(MAX_BATCH, sizeof *h->picked);
	h->l.paged = 1;
	s->data = h;
	load(h, 1);
}

static void
handoff_free(struct screen *s)
{
	struct handoff_view	*h = s->data;

	model_app_page_free(h->page);
	model_handoff_free(h->done);
	free(h->picked);
	free(h);
}

static void
on_page(struct api_result *r, void *arg)
{
	struct handoff_view	*h = arg;

	if (!app_answer(r))
		return;		/* said, or the session ended */
	model_app_page_free(h->page);
	h->page = r->model;
	r->model = NULL;
	list_count(&h->l, (int)h->page->n);
}

/* The accepted applications: only those can be handed over. */
static void
load(struct handoff_view *h, int page)
{
	struct app_query	q;
	struct request		*rq = request_new(h, 0, on_page, h);

	memset(&q, 0, sizeof q);
	q.status = "accepted";
	request_call(rq, api_application_search(app.api, &q, page,
	    request_reply, rq));
}

/* Handed-off or otherwise changed applications leave the list. */
static void
handoff_reload(struct screen *s)
{
	struct handoff_view	*h = s->data;

	load(h, h->page != NULL ? h->page->page : 1);
}

static int
picked_at(const struct handoff_view *h, long long id)
{
	size_t	i;

	for (i = 0; i < h->npicked; i++) {
		if (h->picked[i] == id)
			return ((int)i);
	}
	return (-1);
}

static void
toggle(struct handoff_view *h, long long id, int only_add)
{
	int	i = picked_at(h, id);

	if (i >= 0 && !only_add) {
		memmove(h->picked + i, h->picked + i + 1,
		    (h->npicked - (size_t)i - 1) * sizeof *h->picked);
		h->npicked--;
	} else if (i < 0 && h->npicked < MAX_BATCH)
		h->picked[h->npicked++] = id;
}

/* Why a hand-off was refused: the applications in its way. */
static void
refused(struct handoff_view *h, struct api_result *r)
{
	struct problem_ext	*e = problem_ext_parse(r->problem_json);
	char			 list[512] = "";
	size_t			 i;

	if (e->nconflicts == 0) {
		app_message(MSG_ERROR, "%s", r->message);
		problem_ext_free(e);
		return;
	}
	for (i = 0; i < e->nconflicts && strlen(list) < 400; i++) {
		if (i > 0)
			strcat(list, ", ");
		strncat(list, e->conflicts[i], 100);
	}
	app_message(MSG_ERROR, _("Nothing was handed over: these are no "
	    "longer accepted: %s. The list is reloaded; pick again."), list);
	problem_ext_free(e);
	h->npicked = 0;
	load(h, 1);
}

static void
on_created(struct api_result *r, void *arg)
{
	struct handoff_view	*h = arg;

	if (app_signed_out(r))
		return;
	if (r->status == API_ERR_NETWORK) {
		app_hint(MSG_ERROR, _("No answer from the server (%s) "
		    "Press Enter again: it is sent so that it cannot be done "
		    "twice."), r->message);
		return;
	}
	if (r->status != API_OK) {
		refused(h, r);
		return;
	}
	model_handoff_free(h->done);
	h->done = r->model;
	r->model = NULL;
	h->npicked = 0;
	app_hint(MSG_INFO, _("Hand-off %s sent: %zu applications "
	    "forwarded. P prints the list to sign."), h->done->number,
	    h->done->n);
	/* forwarded now: gone from this list, changed on every screen */
	app_changed(RES_HANDOFF, h->done->id);
	app_changed(RES_APPLICATION, 0);
}

static void
to_given(const char *to, void *arg)
{
	struct handoff_view	*h = arg;
	struct request		*rq;
	cJSON			*b, *ids;
	char			*text;
	size_t			 i;

	if (h->npicked == 0)
		return;
	/* the same batch again after a lost answer keeps its key */
	b = cJSON_CreateObject();
	ids = cJSON_AddArrayToObject(b, "ids");
	for (i = 0; i < h->npicked; i++)
		cJSON_AddItemToArray(ids, cJSON_CreateNumber((double)
		    h->picked[i]));
	cJSON_AddStringToObject(b, "to", to);
	text = cJSON_PrintUnformatted(b);
	cJSON_Delete(b);
	if (text == NULL)
		fatal("out of memory printing JSON");
	rq = request_new(h, 0, on_created, h);
	request_call(rq, api_handoff_create(app.api, h->picked, h->npicked,
	    to, request_key(rq, text), request_reply, rq));
	free(text);
}

static void
ask_to(struct handoff_view *h)
{
	if (h->npicked == 0) {
		app_hint(MSG_ERROR, "%s", _("Pick the applications first: "
		    "Space on each, or A for the whole page."));
		return;
	}
	prompt_ask(&(struct prompt){ .title = _("Hand over to which office? "
	    "(e.g. the street's civil affairs office)"), .max_chars = 50,
	    .min_chars = 1, .too_short = _("Name the receiving office, up to "
	    "50 characters."), .done = to_given, .arg = h });
}

static void
print_list(struct handoff_view *h)
{
	if (h->done == NULL) {
		app_message(MSG_ERROR, "%s", _("Hand over a batch first; its "
		    "list is printed then."));
		return;
	}
	print_ui_offer(cases_paper_handoff(h->done), NULL);
}

static int
rows_key(struct handoff_view *h, int key)
{
	size_t	i;

	if (h->page == NULL || h->page->n == 0)
		return (0);
	switch (key) {
	case ' ':
		toggle(h, h->page->items[h->l.sel].id, 0);
		list_key(&h->l, TK_DOWN);
		return (1);
	case 'a':
	case 'A':
		for (i = 0; i < h->page->n; i++)
			toggle(h, h->page->items[i].id, 1);
		return (1);
	}
	return (list_key(&h->l, key) != LIST_UNUSED);
}

static int
handoff_key(struct screen *s, int key)
{
	struct handoff_view	*h = s->data;
	int			 np;

	switch (key) {
	case TK_ENTER:
		ask_to(h);
		return (1);
	case 'p':
	case 'P':
		print_list(h);
		return (1);
	case TK_PGDN:
	case TK_PGUP:
		if (h->page != NULL && (np = list_turn(list_key(&h->l, key),
		    h->page->page, h->page->total, h->page->per_page)) > 0)
			load(h, np);
		return (1);
	}
	if (!rows_key(h, key))
		return (0);
	app_dirty();
	return (1);
}

#define NCOLS 5

static void
draw_list(struct handoff_view *h, int y, int last, int cols)
{
	struct table_col	 c[NCOLS] = {
		{ "", 3, 0, 0 }, { _("Number"), 23, 0, 0 },
		{ _("Service"), 8, 1, 0 }, { _("Applicant"), 6, 0, 0 },
		{ _("Due"), 10, 0, 0 },
	};
	const char		**v = xcalloc(h->page->n * NCOLS + 1,
				    sizeof *v);
	struct app_summary	 *it;
	int			  i;

	for (i = 0; i < (int)h->page->n; i++) {
		it = &h->page->items[i];
		v[i * NCOLS] = picked_at(h, it->id) >= 0 ? "[x]" : "[ ]";
		v[i * NCOLS + 1] = it->number;
		v[i * NCOLS + 2] = it->service;
		v[i * NCOLS + 3] = it->resident;
		v[i * NCOLS + 4] = it->due_date;
	}
	table_list(y, last + 1, cols, c, NCOLS, v, &h->l, 1);
	free(v);
}

static void
handoff_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct handoff_view	*h = s->data;
	char			 line[256];

	*cy = *cx = -1;
	draw_text(top, 1, _("Hand-off to a back office"), cols - 2,
	    STYLE_TITLE);
	if (h->done != NULL)
		snprintf(line, sizeof line, _("Last hand-off: %s, %zu "
		    "applications to %s. Picked now: %zu."), h->done->number,
		    h->done->n, h->done->to, h->npicked);
	else
		snprintf(line, sizeof line, _("Accepted applications, ready "
		    "to hand over. Picked: %zu."), h->npicked);
	draw_text(top + 1, 1, line, cols - 2, STYLE_NORMAL);
	draw_hline(top + 2, 0, cols);
	if (h->page != NULL && h->page->n > 0)
		draw_list(h, top + 3, top + rows - 1, cols);
	else
		draw_text(top + 4, 2, request_busy(h, 0) ? _("Loading...") :
		    _("No accepted application is waiting to be handed "
		    "over."), cols - 4, STYLE_DIM);
}

const struct screen_ops screen_handoff = {
	.name = "handoff",
	.title = N_("Hand-off lists"),
	.init = handoff_init,
	.free = handoff_free,
	.key = handoff_key,
	.draw = handoff_draw,
	.shows_all = RES_MASK(RES_APPLICATION) |
	    RES_MASK(RES_HANDOFF),
	.reload = handoff_reload,
	.keys = handoff_keys,
};
