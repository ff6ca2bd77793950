/* Hand-off (交接): the accepted applications, a batch picked from them
 * for a back office, sent as one hand-off (each is forwarded), and the
 * hand-off list printed for the back office to sign. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case-labels.h"
#include "cases.h"
#include "dialog-prompt.h"
#include "draw.h"
#include "keys.h"
#include "print-cases.h"
#include "table.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

#define MAX_BATCH	200

struct handoff_view {
	struct api_call		*call;
	struct app_page		*page;
	long long		*picked;	/* application ids */
	size_t			 npicked;
	int			 sel;
	int			 top;
	struct handoff		*done;		/* once sent */
	char			 key[33];	/* of the hand-off being sent */
	char			*sent;		/* its body, for a retry */
	int			 lost;
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

static struct handoff_view	*current;

static void	load(struct handoff_view *, int page);

static void
handoff_init(struct screen *s, void *arg)
{
	struct handoff_view	*h = xcalloc(1, sizeof *h);

	(void)arg;
	h->picked = xcalloc(MAX_BATCH, sizeof *h->picked);
	s->data = h;
	current = h;
	load(h, 1);
}

static void
cancel(struct handoff_view *h)
{
	if (h->call == NULL)
		return;
	api_cancel(app.api, h->call);
	h->call = NULL;
	app_busy(-1);
}

static void
handoff_free(struct screen *s)
{
	struct handoff_view	*h = s->data;

	if (current == h)
		current = NULL;
	cancel(h);
	model_app_page_free(h->page);
	model_handoff_free(h->done);
	free(h->picked);
	free(h->sent);
	free(h);
}

static void
on_page(struct api_result *r, void *arg)
{
	struct handoff_view	*h = arg;

	h->call = NULL;
	if (!app_answer(r))
		return;		/* said, or the session ended */
	model_app_page_free(h->page);
	h->page = r->model;
	r->model = NULL;
	h->sel = h->top = 0;
	app_dirty();
}

/* The accepted applications: only those can be handed over. */
static void
load(struct handoff_view *h, int page)
{
	struct app_query	q;

	cancel(h);
	memset(&q, 0, sizeof q);
	q.status = "accepted";
	h->call = api_application_search(app.api, &q, page, on_page, h);
	app_busy(1);
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

	h->call = NULL;
	app_busy(-1);
	h->lost = r->status == API_ERR_NETWORK;
	if (r->status == API_ERR_AUTH) {
		app_session_ended(r->message);
		return;
	}
	if (r->status == API_ERR_NETWORK) {
		app_message(MSG_ERROR, _("No answer from the server (%s) "
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
	app_message(MSG_INFO, _("Hand-off %s sent: %zu applications "
	    "forwarded. P prints the list to sign."), h->done->number,
	    h->done->n);
}

static void
to_given(const char *to, void *arg)
{
	struct handoff_view	*h = arg;
	cJSON			*b, *ids;
	char			*text;
	size_t			 i, n = utf8_chars(to);

	if (h != current || h->npicked == 0)
		return;
	if (n < 1 || n > 50) {
		app_message(MSG_ERROR, "%s", _("Name the receiving office, up "
		    "to 50 characters: nothing was sent."));
		return;
	}
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
	if (h->sent == NULL || !h->lost || strcmp(h->sent, text) != 0)
		api_new_key(h->key);
	free(h->sent);
	h->sent = text;
	cancel(h);
	h->call = api_handoff_create(app.api, h->picked, h->npicked, to,
	    h->key, on_created, h);
	app_busy(1);
}

static void
ask_to(struct handoff_view *h)
{
	struct prompt	p = { NULL, NULL, 50, NULL, to_given, h };

	if (h->npicked == 0) {
		app_message(MSG_ERROR, "%s", _("Pick the applications first: "
		    "Space on each, or A for the whole page."));
		return;
	}
	p.title = _("Hand over to which office? (e.g. the street's civil "
	    "affairs office)");
	app_push(&dialog_prompt, &p);
}

static void
print_list(struct handoff_view *h)
{
	if (h->done == NULL) {
		app_message(MSG_ERROR, "%s", _("Hand over a batch first; its "
		    "list is printed then."));
		return;
	}
	cases_print(cases_paper_handoff(h->done));
}

static int
list_key(struct handoff_view *h, int key)
{
	size_t	i;

	if (h->page == NULL || h->page->n == 0)
		return (0);
	switch (key) {
	case TK_UP:
		if (h->sel > 0)
			h->sel--;
		return (1);
	case TK_DOWN:
		if (h->sel + 1 < (int)h->page->n)
			h->sel++;
		return (1);
	case ' ':
		toggle(h, h->page->items[h->sel].id, 0);
		if (h->sel + 1 < (int)h->page->n)
			h->sel++;
		return (1);
	case 'a':
	case 'A':
		for (i = 0; i < h->page->n; i++)
			toggle(h, h->page->items[i].id, 1);
		return (1);
	}
	return (0);
}

static int
handoff_key(struct screen *s, int key)
{
	struct handoff_view	*h = s->data;
	int			 np;

	current = h;
	switch (key) {
	case TK_ESC:
		if (h->call != NULL) {
			cancel(h);
			app_message(MSG_INFO, "%s", _("Cancelled."));
		} else
			app_pop();
		return (1);
	case TK_ENTER:
		ask_to(h);
		return (1);
	case 'p':
	case 'P':
		print_list(h);
		return (1);
	case TK_F(5):
		load(h, h->page != NULL ? h->page->page : 1);
		return (1);
	case TK_PGDN:
	case TK_PGUP:
		np = (h->page != NULL ? h->page->page : 1) +
		    (key == TK_PGDN ? 1 : -1);
		if (h->page != NULL && np >= 1 && (long long)(np - 1) *
		    h->page->per_page < h->page->total)
			load(h, np);
		return (1);
	}
	if (!list_key(h, key))
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
	int			  i, visible = last - y;

	for (i = 0; i < (int)h->page->n; i++) {
		it = &h->page->items[i];
		v[i * NCOLS] = picked_at(h, it->id) >= 0 ? "[x]" : "[ ]";
		v[i * NCOLS + 1] = it->number;
		v[i * NCOLS + 2] = it->service;
		v[i * NCOLS + 3] = it->resident;
		v[i * NCOLS + 4] = it->due_date;
	}
	table_layout(c, NCOLS, v, (int)h->page->n, cols);
	table_head(y++, c, NCOLS);
	if (h->sel < h->top)
		h->top = h->sel;
	if (visible > 0 && h->sel >= h->top + visible)
		h->top = h->sel - visible + 1;
	for (i = h->top; i < (int)h->page->n && y <= last; i++, y++)
		table_row(y, c, NCOLS, v + i * NCOLS, i == h->sel ?
		    STYLE_SELECTED : STYLE_NORMAL);
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
		draw_text(top + 4, 2, h->call != NULL ? _("Loading...") :
		    _("No accepted application is waiting to be handed "
		    "over."), cols - 4, STYLE_DIM);
}

const struct screen_ops screen_handoff = {
	.name = "handoff",
	.init = handoff_init,
	.free = handoff_free,
	.key = handoff_key,
	.draw = handoff_draw,
	.keys = handoff_keys,
};
