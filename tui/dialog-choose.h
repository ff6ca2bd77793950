/* Choosing a form field's value from its options, and the labels a
 * form shows (dialog-choose.c). */
#ifndef TUI_DIALOG_CHOOSE_H
#define TUI_DIALOG_CHOOSE_H

#include "form-ui.h"

/* Choosing from f's options over the screen (title: translated),
 * first_key (0: none) typed into the filter: the field's choice (or
 * ticks) change in place, then done(arg). */
void		 form_ui_choose(struct form_field *f, const char *title,
		    int first_key, void (*done)(void *), void *arg);
/* Labels in the language in use. */
const char	*form_ui_label(const struct form_field *);
const char	*form_ui_option_label(const struct form_option *);
const char	*form_ui_section(const struct form_section *);
/* Opens the service's form for the current resident, if any. */
void		 form_ui_open(struct form_open *);

#endif
