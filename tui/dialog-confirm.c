/* A yes/no question over the current screen. */
#include "draw.h"
#include "keys.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../locale/text.h"

static const struct keyhelp confirm_keys[] = {
	{ N_("Y"), N_("Yes"), 1 },
	{ N_("N"), N_("No"), 1 },
	{ NULL, NULL, 0 }
};

static void
confirm_init(struct screen *s, void *arg)
{
	s->data = arg;
}

static int
confirm_key(struct screen *s, int key)
{
	struct confirm	*c = s->data;
	void		(*yes)(void) = c->yes;

	switch (key) {
	case 'y':
	case 'Y':
	case TK_ENTER:
	case TK_F(10):
		app_pop();
		yes();
		break;
	case 'n':
	case 'N':
	case TK_ESC:
		app_pop();
		break;
	}
	return (1);
}

static void
confirm_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct confirm	*c = s->data;
	const char	*hint = _("Y = yes, N = no");
	int		 w, h = 5, x, y;

	w = text_width(c->question);
	if (text_width(hint) > w)
		w = text_width(hint);
	w += 4;
	if (w > cols - 2)
		w = cols - 2;
	x = (cols - w) / 2;
	y = top + (rows - h) / 2;
	draw_box(y, x, h, w);
	draw_text(y + 1, x + 2, c->question, w - 4, STYLE_TITLE);
	draw_text(y + 3, x + 2, hint, w - 4, STYLE_NORMAL);
	*cy = *cx = -1;
}

const struct screen_ops dialog_confirm = {
	.name = "confirm",
	.overlay = 1,
	.init = confirm_init,
	.key = confirm_key,
	.draw = confirm_draw,
	.keys = confirm_keys,
};
