/* F1: the keys of the screen below, and the global ones. */
#include "draw.h"
#include "keys.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../locale/text.h"

static const struct keyhelp global_help[] = {
	{ N_("F1"), N_("This help"), 0 },
	{ N_("F2"), N_("Resident lookup"), 0 },
	{ N_("F3"), N_("A service by its transaction code"), 0 },
	{ N_("F8"), N_("The outbox"), 0 },
	{ N_("F10 / Ctrl-Q"), N_("Quit"), 0 },
	{ N_("Esc 1 .. Esc 0"), N_("F1 .. F10 on terminals without F-keys"),
	    0 },
	{ NULL, NULL, 0 }
};

static void
help_init(struct screen *s, void *arg)
{
	s->data = arg;	/* the screen whose keys are shown */
}

static int
help_key(struct screen *s, int key)
{
	(void)s;
	if (key == TK_ESC || key == TK_ENTER || key == TK_F(1) ||
	    key == 'q' || key == ' ')
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
	struct screen	*below = s->data;
	int		 w = cols - 8, x = 4, y = top + 1, h = rows - 2, kw;

	if (w > 64) {
		w = 64;
		x = (cols - w) / 2;
	}
	draw_box(y, x, h, w);
	draw_text(y, x + 2, _(" Keys "), w - 4, STYLE_TITLE);
	kw = key_width(global_help, key_width(below->ops->keys, 0));
	if (kw > (w - 4) / 2)
		kw = (w - 4) / 2;
	y = help_rows(below->ops->keys, y + 1, x + 2, kw, w - 4, y + h - 1);
	help_rows(global_help, y, x + 2, kw, w - 4, top + rows - 2);
	*cy = *cx = -1;
}

const struct screen_ops dialog_help = {
	.name = "help",
	.overlay = 1,
	.init = help_init,
	.key = help_key,
	.draw = help_draw,
	.keys = NULL,
};
