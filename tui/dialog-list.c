/* Choosing one line of a short list (a category, a colleague, a
 * printer, a form's options, ticking several); typing narrows it. */
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "keys.h"
#include "list.h"
#include "tui.h"
#include "../forms/lineedit-draw.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

struct choice {
	struct list_ask	 a;
	char		**items;	/* copied */
	struct list	 l;
};

static const struct keyhelp list_keys[] = {
	{ N_("Enter"), N_("Choose"), 1 },
	{ N_("Esc"), N_("Cancel"), 1 },
	{ N_("Up/Down"), N_("Move"), 0 },
	{ N_("a-z"), N_("Type to narrow the list"), 0 },
	{ N_("Del"), N_("Throw away (a kept form)"), 0 },
	{ NULL, NULL, 0 }
};

void
list_ask(const char *title, const char *const *items, int n, int sel,
    void (*done)(int, void *), void *arg)
{
	list_ask_with(&(struct list_ask){ .title = title, .items = items,
	    .n = n, .sel = sel, .done = done, .arg = arg });
}

void
list_ask_with(const struct list_ask *a)
{
	app_push(&dialog_list, (void *)a);
}

static int
match(const char *text, int item, void *arg)
{
	struct choice	*c = arg;

	if (c->a.match != NULL)
		return (c->a.match(text, item, c->a.arg));
	return (strcasestr(c->items[item], text) != NULL);
}

static void
list_init(struct screen *s, void *arg)
{
	struct choice	*c = xcalloc(1, sizeof *c);
	int		 i;

	c->a = *(struct list_ask *)arg;
	c->a.title = xstrdup(c->a.title);
	c->items = xcalloc((size_t)c->a.n + 1, sizeof *c->items);
	for (i = 0; i < c->a.n; i++)
		c->items[i] = xstrdup(c->a.items[i]);
	list_filter(&c->l, c->a.n, 32, match, c);
	list_select(&c->l, c->a.sel);
	s->data = c;
}

static void
list_free_screen(struct screen *s)
{
	struct choice	*c = s->data;

	while (c->a.n > 0)
		free(c->items[--c->a.n]);
	free(c->items);
	free((char *)c->a.title);
	if (c->a.arg_free != NULL)
		c->a.arg_free(c->a.arg);
	list_free(&c->l);
	free(c);
}

/* The dialog goes first, so that done may open another; with ticks,
 * Esc is an answer too (-1): what was ticked stays ticked. */
static int
list_key_screen(struct screen *s, int key)
{
	struct choice	*c = s->data;
	struct list_ask	 a = c->a;
	int		 item = list_selected(&c->l), alive;

	if (key == ' ' && a.ticks != NULL) {
		if (item >= 0)
			a.ticks[item] ^= 1;
		app_dirty();
		return (1);
	}
	if (key == TK_ESC || (item >= 0 && (key == TK_ENTER ||
	    (key == TK_DELETE && a.del != NULL)))) {
		c->a.arg_free = NULL;	/* done has it first */
		alive = app_opener_alive(s);
		app_pop();
		if (alive && key == TK_DELETE)
			a.del(item, a.arg);
		else if (alive && (key == TK_ENTER || a.ticks != NULL))
			a.done(key == TK_ENTER ? item : -1, a.arg);
		if (a.arg_free != NULL)
			a.arg_free(a.arg);
		return (1);
	}
	if (list_key(&c->l, key) == LIST_UNUSED)
		return (TK_IS_CODE(key) ? 0 : 1);
	app_dirty();
	return (1);
}

static void
list_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct choice	*c = s->data;
	int		 w = cols - 8, h, x, y, row, item, used;
	enum style	 st;

	if (w > 60)
		w = 60;
	h = c->l.n + 4 < rows - 2 ? c->l.n + 4 : rows - 2;
	if (h < 6)
		h = 6;
	x = (cols - w) / 2;
	y = top + 1;
	draw_box(y, x, h, w);
	draw_text(y, x + 2, c->a.title, w - 4, STYLE_TITLE);
	*cx = lineedit_draw(stdscr, &c->l.text, y + 1, x + 2, w - 4,
	    draw_attr(STYLE_FIELD));
	*cy = y + 1;
	list_show(&c->l, h - 3);
	for (row = c->l.top; row < c->l.n && row < c->l.top + h - 3; row++) {
		item = list_item(&c->l, row);
		st = row == c->l.sel ? STYLE_SELECTED : STYLE_NORMAL;
		draw_fill(y + 2 + row - c->l.top, x + 2, w - 4, st);
		used = c->a.ticks == NULL ? 0 : draw_text(y + 2 + row -
		    c->l.top, x + 2, c->a.ticks[item] ? "[x] " : "[ ] ", w - 4,
		    st);
		draw_text(y + 2 + row - c->l.top, x + 2 + used,
		    c->items[item], w - 4 - used, st);
	}
	if (c->l.n == 0)
		draw_text(y + 2, x + 2, _("Nothing matches."), w - 4,
		    STYLE_DIM);
}

const struct screen_ops dialog_list = {
	.name = "list",
	.title = N_("Choosing from a list"),
	.overlay = 1,
	.init = list_init,
	.free = list_free_screen,
	.key = list_key_screen,
	.draw = list_draw,
	.keys = list_keys,
};
