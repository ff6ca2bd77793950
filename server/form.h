/*
 * Form data checked against a form schema (docs/api.md 7, "Field types"
 * and 8, "Validation of data"): prefill from the resident, the fields
 * that must match the record, unknown members, and each field by type.
 */
#ifndef SERVER_FORM_H
#define SERVER_FORM_H

#include <cjson/cJSON.h>

/* fields: an array of Field objects. data: the request's data member
 * (may be NULL). resident: prefill sources by prefill name (NULL for
 * certificate templates). Returns the accepted data in field order, with
 * ID numbers and phones normalised; errors name data.<field>. The caller
 * frees the result. */
cJSON	*form_check(const cJSON *fields, const cJSON *data,
	    const cJSON *resident, cJSON **errors);
/* Every field of a form's sections, as one array (the caller frees it). */
cJSON	*form_fields(const cJSON *form);
/* A copy of data with id_number and phone fields masked. */
cJSON	*form_masked(const cJSON *fields, const cJSON *data);

#endif
