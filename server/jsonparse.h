/*
 * A strict RFC 8259 parser for request bodies, building cJSON trees:
 * it refuses duplicate member names, NUL characters, lone surrogates,
 * nesting deeper than 64 and trailing bytes, and keeps each number's
 * literal text in its valuestring so that 1e3 is not taken for 1000.
 */
#ifndef SERVER_JSONPARSE_H
#define SERVER_JSONPARSE_H

#include <stddef.h>

#include <cjson/cJSON.h>

/* The value in s[0..len), or NULL with *why (a static zh-CN sentence). */
cJSON	*json_parse_strict(const char *s, size_t len, const char **why);

#endif
