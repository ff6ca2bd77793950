/* Drawing a form: sections, labels, values, errors, origins. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog-choose.h"
#include "draw.h"
#include "form-ui.h"
#include "form-view.h"
#include "../forms/lineedit-draw.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

/* One screen line of the laid-out form. */
struct line {
	int	kind;		/* 0 title, 1 stop, 2 error, 3 help */
	int	section;
	int	stop;
};

struct layout {
	struct line	*lines;
	int		 n;
	int		 label_w;
};

static void
add(struct layout *l, int kind, int section, int stop)
{
	l->lines = xreallocarray(l->lines, (size_t)l->n + 1,
	    sizeof *l->lines);
	l->lines[l->n].kind = kind;
	l->lines[l->n].section = section;
	l->lines[l->n++].stop = stop;
}

static void
lay_out(struct formscr *fs, struct layout *l, int cols)
{
	struct form		*fm = fs->fm;
	struct form_field	*f;
	int			 i, section = -1, w;

	memset(l, 0, sizeof *l);
	for (i = 0; i < fs->nstops; i++) {
		f = &fm->fields[fs->stops[i].field];
		if (f->section != section) {
			section = f->section;
			add(l, 0, section, -1);
		}
		add(l, 1, section, i);
		if ((w = text_width(form_ui_label(f))) > l->label_w)
			l->label_w = w;
		if (f->error != NULL && fs->stops[i].material <= 0)
			add(l, 2, section, i);
		else if (i == fs->focus && *f->help != '\0')
			add(l, 3, section, i);
	}
	if (l->label_w > cols / 3)
		l->label_w = cols / 3;
}

static const char *
origin_tag(const struct form_field *f)
{
	switch (f->origin) {
	case ORIGIN_RECORD:
		return (_("[record]"));
	case ORIGIN_DERIVED:
		return (_("[from ID]"));
	default:
		return ("");
	}
}

/* The text shown for a value that is not edited in place. */
static char *
shown_value(const struct form_field *f)
{
	struct buf	b;
	size_t		i;
	int		n = 0;

	switch (f->type) {
	case FT_SELECT:
		if (f->choice < 0)
			return (xstrdup(_("(Space to choose)")));
		return (xasprintf("[ %s ]",
		    form_ui_option_label(&f->options[f->choice])));
	case FT_MULTISELECT:
		buf_init(&b);
		buf_add(&b, "", 0);
		for (i = 0; i < f->noptions; i++) {
			if (f->chosen[i])
				buf_printf(&b, "%s%s", n++ ? ", " : "",
				    form_ui_option_label(&f->options[i]));
		}
		return (n > 0 ? buf_steal(&b) : (buf_free(&b),
		    xstrdup(_("(Space to choose)"))));
	case FT_CHECKBOX:
		return (xstrdup(f->checked ? "[x]" : "[ ]"));
	default:
		return (NULL);
	}
}

static void
draw_material(struct formscr *fs, int m, int y, int x, int w, int focus)
{
	struct form_material	*mat = &fs->fm->materials[m];
	char			 line[256];

	snprintf(line, sizeof line, _("%s %s  originals %d, copies %d%s"),
	    mat->received ? "[x]" : mat->deferred ? "[D]" : mat->promised ?
	    "[C]" : "[ ]", mat->name, mat->originals, mat->copies,
	    mat->deferred ? _("  (容缺: brought later)") : mat->promised ?
	    _("  (告知承诺: promised, not brought)") : mat->required ?
	    _("  (required)") : "");
	draw_cell(y, x, line, w, focus ? STYLE_SELECTED : STYLE_NORMAL);
}

/* Draws one stop's line; returns the cursor column when it is focused
 * and edited in place, else -1. */
static int
draw_stop(struct formscr *fs, struct layout *l, int stop, int y, int cols)
{
	struct form_stop	*st = &fs->stops[stop];
	struct form_field	*f = &fs->fm->fields[st->field];
	int			 focus = stop == fs->focus, x, w, cur = -1;
	int			 fw;
	char			*v;

	x = 1 + l->label_w;
	if (st->material <= 0) {
		draw_text_right(y, x, form_ui_label(f), l->label_w,
		    focus ? STYLE_TITLE : STYLE_LABEL);
		draw_text(y, x, f->required ? ":*" : ": ", 2, STYLE_LABEL);
	}
	x += 3;
	w = cols - x - 12;
	if (st->material >= 0) {
		draw_material(fs, st->material, y, x, w + 11, focus);
		return (-1);
	}
	if ((v = shown_value(f)) != NULL) {
		draw_cell(y, x, v, w, focus ? STYLE_SELECTED : STYLE_NORMAL);
		free(v);
	} else {
		fw = f->max_length > 0 && f->max_length + 1 < w ?
		    f->max_length + 1 : w;
		if (f->type == FT_ID_NUMBER || f->type == FT_USCC)
			fw = 19 < w ? 19 : w;
		cur = lineedit_draw(stdscr, &f->edit, y, x, fw,
		    draw_attr(STYLE_FIELD));
	}
	draw_text(y, cols - 11, origin_tag(f), 11, STYLE_DIM);
	return (focus ? cur : -1);
}

static void
keep_focus_visible(struct formscr *fs, struct layout *l, int rows)
{
	int	i, at = 0;

	for (i = 0; i < l->n; i++) {
		if (l->lines[i].kind == 1 && l->lines[i].stop == fs->focus)
			at = i;
	}
	/* show the section title too when the focus is its first field */
	if (at > 0 && l->lines[at - 1].kind == 0)
		at--;
	/* the first rows whenever the focus fits with them: a window grown
	 * back after a resize shows the form from its top again */
	if (at < fs->scroll || at + 3 <= rows)
		fs->scroll = at + 3 <= rows ? 0 : at;
	if (at + 2 >= fs->scroll + rows)
		fs->scroll = at + 3 - rows;
	if (fs->scroll < 0)
		fs->scroll = 0;
}

static void
draw_header(struct formscr *fs, int y, int cols)
{
	const char	*txcode = cJSON_GetStringValue(
			    cJSON_GetObjectItemCaseSensitive(fs->service,
			    "txcode"));
	char		 line[512];

	snprintf(line, sizeof line, "%s %s%s%s", txcode != NULL ? txcode :
	    "", fs->title, *fs->resident_name != '\0' ? " - " : "",
	    fs->resident_name);
	draw_text(y, 1, line, cols - 2, STYLE_TITLE);
}

void
form_view_draw(struct formscr *fs, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct layout	 l;
	struct line	*ln;
	int		 i, y, body, cur;

	*cy = *cx = -1;
	if (fs->note != NULL)
		draw_text(top + --rows, 1, fs->note, cols - 2, STYLE_DIM);
	if (fs->fee.line != NULL)
		draw_text(top + --rows, 1, fs->fee.line, cols - 2,
		    STYLE_LABEL);
	body = rows - 1;
	if (fs->promise.barred != NULL && rows > 10) {
		/* 告知承诺 refused: the reason and the end date in full */
		rows -= 3;
		body -= 3;
		draw_wrap(top + rows, 1, fs->promise.barred, cols - 2, 3,
		    STYLE_ERROR);
	}
	draw_header(fs, top, cols);
	lay_out(fs, &l, cols);
	keep_focus_visible(fs, &l, body);
	for (i = fs->scroll, y = top + 1; i < l.n && y < top + rows;
	    i++, y++) {
		ln = &l.lines[i];
		if (ln->kind == 0)
			draw_text(y, 1, form_ui_section(
			    &fs->fm->sections[ln->section]), cols - 2,
			    STYLE_TITLE);
		else if (ln->kind == 2)
			draw_text(y, 4 + l.label_w, fs->fm->fields[
			    fs->stops[ln->stop].field].error, cols - 5 -
			    l.label_w, STYLE_ERROR);
		else if (ln->kind == 3)
			draw_text(y, 4 + l.label_w, fs->fm->fields[
			    fs->stops[ln->stop].field].help, cols - 5 -
			    l.label_w, STYLE_DIM);
		else if ((cur = draw_stop(fs, &l, ln->stop, y, cols)) >= 0) {
			*cy = y;
			*cx = cur;
		}
	}
	free(l.lines);
}

int
form_view_page(struct formscr *fs, int rows)
{
	(void)fs;
	return (rows > 6 ? rows / 2 : 3);
}
