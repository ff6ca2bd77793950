/* Strict readers of reply members (read.h). */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "read.h"
#include "../util/utf8.h"
#include "../util/xmalloc.h"

/* Remembers the first thing wrong: later failures keep it. */
int
mu_fail(const char *what, const char **cause)
{
	if (*cause == NULL)
		*cause = what;
	return (-1);
}

int
mu_str(char **dst, const cJSON *o, const char *key, int nullable,
    const char *what, const char **cause)
{
	*dst = json_str(o, key, nullable);
	return (*dst == NULL ? mu_fail(what, cause) : 0);
}

int
mu_ref(char **dst, const cJSON *o, const char *obj, const char *key,
    const char *what, const char **cause)
{
	const cJSON	*r = json_obj(o, obj);

	*dst = r != NULL ? json_str(r, key, 0) : NULL;
	return (*dst == NULL ? mu_fail(what, cause) : 0);
}

int
mu_int(long long *out, const cJSON *o, const char *key, long long lo,
    long long hi, const char *what, const char **cause)
{
	long long	v;

	if (json_int(o, key, &v) != 0 || v < lo || v > hi)
		return (mu_fail(what, cause));
	*out = v;
	return (0);
}

int
mu_strings(char ***out, size_t *n, const cJSON *list, const char *what,
    const char **cause)
{
	const cJSON	*it;

	*n = 0;
	*out = NULL;
	if (!cJSON_IsArray(list))
		return (mu_fail(what, cause));
	*out = xcalloc((size_t)cJSON_GetArraySize(list) + 1, sizeof **out);
	cJSON_ArrayForEach(it, list) {
		if (!cJSON_IsString(it) || it->valuestring == NULL)
			return (mu_fail(what, cause));
		(*out)[(*n)++] = utf8_sanitize(it->valuestring, 0);
	}
	return (0);
}

void
mu_strings_free(char **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int
work_take(char **dst, char *value, const char *what, const char **cause)
{
	*dst = value;
	if (value == NULL && *cause == NULL)
		*cause = what;
	return (value == NULL ? -1 : 0);
}

int
work_str(const cJSON *o, const char *key, int nullable, char **dst,
    const char **cause)
{
	return (work_take(dst, json_str(o, key, nullable), key, cause));
}

int
work_int(const cJSON *o, const char *key, int nullable, int *out,
    const char **cause)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);
	long long	 n;

	if (nullable && cJSON_IsNull(v)) {
		*out = -1;
		return (0);
	}
	if (json_int(o, key, &n) != 0 || n < -1 || n > 1000000000) {
		*out = 0;
		if (*cause == NULL)
			*cause = key;
		return (-1);
	}
	*out = (int)n;
	return (0);
}

int
work_ref(const cJSON *o, const char *key, int nullable, char **name,
    long long *id, const char **cause)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);
	long long	 n = 0;

	if (nullable && (v == NULL || cJSON_IsNull(v))) {
		*name = xstrdup("");
		if (id != NULL)
			*id = 0;
		return (0);
	}
	if (!cJSON_IsObject(v) || json_int(v, "id", &n) != 0 || n <= 0) {
		*name = NULL;
		if (*cause == NULL)
			*cause = key;
		return (-1);
	}
	if (id != NULL)
		*id = n;
	return (work_take(name, json_str(v, "name", 0), key, cause));
}
