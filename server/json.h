/*
 * Reading request JSON and query strings with field errors that name the
 * field (docs/api.md 1.6). Each reader appends at most one error for its
 * field to *errors and goes on, so that one reply lists every mistake.
 */
#ifndef SERVER_JSON_H
#define SERVER_JSON_H

#include <stddef.h>

#include <cjson/cJSON.h>

struct req;

#define JSON_MAX_ID	((1LL << 53) - 1)

#define JF_MULTILINE	0x1	/* LF allowed */
#define JF_REQUIRED	0x2	/* for readers without a min length */

/* The string member key of o, between min and max characters; else NULL
 * and an error for field (key when NULL). min 0 means optional. */
const char	*json_string(cJSON *o, const char *key, size_t min, size_t max,
		    const char *field, cJSON **errors);
/* The same with flags (JF_MULTILINE). */
const char	*json_text(cJSON *o, const char *key, size_t min, size_t max,
		    int flags, const char *field, cJSON **errors);
/* An integer member in [min, max]: 1 and *out when given, 0 when absent
 * or null (an error if JF_REQUIRED), -1 on error. */
int		 json_integer(cJSON *o, const char *key, long long min,
		    long long max, int flags, const char *field,
		    cJSON **errors, long long *out);
/* 1 and *out when v is a JSON integer literal (no fraction, no
 * exponent) that fits 53 bits; else 0. */
int		 json_is_int(const cJSON *v, long long *out);
/* A boolean member: 1 given, 0 absent, -1 error. */
int		 json_bool(cJSON *o, const char *key, int flags,
		    const char *field, cJSON **errors, int *out);
/* A string member that must be one of options (NULL-terminated). */
const char	*json_option(cJSON *o, const char *key,
		    const char *const *options, int flags, const char *field,
		    cJSON **errors);
/* unknown_field for every member of o not in allowed (NULL-terminated);
 * prefix (may be NULL) goes before each name, as in "collector.". */
void		 json_members(cJSON *o, const char *const *allowed,
		    const char *prefix, cJSON **errors);
/* Adds v as key to o, or null when v is NULL or empty. */
void		 json_add_nullable(cJSON *o, const char *key, const char *v);

/* Query strings. unknown_field for each parameter not in allowed (page
 * and per_page are allowed when paged). */
void		 q_check(struct req *, const char *const *allowed, int paged,
		    cJSON **errors);
/* An integer parameter: 1 given, 0 absent, -1 error. */
int		 q_int(struct req *, const char *name, long long min,
		    long long max, cJSON **errors, long long *out);
/* A text parameter of min to max characters, or NULL. */
const char	*q_string(struct req *, const char *name, size_t min,
		    size_t max, cJSON **errors);
/* A YYYY-MM-DD parameter, or NULL. */
const char	*q_date(struct req *, const char *name, cJSON **errors);
/* The dates "from" and "to" (each NULL when not given), to not before
 * from. */
void		 q_date_range(struct req *, const char **from, const char **to,
		    cJSON **errors);
/* Every value of a repeatable parameter (at most max) into out; their
 * count. */
int		 q_all(struct req *, const char *name, const char **out,
		    int max);
/* A repeatable parameter whose values must be in options; returns the
 * count, or -1 with an error. */
int		 q_options(struct req *, const char *name,
		    const char *const *options, const char **out, int max,
		    cJSON **errors);

#endif
