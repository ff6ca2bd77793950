/* Typed, sanitizing access to response JSON. */
#include <math.h>

#include "json.h"
#include "../util/utf8.h"
#include "../util/whole.h"
#include "../util/xmalloc.h"

/* A sanitized copy of a string member, line breaks kept or not. */
static char *
member(const cJSON *o, const char *key, int nullable, int multiline)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (nullable && (v == NULL || cJSON_IsNull(v)))
		return (xstrdup(""));
	if (!cJSON_IsString(v) || v->valuestring == NULL)
		return (NULL);
	return (utf8_sanitize(v->valuestring, multiline));
}

char *
json_str(const cJSON *o, const char *key, int nullable)
{
	return (member(o, key, nullable, 0));
}

char *
json_text(const cJSON *o, const char *key, int nullable)
{
	return (member(o, key, nullable, 1));
}

int
json_int(const cJSON *o, const char *key, long long *out)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);
	double		 d;

	if (!cJSON_IsNumber(v))
		return (-1);
	d = v->valuedouble;
	if (!isfinite(d) || d < -9007199254740992.0 ||
	    d > 9007199254740992.0 || !whole(d))
		return (-1);
	*out = (long long)d;
	return (0);
}

const cJSON *
json_obj(const cJSON *o, const char *key)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);

	return (cJSON_IsObject(v) ? v : NULL);
}
