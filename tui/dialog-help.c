/* F1: the keys of the screen below, and the global ones. */
#include <stdlib.h>

#include "draw.h"
#include "keymap.h"
#include "keys.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

/* The global keys as keymap.c binds them now, then the Esc chords;
 * made when the help opens, so a rebound key shows as it is. */
struct help {
	struct screen	*below;
	char		 keys[ACT_COUNT][64];
	struct keyhelp	 global[ACT_COUNT + 2];
};

static void
help_init(struct screen *s, void *arg)
{
	struct help	*h = xcalloc(1, sizeof *h);
	int		 i, n = 0;

	h->below = arg;		/* the screen whose keys are shown */
	for (i = 0; i < ACT_COUNT; i++) {
		keymap_keys_text((enum action)i, 0, h->keys[i],
		    sizeof h->keys[i]);
		if (h->keys[i][0] == '\0')
			continue;
		h->global[n].key = h->keys[i];
		h->global[n++].label = keymap_label((enum action)i);
	}
	h->global[n].key = N_("Esc 1 .. Esc 0");
	h->global[n].label = N_("F1 .. F10 on terminals without F-keys");
	s->data = h;
}

static void
help_free(struct screen *s)
{
	free(s->data);
}

static int
help_key(struct screen *s, int key)
{
	(void)s;
	if (key == TK_ESC || key == TK_ENTER || key == 'q' || key == ' ' ||
	    keymap_action(key) == ACT_HELP)
		app_pop();
	return (1);
}

static int
help_rows(const struct keyhelp *k, int y, int x, int kw, int w, int last)
{
	for (; k != NULL && k->key != NULL && y < last; k++, y++) {
		draw_text(y, x, _(k->key), kw, STYLE_KEY);
		draw_text(y, x + kw + 1, _(k->label), w - kw - 1,
		    STYLE_NORMAL);
	}
	return (y);
}

/* The key column is as wide as the widest translated key name. */
static int
key_width(const struct keyhelp *k, int w)
{
	for (; k != NULL && k->key != NULL; k++) {
		if (text_width(_(k->key)) > w)
			w = text_width(_(k->key));
	}
	return (w);
}

static void
help_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct help	*hp = s->data;
	struct screen	*below = hp->below;
	int		 w = cols - 8, x = 4, y = top + 1, h = rows - 2, kw;

	if (w > 64) {
		w = 64;
		x = (cols - w) / 2;
	}
	draw_box(y, x, h, w);
	draw_text(y, x + 2, _(" Keys "), w - 4, STYLE_TITLE);
	kw = key_width(hp->global, key_width(below->ops->keys, 0));
	if (kw > (w - 4) / 2)
		kw = (w - 4) / 2;
	y = help_rows(below->ops->keys, y + 1, x + 2, kw, w - 4, y + h - 1);
	help_rows(hp->global, y, x + 2, kw, w - 4, top + rows - 2);
	*cy = *cx = -1;
}

const struct screen_ops dialog_help = {
	.name = "help",
	.overlay = 1,
	.init = help_init,
	.free = help_free,
	.key = help_key,
	.draw = help_draw,
	.keys = NULL,
};
