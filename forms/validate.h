/* Checking a form's fields before it is submitted (validate.c). */
#ifndef FORMS_VALIDATE_H
#define FORMS_VALIDATE_H

#include "form.h"

/* Checks one field, setting or clearing f->error; 0 if valid. */
int		 form_check_field(struct form *, struct form_field *,
		    time_t now);
/* Checks every field; returns the index of the first invalid one, or -1
 * when the form can be submitted. */
int		 form_check(struct form *, time_t now);

#endif
