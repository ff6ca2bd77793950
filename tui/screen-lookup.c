/* Resident lookup: scan or type an ID number, or a name or mobile
 * number; the matches as a paged list. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>
#include <time.h>

#include "draw.h"
#include "keys.h"
#include "resident-edit.h"
#include "labels.h"
#include "list.h"
#include "request.h"
#include "resident-new.h"
#include "table.h"
#include "tui.h"
#include "../forms/idnum.h"
#include "../forms/lineedit-draw.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

struct lookup {
	struct lineedit		 input;
	struct resident_page	*page;
	char			*id_number;	/* the search, for paging */
	char			*q;
	int			 in_list;
	struct list		 l;
	char			 then[5];	/* a service's code, for F3 */
	char			*then_name;
};

static const struct keyhelp lookup_keys[] = {
	{ N_("Enter"), N_("Search / open"), 1 },
	{ N_("PgDn/PgUp"), N_("Page"), 1 },
	{ N_("Esc"), N_("Back"), 1 },
	{ N_("Up/Down"), N_("Choose a resident"), 0 },
	{ N_("F4"), N_("Register a new resident"), 1 },
	{ NULL, NULL, 0 }
};

static void
clear_results(struct lookup *l)
{
	model_resident_page_free(l->page);
	l->page = NULL;
	list_count(&l->l, 0);
	l->in_list = 0;
}

static void	submit(struct lookup *);

/* arg: an ID number scanned on another screen, or NULL. */
static void
lookup_init(struct screen *s, void *arg)
{
	struct lookup		*l = xcalloc(1, sizeof *l);
	const struct lookup_open *o = arg;

	lineedit_init(&l->input, 50);
	l->l.paged = 1;
	s->data = l;
	if (o != NULL && o->txcode != NULL) {
		/* whose application for this service */
		snprintf(l->then, sizeof l->then, "%s", o->txcode);
		l->then_name = xstrdup(o->service_name);
		app_message(MSG_INFO, _("%s %s: whose application is it? "
		    "Scan the ID card, or find the resident."), o->txcode,
		    o->service_name);
	}
	if (o != NULL && o->id != NULL) {
		/* opened by a scan elsewhere: look it up at once */
		lineedit_set(&l->input, o->id);
		submit(l);
	}
}

static void
lookup_free(struct screen *s)
{
	struct lookup	*l = s->data;

	clear_results(l);
	lineedit_free(&l->input);
	free(l->id_number);
	free(l->q);
	free(l->then_name);
	free(l);
}

/* A search by ID number that found no one, or got no answer: the field
 * is emptied for the next scan, unless the clerk has typed there while
 * it waited, which stays as typed. */
static void
clear_for_the_next_scan(struct lookup *l)
{
	char	*text = lineedit_text(&l->input);

	if (strcasecmp(text, l->id_number) == 0)
		lineedit_clear(&l->input);
	free(text);
}

static void
on_results(struct api_result *r, void *arg)
{
	struct lookup	*l = arg;
	long long	 id;

	if (!app_answer(r)) {
		if (r->status != API_ERR_AUTH && l->id_number != NULL)
			clear_for_the_next_scan(l);
		return;
	}
	clear_results(l);
	l->page = r->model;
	r->model = NULL;
	list_count(&l->l, (int)l->page->n);
	if (l->page->total == 0) {
		app_message(MSG_ERROR, "%s", l->id_number != NULL ?
		    label_not_here(0) : _("No resident found (or not in your "
		    "communities)."));
		if (l->id_number != NULL)
			clear_for_the_next_scan(l);
		return;
	}
	app_message(MSG_INFO, NULL);
	if (l->id_number != NULL && l->page->n == 1) {
		id = l->page->items[0].id;
		lineedit_clear(&l->input);
		resident_open(id, l->then);
		return;
	}
	l->in_list = 1;
}

static void
search(struct lookup *l, int page)
{
	struct request	*rq = request_new(l, 0, on_results, l);

	request_call(rq, api_resident_search(app.api, l->id_number, l->q,
	    page, request_reply, rq));
}

/* Starts a search from the input; ID numbers are checked here first, so
 * a misread card is caught before the server is asked. */
static void
submit(struct lookup *l)
{
	struct idnum_info	 info;
	enum idnum_error	 e;
	char			*text, *p;

	text = lineedit_text(&l->input);
	for (p = text + strlen(text); p > text && isspace((unsigned char)
	    p[-1]); p--)
		p[-1] = '\0';
	free(l->id_number);
	free(l->q);
	l->id_number = l->q = NULL;
	if (*text == '\0') {
		app_message(MSG_ERROR, "%s", _("Scan an ID card, or type an "
		    "ID number, a name or a mobile number."));
		free(text);
		return;
	}
	if (idnum_shape(text)) {
		if ((e = idnum_check(text, time(NULL), &info)) != IDNUM_OK) {
			app_message(MSG_ERROR, "%s", _(idnum_strerror(e)));
			lineedit_clear(&l->input);	/* the next scan */
			free(text);
			return;
		}
		l->id_number = xstrdup(info.normalized);
	} else
		l->q = xstrdup(text);
	free(text);
	search(l, 1);
}

static void
open_selected(struct lookup *l)
{
	long long	id;
	int		i = list_selected(&l->l);

	if (l->page == NULL || i < 0)
		return;
	id = l->page->items[i].id;
	resident_open(id, l->then);
}

/* A card scanned here: the input is the card's, whatever was there. */
static int
lookup_scan(struct screen *s, const char *id)
{
	struct lookup	*l = s->data;

	lineedit_set(&l->input, id);
	submit(l);
	return (1);
}

static int
list_key_in(struct lookup *l, int key)
{
	switch (list_key(&l->l, key)) {
	case LIST_ABOVE:
		l->in_list = 0;
		return (1);
	case LIST_UNUSED:
		break;
	default:
		return (1);
	}
	switch (key) {
	case TK_ENTER:
		open_selected(l);
		return (1);
	case TK_ESC:
		l->in_list = 0;
		return (1);
	}
	/* typing goes back to the input */
	if (!TK_IS_CODE(key) && key >= 0x20) {
		l->in_list = 0;
		lineedit_clear(&l->input);
		keys_edit(&l->input, key);
		return (1);
	}
	return (0);
}

/* F4: a resident not found is registered, with the ID number that was
 * looked for when it is one. */
static void
register_new(struct lookup *l)
{
	struct idnum_info	 info;
	char			*t = lineedit_text(&l->input);

	if (l->id_number != NULL)
		resident_new_open(l->id_number);
	else
		resident_new_open(idnum_check(t, time(NULL), &info) ==
		    IDNUM_OK ? info.normalized : NULL);
	free(t);
}

static int
lookup_key(struct screen *s, int key)
{
	struct lookup	*l = s->data;
	int		 np;

	if (l->page != NULL && (key == TK_PGDN || key == TK_PGUP)) {
		if ((np = list_turn(list_key(&l->l, key), l->page->page,
		    l->page->total, l->page->per_page)) > 0)
			search(l, np);
		return (1);
	}
	if (key == TK_F(4)) {
		register_new(l);
		return (1);
	}
	if (l->in_list && l->page != NULL && l->page->n > 0) {
		if (!list_key_in(l, key))
			return (0);	/* F-keys and the like: the shell's */
		app_dirty();
		return (1);
	}
	switch (key) {
	case TK_ENTER:
		submit(l);
		break;
	case TK_DOWN:
		if (l->page != NULL && l->page->n > 0)
			l->in_list = 1;
		break;
	default:
		if (!keys_edit(&l->input, key))
			return (0);
	}
	app_dirty();
	return (1);
}

#define NCOLS 6

/* The visible rows as strings, row-major, for layout and drawing. */
static const char **
rows_of(struct lookup *l, char (*ages)[16])
{
	const char		**v = xcalloc(l->page->n * NCOLS + 1,
				    sizeof *v);
	struct resident_summary	 *r;
	size_t			  i;

	for (i = 0; i < l->page->n; i++) {
		r = &l->page->items[i];
		snprintf(ages[i], sizeof ages[i], "%d", r->age);
		v[i * NCOLS] = r->name;
		v[i * NCOLS + 1] = label_sex(r->sex);
		v[i * NCOLS + 2] = ages[i];
		v[i * NCOLS + 3] = r->id_number_masked;
		v[i * NCOLS + 4] = r->community;
		v[i * NCOLS + 5] = r->address;
	}
	return (v);
}

static void
draw_list(struct lookup *l, int y, int last, int cols)
{
	struct table_col	 c[NCOLS] = {
		{ _("Name"), 6, 0, 0 }, { _("Sex"), 2, 0, 0 },
		{ _("Age"), 3, 0, 0 }, { _("ID number"), 18, 0, 0 },
		{ _("Community"), 8, 0, 0 }, { _("Address"), 0, 1, 0 },
	};
	const char		**v;
	char			(*ages)[16];
	char			  info[128];

	ages = xcalloc(l->page->n + 1, sizeof *ages);
	v = rows_of(l, ages);
	table_list(y, last, cols, c, NCOLS, v, &l->l, l->in_list);
	free(v);
	free(ages);
	snprintf(info, sizeof info, _("Page %d of %d, %lld residents"),
	    l->page->page, list_pages(l->page->total, l->page->per_page),
	    l->page->total);
	draw_text(last, 1, info, cols - 2, STYLE_DIM);
}

static void
lookup_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct lookup	*l = s->data;
	const char	*label = _("ID number / name / mobile");
	char		 head[256];
	int		 lw, fw, cursor;

	if (l->then[0] != '\0') {
		snprintf(head, sizeof head, _("Applying for %s %s: whose "
		    "application?"), l->then, l->then_name);
		draw_text(top, 1, head, cols - 2, STYLE_TITLE);
	}
	lw = text_width(label) + 2;
	draw_text(top + 1, 1, label, cols - 2, STYLE_LABEL);
	draw_text(top + 1, 1 + lw - 2, ":", 1, STYLE_LABEL);
	fw = cols - lw - 2 < 40 ? cols - lw - 2 : 40;
	cursor = lineedit_draw(stdscr, &l->input, top + 1, 1 + lw, fw,
	    draw_attr(STYLE_FIELD));
	if (!l->in_list && !request_busy(l, 0)) {
		*cy = top + 1;
		*cx = cursor;
	}
	draw_hline(top + 2, 0, cols);
	if (l->page != NULL && l->page->n > 0)
		draw_list(l, top + 3, top + rows - 1, cols);
	else
		draw_text(top + 4, 2, _("Scan the ID card: the reader types the "
		    "number and Enter. A name or a mobile number works too."),
		    cols - 4, STYLE_DIM);
}

static struct lineedit *
lookup_typing(struct screen *s)
{
	struct lookup	*l = s->data;

	return (l->in_list && l->page != NULL && l->page->n > 0 ? NULL :
	    &l->input);
}

const struct screen_ops screen_lookup = {
	.name = "lookup",
	.title = N_("Resident lookup"),
	.init = lookup_init,
	.free = lookup_free,
	.key = lookup_key,
	.draw = lookup_draw,
	.scan = lookup_scan,
	.typing = lookup_typing,
	.keys = lookup_keys,
};
