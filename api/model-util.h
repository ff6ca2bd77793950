/* Small readers the case models share: a failure is remembered once,
 * with the first cause, so a parser reads on and frees what it made. */
#ifndef API_MODEL_UTIL_H
#define API_MODEL_UTIL_H

#include <stddef.h>

#include <cjson/cJSON.h>

/* Returns -1, keeping what as *cause unless one is set already. */
int	mu_fail(const char *what, const char **cause);
/* *dst gets a sanitized copy of member key of o (nullable: null or
 * missing gives ""); -1 and *cause (if unset) when absent or not text. */
int	mu_str(char **dst, const cJSON *o, const char *key, int nullable,
	    const char *what, const char **cause);
/* As mu_str, for member key of the object member obj (a reference such
 * as "service": {"name": ...}). */
int	mu_ref(char **dst, const cJSON *o, const char *obj, const char *key,
	    const char *what, const char **cause);
/* *out gets an integer member in [lo, hi]; -1 and *cause otherwise. */
int	mu_int(long long *out, const cJSON *o, const char *key,
	    long long lo, long long hi, const char *what, const char **cause);
/* A list of strings, sanitized, into a new array (*n entries). */
int	mu_strings(char ***out, size_t *n, const cJSON *list,
	    const char *what, const char **cause);
void	mu_strings_free(char **, size_t);
/* The paging members of a list reply: page, per_page, total. */
int	mu_paging(const cJSON *, int *page, int *per_page, long long *total,
	    const char **cause);

#endif
