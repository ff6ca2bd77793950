/* What the form screen and its dialogs share. */
#ifndef TUI_FORM_UI_H
#define TUI_FORM_UI_H

#include <cjson/cJSON.h>

#include "../forms/form.h"

/* dialog_choose's argument: it edits field's choice in place. */
struct choose {
	const char		*title;
	struct form_field	*field;
	void			(*done)(void *arg);
	void			*arg;
};

/* screen_form's argument. The screen takes service and prefill. */
struct form_open {
	cJSON		*service;	/* the Service of docs/api.md */
	long long	 resident_id;	/* 0: no resident */
	const char	*resident_name;
	cJSON		*prefill;	/* {prefill key: text}, may be NULL */
	cJSON		*draft;		/* saved values to restore, or NULL */
};

extern const struct screen_ops dialog_choose;
extern const struct screen_ops screen_form;

/* Labels in the language in use. */
const char	*form_ui_label(const struct form_field *);
const char	*form_ui_option_label(const struct form_option *);
const char	*form_ui_section(const struct form_section *);
/* Opens the service's form for the current resident, if any. */
void		 form_ui_open(struct form_open *);

#endif
