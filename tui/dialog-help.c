/* F1: the keys of the screen below, from the registry, scrolled when
 * they do not fit. */
#include <stdlib.h>

#include "draw.h"
#include "keymap.h"
#include "keys.h"
#include "list.h"
#include "registry.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

struct help {
	struct help_line	*lines;
	size_t			 n;
	struct list		 l;
	int			 kw;		/* the key column's width */
};

static const struct keyhelp help_keys[] = {
	{ N_("Esc"), N_("Close the help"), 1 },
	{ N_("Up/Down"), N_("Scroll"), 1 },
	{ NULL, NULL, 0 }
};

/* arg: the screen whose keys are shown. */
static void
help_init(struct screen *s, void *arg)
{
	struct help	*h = xcalloc(1, sizeof *h);
	size_t		 i;

	h->lines = registry_help(((struct screen *)arg)->ops, &h->n);
	for (i = 0; i < h->n; i++) {
		if (!h->lines[i].title && text_width(h->lines[i].key) > h->kw)
			h->kw = text_width(h->lines[i].key);
	}
	h->l.view = 1;
	list_count(&h->l, (int)h->n);
	s->data = h;
}

static void
help_free(struct screen *s)
{
	struct help	*h = s->data;

	registry_help_free(h->lines, h->n);
	free(h);
}

static int
help_key(struct screen *s, int key)
{
	struct help	*h = s->data;

	if (list_key(&h->l, key) != LIST_UNUSED)
		app_dirty();
	else if (key == TK_ESC || key == TK_ENTER || key == 'q' ||
	    key == ' ' || keymap_action(key) == ACT_HELP)
		app_pop();
	return (1);
}

static void
help_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct help		*h = s->data;
	struct help_line	*ln;
	int			 w = cols - 8, x = 4, y = top + 1, kw, row;

	if (w > 72) {
		w = 72;
		x = (cols - w) / 2;
	}
	draw_box(y, x, rows - 2, w);
	draw_text(y, x + 2, _(" Keys "), w - 4, STYLE_TITLE);
	kw = h->kw < (w - 4) / 2 ? h->kw : (w - 4) / 2;
	list_show(&h->l, rows - 4);
	for (row = h->l.top; row < h->l.n && row < h->l.top + rows - 4;
	    row++) {
		ln = &h->lines[row];
		y++;
		if (ln->title) {
			draw_text(y, x + 2, ln->key, w - 4, STYLE_TITLE);
			continue;
		}
		draw_text(y, x + 2, ln->key, kw, STYLE_KEY);
		draw_text(y, x + 3 + kw, ln->label, w - kw - 5, STYLE_NORMAL);
	}
	*cy = *cx = -1;
}

const struct screen_ops dialog_help = {
	.name = "help",
	.title = N_("The help (F1)"),
	.overlay = 1,
	.init = help_init,
	.free = help_free,
	.key = help_key,
	.draw = help_draw,
	.keys = help_keys,
};
