/* A form's words in the clerk's language, its opening, and choosing from
 * a select or multiselect field's options through the list dialog:
 * typing filters by the label, its pinyin initials, the value or the
 * English label. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dialog-choose.h"
#include "form-ui.h"
#include "labels.h"
#include "tui.h"
#include "../util/xmalloc.h"

const char *
form_ui_label(const struct form_field *f)
{
	return (label_english() && *f->label_en != '\0' ? f->label_en : f->label);
}

const char *
form_ui_option_label(const struct form_option *o)
{
	return (label_english() && *o->label_en != '\0' ? o->label_en : o->label);
}

const char *
form_ui_section(const struct form_section *s)
{
	return (label_english() && *s->title_en != '\0' ? s->title_en : s->title);
}

void
form_ui_open(struct form_open *o)
{
	app_push(o->ops != NULL ? o->ops : &screen_form, o);
}

struct choosing {
	struct form_field	*f;
	void			(*done)(void *);
	void			*arg;
};

static int
prefix_nocase(const char *s, const char *prefix)
{
	return (strncasecmp(s, prefix, strlen(prefix)) == 0);
}

static int
passes(const char *text, int item, void *arg)
{
	const struct form_option	*o = &((struct choosing *)arg)->f->
					    options[item];

	return (strstr(o->label, text) != NULL ||
	    prefix_nocase(o->pinyin, text) || prefix_nocase(o->value, text) ||
	    (o->label_en != NULL && strcasestr(o->label_en, text) != NULL));
}

/* Enter (or, for several, Esc too) is the clerk's answer. */
static void
chosen(int item, void *arg)
{
	struct choosing	*c = arg;

	if (item >= 0) {	/* Enter; Esc keeps only what was ticked */
		if (c->f->type != FT_MULTISELECT)
			c->f->choice = item;
		c->f->origin = ORIGIN_TYPED;
	}
	if (c->done != NULL)
		c->done(c->arg);
}

void
form_ui_choose(struct form_field *f, const char *title, int first_key,
    void (*done)(void *), void *arg)
{
	struct choosing	*c = xmalloc(sizeof *c);
	const char	**labels = xcalloc(f->noptions + 1, sizeof *labels);
	size_t		 i;

	*c = (struct choosing){ f, done, arg };
	for (i = 0; i < f->noptions; i++)
		labels[i] = form_ui_option_label(&f->options[i]);
	list_ask_with(&(struct list_ask){ .title = title, .items = labels,
	    .n = (int)f->noptions, .sel = f->choice, .match = passes,
	    .ticks = f->type == FT_MULTISELECT ? f->chosen : NULL,
	    .done = chosen, .arg = c, .arg_free = free });
	free(labels);
	if (first_key != 0 && app.top->ops->key != NULL)
		app.top->ops->key(app.top, first_key);
}
