/*
 * Strict readers of reply members that the resource models share: each
 * sanitizes what it reads (util/utf8.h) and remembers the first failure
 * in *cause, so a parser reads on and frees what it made. Two families:
 * mu_* name what is wrong in a static phrase (what); work_* give the
 * member's key as the cause. Internal to api/.
 */
#ifndef API_READ_H
#define API_READ_H

#include <stddef.h>

#include <cjson/cJSON.h>

/* The largest id the server sends (a JSON-safe integer). */
#define ID_MAX	(1LL << 53)

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

/* Takes value into *dst; the first NULL sets *cause to what. Returns
 * -1 for NULL, else 0. */
int	work_take(char **dst, char *value, const char *what,
	    const char **cause);

/* A sanitized string member; null gives "" when nullable. */
int	work_str(const cJSON *, const char *key, int nullable, char **dst,
	    const char **cause);

/* An integer member into *out (int range); null gives -1 when
 * nullable. */
int	work_int(const cJSON *, const char *key, int nullable, int *out,
	    const char **cause);

/* The name of a reference member ({id, name}) and its id (may be
 * NULL); a null reference gives "" and 0 when nullable. */
int	work_ref(const cJSON *, const char *key, int nullable, char **name,
	    long long *id, const char **cause);

#endif
