/* A service's form schema read into a struct form (schema.c). */
#ifndef FORMS_SCHEMA_H
#define FORMS_SCHEMA_H

#include "form.h"

/* Loads the form schema (the "form" object) and the service's
 * materials (an array, may be NULL). NULL and *cause (caller frees)
 * when the schema is malformed. */
struct form	*form_load(const cJSON *form, const cJSON *materials,
		    char **cause);
/* The schema's name of a field type ("idnum" ...). */
const char	*field_type_name(enum field_type);

#endif
