/*
 * iconv at the edges: text leaves the program as GB18030 or GBK (printer
 * bytes, exported files) and comes in from legacy files. Inside, every
 * string is UTF-8.
 */
#ifndef LOCALE_CONV_H
#define LOCALE_CONV_H

#include <stddef.h>

/* Converts len bytes of UTF-8 to charset ("GB18030", "GBK", ...). A
 * character the charset cannot hold becomes repl when repl is not NULL,
 * else the conversion fails. Invalid UTF-8 always fails. Returns a new
 * NUL-terminated buffer of *outlen bytes that the caller frees, or NULL
 * with *cause (naming the byte offset of the bad input) and, when
 * bad_offset is not NULL, that offset in *bad_offset. */
char	*conv_from_utf8(const char *charset, const char *in, size_t len,
	    const char *repl, size_t *outlen, size_t *bad_offset,
	    char **cause);
/* Converts len bytes in charset to UTF-8; invalid or truncated input
 * fails as above. The caller frees the result. */
char	*conv_to_utf8(const char *charset, const char *in, size_t len,
	    size_t *outlen, size_t *bad_offset, char **cause);
/* s in the current locale's charset, for stdout and stderr before
 * curses starts; what the charset lacks becomes '?'. The caller frees
 * it. */
char	*conv_to_locale(const char *s);
/* 1 if cp can be written in charset. */
int	 conv_can_encode(const char *charset, unsigned int cp);

#endif
