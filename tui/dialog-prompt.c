/* A one-line text prompt in a box. */
#include <stdlib.h>

#include "dialog-prompt.h"
#include "draw.h"
#include "keys.h"
#include "tui.h"
#include "../forms/lineedit-draw.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

struct prompt_state {
	struct prompt	p;
	struct lineedit	le;
};

static const struct keyhelp prompt_keys[] = {
	{ N_("Enter"), N_("OK"), 1 },
	{ N_("Esc"), N_("Cancel"), 1 },
	{ NULL, NULL, 0 }
};

void
prompt_ask(const struct prompt *p)
{
	app_push(&dialog_prompt, (void *)p);
}

static void
prompt_init(struct screen *s, void *arg)
{
	struct prompt_state	*ps = xcalloc(1, sizeof *ps);

	ps->p = *(struct prompt *)arg;
	lineedit_init(&ps->le, ps->p.max_chars);
	ps->le.filter = ps->p.filter;
	if (ps->p.initial != NULL)
		lineedit_set(&ps->le, ps->p.initial);
	s->data = ps;
}

static void
prompt_free(struct screen *s)
{
	struct prompt_state	*ps = s->data;

	lineedit_free(&ps->le);
	free(ps);
}

static int
prompt_key(struct screen *s, int key)
{
	struct prompt_state	*ps = s->data;
	struct prompt		 p = ps->p;
	char			*text;
	int			 alive;

	switch (key) {
	case TK_ENTER:
		if (ps->le.len < p.min_chars) {
			/* Enter on too little asks again: nothing is lost */
			if (p.too_short != NULL)
				app_message(MSG_ERROR, "%s", p.too_short);
			else
				app_message(MSG_ERROR, _("Type at least %zu "
				    "characters, or Esc."), p.min_chars);
			return (1);
		}
		text = lineedit_text(&ps->le);
		alive = app_opener_alive(s);
		app_pop();	/* frees ps */
		if (alive)
			p.done(text, p.arg);
		free(text);
		return (1);
	case TK_ESC:
		app_pop();
		return (1);
	}
	if (keys_edit(&ps->le, key))
		app_dirty();
	return (!TK_IS_CODE(key) || key == TK_LEFT || key == TK_RIGHT ||
	    key == TK_HOME || key == TK_END || key == TK_BACKSPACE ||
	    key == TK_DELETE);
}

static void
prompt_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct prompt_state	*ps = s->data;
	int			 w = cols - 8, x, y;

	if (w > 60)
		w = 60;
	x = (cols - w) / 2;
	y = top + (rows - 5) / 2;
	draw_box(y, x, 5, w);
	draw_text(y + 1, x + 2, ps->p.title, w - 4, STYLE_TITLE);
	*cx = lineedit_draw(stdscr, &ps->le, y + 3, x + 2, w - 4,
	    draw_attr(STYLE_FIELD));
	*cy = y + 3;
}

const struct screen_ops dialog_prompt = {
	.name = "prompt",
	.title = N_("Typing a line"),
	.overlay = 1,
	.init = prompt_init,
	.free = prompt_free,
	.key = prompt_key,
	.draw = prompt_draw,
	.keys = prompt_keys,
};
