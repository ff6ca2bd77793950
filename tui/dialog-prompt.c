/* A one-line text prompt in a box; or an ID number's, checked and filled
 * by a scanned card. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dialog-prompt.h"
#include "draw.h"
#include "keys.h"
#include "tui.h"
#include "../forms/idnum.h"
#include "../forms/lineedit-draw.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

struct prompt_state {
	struct prompt	p;
	struct lineedit	le;
	char		*title;		/* copies: an asker may build them */
	char		*too_short;	/* in a buffer of its own */
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

static int
id_char(uint32_t cp)
{
	return ((cp >= '0' && cp <= '9') || cp == 'x' || cp == 'X');
}

/* What is wrong with an ID number (GB 11643), upper-cased in place; NULL
 * when it may be sent. */
static const char *
id_wrong(char *id)
{
	struct idnum_info	info;
	enum idnum_error	e;
	char			*p;

	for (p = id; *p != '\0'; p++)
		*p = (char)toupper((unsigned char)*p);
	if ((e = idnum_check(id, time(NULL), &info)) != IDNUM_OK)
		return (_(idnum_strerror(e)));
	return (info.legacy ? _("An 18-character ID number is needed.") :
	    NULL);
}

static void
prompt_init(struct screen *s, void *arg)
{
	struct prompt_state	*ps = xcalloc(1, sizeof *ps);

	ps->p = *(struct prompt *)arg;
	ps->p.title = ps->title = xstrdup(ps->p.title != NULL ? ps->p.title :
	    "");
	if (ps->p.too_short != NULL)
		ps->p.too_short = ps->too_short = xstrdup(ps->p.too_short);
	if (ps->p.id_number) {
		ps->p.max_chars = 18;
		ps->p.filter = id_char;
	}
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
	free(ps->title);
	free(ps->too_short);
	free(ps);
}

static int
prompt_key(struct screen *s, int key)
{
	struct prompt_state	*ps = s->data;
	struct prompt		 p = ps->p;
	const char		*wrong;
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
		if (p.id_number && (wrong = id_wrong(text)) != NULL) {
			app_message(MSG_ERROR, "%s", wrong);
			free(text);
			return (1);
		}
		alive = app_opener_alive(s);
		app_pop();	/* frees ps */
		if (alive)
			p.done(text, p.arg);
		explicit_bzero(text, strlen(text));
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

/* A card scanned into an ID number's prompt: its number, as if typed and
 * Enter pressed. */
static int
prompt_scan(struct screen *s, const char *id)
{
	struct prompt_state	*ps = s->data;

	if (!ps->p.id_number)
		return (0);
	lineedit_set(&ps->le, id);
	prompt_key(s, TK_ENTER);
	return (1);
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

static struct lineedit *
prompt_typing(struct screen *s)
{
	struct prompt_state	*ps = s->data;

	return (&ps->le);
}

const struct screen_ops dialog_prompt = {
	.name = "prompt",
	.title = N_("Typing a line"),
	.overlay = 1,
	.init = prompt_init,
	.free = prompt_free,
	.key = prompt_key,
	.draw = prompt_draw,
	.scan = prompt_scan,
	.typing = prompt_typing,
	.keys = prompt_keys,
};
