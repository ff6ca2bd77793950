/* Choosing from a select or multiselect field's options: type to filter
 * by the label, its pinyin initials or the value. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "draw.h"
#include "form-ui.h"
#include "keys.h"
#include "tui.h"
#include "../forms/lineedit-draw.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

struct choose_state {
	struct choose	 c;
	struct lineedit	 filter;
	int		*shown;		/* option indexes passing the filter */
	int		 nshown;
	int		 sel;
	int		 top;
};

static const struct keyhelp choose_keys[] = {
	{ N_("Enter"), N_("Choose"), 1 },
	{ N_("Space"), N_("Tick (several)"), 1 },
	{ N_("Esc"), N_("Cancel"), 1 },
	{ N_("a-z"), N_("Filter by name or pinyin initials"), 0 },
	{ NULL, NULL, 0 }
};

static int
prefix_nocase(const char *s, const char *prefix)
{
	return (strncasecmp(s, prefix, strlen(prefix)) == 0);
}

/* Whether option o passes the filter text f. */
static int
passes(const struct form_option *o, const char *f)
{
	if (*f == '\0')
		return (1);
	return (strstr(o->label, f) != NULL || prefix_nocase(o->pinyin, f) ||
	    prefix_nocase(o->value, f) || (o->label_en != NULL &&
	    strcasestr(o->label_en, f) != NULL));
}

static void
refilter(struct choose_state *cs)
{
	struct form_field	*f = cs->c.field;
	char			*text = lineedit_text(&cs->filter);
	size_t			 i;

	cs->nshown = 0;
	for (i = 0; i < f->noptions; i++) {
		if (passes(&f->options[i], text))
			cs->shown[cs->nshown++] = (int)i;
	}
	if (cs->sel >= cs->nshown)
		cs->sel = cs->nshown > 0 ? cs->nshown - 1 : 0;
	free(text);
}

static void
choose_init(struct screen *s, void *arg)
{
	struct choose_state	*cs = xcalloc(1, sizeof *cs);
	int			 i;

	cs->c = *(struct choose *)arg;
	cs->shown = xcalloc(cs->c.field->noptions + 1, sizeof *cs->shown);
	lineedit_init(&cs->filter, 32);
	refilter(cs);
	for (i = 0; i < cs->nshown; i++) {
		if (cs->shown[i] == cs->c.field->choice)
			cs->sel = i;
	}
	s->data = cs;
}

static void
choose_free(struct screen *s)
{
	struct choose_state	*cs = s->data;

	lineedit_free(&cs->filter);
	free(cs->shown);
	free(cs);
}

static void
finish(struct choose_state *cs)
{
	struct choose	c = cs->c;

	app_pop();	/* frees cs */
	if (c.done != NULL)
		c.done(c.arg);
}

static int
choose_key(struct screen *s, int key)
{
	struct choose_state	*cs = s->data;
	struct form_field	*f = cs->c.field;
	int			 multi = f->type == FT_MULTISELECT;

	switch (key) {
	case TK_UP:
		if (cs->sel > 0)
			cs->sel--;
		break;
	case TK_DOWN:
		if (cs->sel + 1 < cs->nshown)
			cs->sel++;
		break;
	case ' ':
		if (multi && cs->nshown > 0)
			f->chosen[cs->shown[cs->sel]] ^= 1;
		else if (!keys_edit(&cs->filter, key))
			return (1);
		refilter(cs);
		break;
	case TK_ENTER:
		if (!multi && cs->nshown > 0)
			f->choice = cs->shown[cs->sel];
		if (multi || cs->nshown > 0) {
			f->origin = ORIGIN_TYPED;
			finish(cs);
		}
		return (1);
	case TK_ESC:
		finish(cs);
		return (1);
	default:
		if (!keys_edit(&cs->filter, key))
			return (TK_IS_CODE(key) ? 0 : 1);
		refilter(cs);
	}
	app_dirty();
	return (1);
}

static void
draw_option(struct choose_state *cs, int i, int y, int x, int w)
{
	struct form_field	*f = cs->c.field;
	struct form_option	*o = &f->options[cs->shown[i]];
	enum style		 st = i == cs->sel ? STYLE_SELECTED :
				    STYLE_NORMAL;
	int			 used = 0;

	draw_fill(y, x, w, st);
	if (f->type == FT_MULTISELECT)
		used = draw_text(y, x, f->chosen[cs->shown[i]] ? "[x] " :
		    "[ ] ", w, st);
	draw_text(y, x + used, form_ui_option_label(o), w - used, st);
}

static void
choose_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct choose_state	*cs = s->data;
	int			 w = cols - 8, h = rows - 2, x, y, i, list;

	if (w > 50)
		w = 50;
	if (h > cs->nshown + 5)
		h = cs->nshown + 5;
	if (h < 6)
		h = 6;
	x = (cols - w) / 2;
	y = top + 1;
	draw_box(y, x, h, w);
	draw_text(y, x + 2, cs->c.title, w - 4, STYLE_TITLE);
	*cx = lineedit_draw(stdscr, &cs->filter, y + 1, x + 2, w - 4,
	    draw_attr(STYLE_FIELD));
	*cy = y + 1;
	list = h - 3;
	if (cs->sel < cs->top)
		cs->top = cs->sel;
	if (cs->sel >= cs->top + list)
		cs->top = cs->sel - list + 1;
	for (i = cs->top; i < cs->nshown && i < cs->top + list; i++)
		draw_option(cs, i, y + 2 + i - cs->top, x + 2, w - 4);
	if (cs->nshown == 0)
		draw_text(y + 2, x + 2, _("Nothing matches."), w - 4,
		    STYLE_DIM);
}

const struct screen_ops dialog_choose = {
	.name = "choose",
	.editing = 1,
	.overlay = 1,
	.init = choose_init,
	.free = choose_free,
	.key = choose_key,
	.draw = choose_draw,
	.keys = choose_keys,
};
