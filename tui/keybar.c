/* The key bar: the top screen's main keys, then the global ones. */
#include "draw.h"
#include "keybar.h"
#include "keymap.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../locale/text.h"

/* The global actions shown after the screen's keys, with their first
 * key as keymap.c binds it now. */
static const struct {
	enum action	 action;
	const char	*label;
} global_keys[] = {
	{ ACT_HELP, N_("Help") },
	{ ACT_QUIT, N_("Quit") },
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
	struct keyhelp		 g;
	char			 name[32];
	size_t			 i;
	int			 x = 1;

	draw_fill(y, 0, cols, STYLE_BAR);
	k = NULL;
	if (app.top != NULL && app.top->ops->bar != NULL)
		k = app.top->ops->bar(app.top);
	if (k == NULL && app.top != NULL)
		k = app.top->ops->keys;
	for (; k != NULL && k->key != NULL && x >= 0; k++) {
		if (k->bar)
			x = pair(y, x, cols, k);
	}
	for (i = 0; i < sizeof global_keys / sizeof *global_keys && x >= 0;
	    i++) {
		keymap_keys_text(global_keys[i].action, 1, name, sizeof name);
		if (name[0] == '\0')
			continue;
		g.key = name;
		g.label = global_keys[i].label;
		x = pair(y, x, cols, &g);
	}
}
