/* The key bar: the top screen's main keys, then the global ones. */
#include "bars.h"
#include "draw.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../locale/text.h"

static const struct keyhelp global_keys[] = {
	{ N_("F1"), N_("Help"), 1 },
	{ N_("F10"), N_("Quit"), 1 },
	{ NULL, NULL, 0 }
};

/* Draws one "KEY label" pair; returns the next x, or -1 when full. */
static int
pair(int y, int x, int cols, const struct keyhelp *k)
{
	const char	*key = _(k->key), *label = _(k->label);
	int		 need;

	need = text_width(key) + 1 + text_width(label) + 2;
	if (x + need > cols)
		return (-1);
	x += draw_text(y, x, key, cols - x, STYLE_KEY);
	x += 1;
	x += draw_text(y, x, label, cols - x, STYLE_BAR);
	return (x + 2);
}

void
keybar_draw(int y, int cols)
{
	const struct keyhelp	*k;
	int			 x = 1;

	draw_fill(y, 0, cols, STYLE_BAR);
	if (app.top != NULL && app.top->ops->keys != NULL) {
		for (k = app.top->ops->keys; k->key != NULL && x >= 0; k++) {
			if (k->bar)
				x = pair(y, x, cols, k);
		}
	}
	for (k = global_keys; k->key != NULL && x >= 0; k++)
		x = pair(y, x, cols, k);
}
