/* Typed access to request JSON. */
#include <stdio.h>

#include "http.h"
#include "json.h"
#include "../locale/text.h"

const char *
json_string(cJSON *o, const char *key, size_t min, size_t max,
    const char *field, cJSON **errors)
{
	cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);
	char	 msg[128];
	size_t	 n;

	if (v == NULL || cJSON_IsNull(v)) {
		if (min > 0)
			field_error(errors, field, "required",
			    "This field is required.");
		return (NULL);
	}
	if (!cJSON_IsString(v) || v->valuestring == NULL) {
		field_error(errors, field, "type", "This field must be text.");
		return (NULL);
	}
	n = utf8_chars(v->valuestring);
	if (n < min || n > max) {
		snprintf(msg, sizeof msg, "This field must have %zu to %zu "
		    "characters.", min, max);
		field_error(errors, field, n == 0 ? "required" : n < min ?
		    "too_short" : "too_long", msg);
		return (NULL);
	}
	return (v->valuestring);
}
