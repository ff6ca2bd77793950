/* Who takes the result away (出件): a name and an ID number, the number
 * checked (GB 11643) before anything is sent. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cases.h"
#include "draw.h"
#include "keys.h"
#include "tui.h"
#include "../forms/idnum.h"
#include "../forms/lineedit-draw.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

struct collector {
	struct collector_ask	 ask;
	struct lineedit		 name;
	struct lineedit		 id;
	int			 focus;		/* 0 name, 1 ID number */
	const char		*error;		/* translated, or NULL */
};

static const struct keyhelp collector_keys[] = {
	{ N_("Enter"), N_("Next / hand over"), 1 },
	{ N_("Tab"), N_("Other field"), 1 },
	{ N_("Esc"), N_("Cancel"), 1 },
	{ NULL, NULL, 0 }
};

static int
id_char(uint32_t cp)
{
	return ((cp >= '0' && cp <= '9') || cp == 'x' || cp == 'X');
}

static void
collector_init(struct screen *s, void *arg)
{
	struct collector	*c = xcalloc(1, sizeof *c);

	c->ask = *(struct collector_ask *)arg;
	lineedit_init(&c->name, 30);
	lineedit_init(&c->id, 18);
	c->id.filter = id_char;
	s->data = c;
}

static void
collector_free(struct screen *s)
{
	struct collector	*c = s->data;

	lineedit_free(&c->name);
	lineedit_free(&c->id);
	free(c);
}

/* Both fields checked; the first wrong one takes the focus. */
static int
check(struct collector *c, char **name, char **id)
{
	struct idnum_info	info;
	enum idnum_error	e;
	size_t			i;

	*name = lineedit_text(&c->name);
	*id = lineedit_text(&c->id);
	for (i = 0; (*id)[i] != '\0'; i++)
		(*id)[i] = (char)toupper((unsigned char)(*id)[i]);
	c->error = NULL;
	if (**name == '\0') {
		c->error = _("Type the name of the person collecting.");
		c->focus = 0;
	} else if ((e = idnum_check(*id, time(NULL), &info)) != IDNUM_OK) {
		c->error = _(idnum_strerror(e));
		c->focus = 1;
	} else if (info.legacy) {
		c->error = _("An 18-character ID number is needed.");
		c->focus = 1;
	}
	return (c->error == NULL ? 0 : -1);
}

static void
finish(struct screen *s, struct collector *c)
{
	struct collector_ask	 ask = c->ask;
	char			*name, *id;
	int			 alive = app_opener_alive(s);

	if (check(c, &name, &id) == 0) {
		app_pop();	/* frees c */
		if (alive)
			ask.done(name, id, ask.arg);
	}
	explicit_bzero(id, strlen(id));
	free(name);
	free(id);
}

static int
collector_key(struct screen *s, int key)
{
	struct collector	*c = s->data;

	switch (key) {
	case TK_ESC:
		app_pop();
		return (1);
	case TK_TAB:
	case TK_BTAB:
	case TK_UP:
	case TK_DOWN:
		c->focus = !c->focus;
		break;
	case TK_ENTER:
		if (c->focus == 0)
			c->focus = 1;
		else {
			finish(s, c);	/* pops the dialog, or says what is
					   wrong */
			app_dirty();
			return (1);
		}
		break;
	default:
		if (!keys_edit(c->focus == 0 ? &c->name : &c->id, key))
			return (!TK_IS_CODE(key));
		c->error = NULL;
	}
	app_dirty();
	return (1);
}

/* A card scanned here is the collector's: its number, checked as if
 * typed and Enter pressed. */
static int
collector_scan(struct screen *s, const char *id)
{
	struct collector	*c = s->data;

	lineedit_set(&c->id, id);
	c->focus = 1;
	finish(s, c);
	return (1);
}

static void
collector_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct collector	*c = s->data;
	const char		*l1 = _("Name"), *l2 = _("ID number");
	int			 w = cols - 8, x, y, lw, cur;

	if (w > 60)
		w = 60;
	lw = text_width(l1) > text_width(l2) ? text_width(l1) :
	    text_width(l2);
	x = (cols - w) / 2;
	y = top + (rows - 8) / 2;
	draw_box(y, x, 8, w);
	draw_text(y + 1, x + 2, _("Hand over the result: who collects it?"),
	    w - 4, STYLE_TITLE);
	draw_text(y + 3, x + 2, l1, lw, c->focus == 0 ? STYLE_TITLE :
	    STYLE_LABEL);
	cur = lineedit_draw(stdscr, &c->name, y + 3, x + 4 + lw, w - lw - 6,
	    draw_attr(STYLE_FIELD));
	if (c->focus == 0)
		*cy = y + 3, *cx = cur;
	draw_text(y + 4, x + 2, l2, lw, c->focus == 1 ? STYLE_TITLE :
	    STYLE_LABEL);
	cur = lineedit_draw(stdscr, &c->id, y + 4, x + 4 + lw, 19,
	    draw_attr(STYLE_FIELD));
	if (c->focus == 1)
		*cy = y + 4, *cx = cur;
	if (c->error != NULL)
		draw_text(y + 6, x + 2, c->error, w - 4, STYLE_ERROR);
}

const struct screen_ops dialog_collector = {
	.name = "collector",
	.title = N_("Who collects the result"),
	.overlay = 1,
	.init = collector_init,
	.free = collector_free,
	.key = collector_key,
	.draw = collector_draw,
	.scan = collector_scan,
	.keys = collector_keys,
};
