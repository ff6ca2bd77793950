/* A yes/no question over the current screen, answered to the screen
 * that asked it, and only while that screen is there. */
#include <stdlib.h>

#include "draw.h"
#include "keys.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

struct confirm {
	char	*question;
	void	(*yes)(void *);
	void	*arg;
	void	(*arg_free)(void *);	/* when the dialog goes */
};

static const struct keyhelp confirm_keys[] = {
	{ N_("Y"), N_("Yes"), 1 },
	{ N_("N"), N_("No"), 1 },
	{ NULL, NULL, 0 }
};

void
confirm_ask_free(const char *question, void (*yes)(void *), void *arg,
    void (*arg_free)(void *))
{
	struct confirm	c = { xstrdup(question), yes, arg, arg_free };

	app_push(&dialog_confirm, &c);
}

void
confirm_ask(const char *question, void (*yes)(void *), void *arg)
{
	confirm_ask_free(question, yes, arg, NULL);
}

static void
confirm_init(struct screen *s, void *arg)
{
	struct confirm	*c = xmalloc(sizeof *c);

	*c = *(struct confirm *)arg;
	s->data = c;
}

static void
confirm_free(struct screen *s)
{
	struct confirm	*c = s->data;

	if (c->arg_free != NULL)
		c->arg_free(c->arg);
	free(c->question);
	free(c);
}

/* The dialog goes first, so that yes may open another. */
static int
confirm_key(struct screen *s, int key)
{
	struct confirm	*c = s->data;
	void		(*yes)(void *) = c->yes;
	void		*arg = c->arg;
	void		(*free_arg)(void *) = c->arg_free;
	int		 alive = app_opener_alive(s);

	switch (key) {
	case 'y':
	case 'Y':
	case TK_ENTER:
	case TK_F(10):
		c->arg_free = NULL;	/* yes has it first */
		app_pop();
		if (alive)
			yes(arg);
		if (free_arg != NULL)
			free_arg(arg);
		break;
	case 'n':
	case 'N':
	case TK_ESC:
		app_pop();
		break;
	}
	return (1);
}

/* The question over as many lines as it needs (three at most), never
 * cut inside a character. */
static void
confirm_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct confirm	*c = s->data;
	const char	*hint = _("Y = yes, N = no"), *q = c->question;
	int		 w, h, x, y, lines;

	w = text_width(q) + 4;
	if (w < text_width(hint) + 4)
		w = text_width(hint) + 4;
	if (w > cols - 2)
		w = cols - 2;
	lines = (text_width(q) + w - 5) / (w - 4);
	lines = lines < 1 ? 1 : lines > 3 ? 3 : lines;
	h = 4 + lines;
	x = (cols - w) / 2;
	y = top + (rows - h) / 2;
	draw_box(y, x, h, w);
	y += draw_wrap(y + 1, x + 2, q, w - 4, lines, STYLE_TITLE);
	draw_text(y + 2, x + 2, hint, w - 4, STYLE_NORMAL);
	*cy = *cx = -1;
}

const struct screen_ops dialog_confirm = {
	.name = "confirm",
	.title = N_("A question"),
	.overlay = 1,
	.init = confirm_init,
	.free = confirm_free,
	.key = confirm_key,
	.draw = confirm_draw,
	.keys = confirm_keys,
};
