/* The resident's own record as a form: what a clerk may change on a
 * profile, and what registering a resident asks for (docs/api.md 4). */
#ifndef TUI_RESIDENT_FORM_H
#define TUI_RESIDENT_FORM_H

#include <cjson/cJSON.h>

#include "../api/session.h"
#include "../api/residents.h"
#include "../api/catalog.h"
#include "../api/applications.h"
#include "../forms/form.h"

/* A Service-shaped object ({name, form}) for the form screen; title is
 * shown as the form's name. */
cJSON	*resident_form_edit(const char *title);
cJSON	*resident_form_new(const char *title,
	    const struct api_session *);
/* The record's values keyed by field name (tags, residence and
 * presence have no prefill key in the contract: the caller sets them). */
cJSON	*resident_form_prefill(const struct resident *);
/* The record values a service's form may be pre-filled with, by the
 * form's prefill keys ("name", "community.name" ...). */
cJSON	*resident_form_service_prefill(const struct resident *);
/* The field's value as it goes into a request body: a string, an array
 * (tags) or null when emptied; keep_elderly adds the server-kept tag the
 * form does not show. */
cJSON	*resident_form_value(const struct form_field *, int keep_elderly);
/* The record's current value of a patchable field, as the form shows it
 * ("" when none): for telling what the clerk changed and for the
 * conflict dialog. The caller frees. */
char	*resident_form_current(const struct resident *, const char *field);
/* 1 if name is one of the 56 ethnic groups of GB/T 3304. */
int	 resident_form_ethnicity_known(const char *name);
/* A field's value as words for the clerk (tag names, not codes). The
 * caller frees. */
char	*resident_form_words(const struct form *, const char *field,
	    const char *value);

#endif
