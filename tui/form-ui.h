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
extern const struct screen_ops screen_task_form;

#endif
