/* Language choice for schema labels, which carry both. */
#include <string.h>

#include "form-ui.h"
#include "labels.h"
#include "tui.h"
#include "../locale/i18n.h"

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
