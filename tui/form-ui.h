/* What the form screen and its dialogs share. */
#ifndef TUI_FORM_UI_H
#define TUI_FORM_UI_H

#include <cjson/cJSON.h>

#include "../forms/form.h"

struct formscr;
struct api_result;
struct resident;


/* screen_form's argument. The screen takes service and prefill. */
struct form_open {
	cJSON		*service;	/* the Service of docs/api.md */
	long long	 resident_id;	/* 0: no resident */
	const char	*resident_name;
	cJSON		*prefill;	/* {prefill key: text}, may be NULL */
	cJSON		*draft;		/* saved values to restore, or NULL */
	/* A form that is not a service's application (a resident's record,
	 * say) brings its own submit, called once the form checks out; it
	 * keeps no draft. NULL: an application, through the outbox. */
	void		(*submit)(struct formscr *, void *);
	void		*submit_arg;
	void		(*submit_free)(void *);	/* when the form goes */
	const struct screen_ops *ops;	/* NULL: screen_form */
	const char	*note;		/* a line under the form, or NULL */
};

extern const struct screen_ops screen_form;
extern const struct screen_ops screen_cert_form;
extern const struct screen_ops screen_report_form;

/* Choosing from f's options over the screen (title: translated),
 * first_key (0: none) typed into the filter: the field's choice (or
 * ticks) change in place, then done(arg). */
void		 form_ui_choose(struct form_field *f, const char *title,
		    int first_key, void (*done)(void *), void *arg);
/* Labels in the language in use. */
const char	*form_ui_label(const struct form_field *);
const char	*form_ui_option_label(const struct form_option *);
const char	*form_ui_section(const struct form_section *);
/* For a form's own submit: it went (the form closes, nothing is kept),
 * or the server's field errors go onto its fields. */
void		 form_ui_done(struct formscr *);
void		 form_ui_errors(struct formscr *, const struct api_result *);
/* While its own submit waits, the form takes no keys but Esc, which
 * stops waiting (F9 sends it again, with the same key). */
void		 form_ui_sending(struct formscr *, int on);
/* Opens the service's form for the current resident, if any. */
void		 form_ui_open(struct form_open *);

#endif
