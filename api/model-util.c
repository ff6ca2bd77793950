/* Strict, sanitizing readers shared by the case models. */
#include <stdlib.h>

#include "json.h"
#include "model-util.h"
#include "../locale/text.h"
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
		(*out)[(*n)++] = text_sanitize(it->valuestring, 0);
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
mu_paging(const cJSON *j, int *page, int *per_page, long long *total,
    const char **cause)
{
	long long	v;

	if (mu_int(&v, j, "page", 1, 1000000, "the reply has no paging",
	    cause) != 0)
		return (-1);
	*page = (int)v;
	if (mu_int(&v, j, "per_page", 1, 1000, "the reply has no paging",
	    cause) != 0)
		return (-1);
	*per_page = (int)v;
	return (mu_int(total, j, "total", 0, 1LL << 53,
	    "the reply has no paging", cause));
}
