/*
 * Text in the printer's encoding (GB18030, GBK, GB2312) through iconv, one
 * character at a time: a character the encoding lacks becomes a visible
 * replacement (？, or ? where even that is missing), never garbage, and
 * takes the two columns the layout gave it. Control characters never come
 * out: they are dropped before encoding.
 */
#ifndef PRINTING_ENCODE_H
#define PRINTING_ENCODE_H

#include "../util/buf.h"

struct pencode;

/* NULL with *cause if iconv does not know the encoding. */
struct pencode	*pencode_new(const char *encoding, char **cause);
void		 pencode_free(struct pencode *);
/* Appends s (UTF-8) encoded; returns how many were replaced. */
int		 pencode_add(struct pencode *, struct buf *, const char *s);
/* Returns s encoded as a new string (for tests and plain text). */
char		*pencode_string(struct pencode *, const char *s, size_t *len);

#endif
