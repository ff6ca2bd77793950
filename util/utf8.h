/*
 * UTF-8 inside the program: decoding, encoding, and making text from the
 * server or a file safe to show. Nothing here depends on the language or
 * the terminal, so api/ uses it (locale/text.h adds widths on top).
 */
#ifndef UTIL_UTF8_H
#define UTIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFD

/* Decodes one code point from s (at most len bytes). Returns the bytes
 * consumed (1 for an invalid sequence, which yields U+FFFD), 0 at end. */
size_t	utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Writes cp as UTF-8 into out (4 bytes room); returns the length. */
size_t	utf8_encode(uint32_t cp, char *out);
int	utf8_valid(const char *s, size_t len);
/* Number of code points (invalid bytes count as one each). */
size_t	utf8_chars(const char *s);

/* Returns a new string safe to show on a terminal: invalid UTF-8, C0/DEL
 * and C1 controls, and format characters (bidi overrides, zero-width)
 * become U+FFFD; tabs become spaces; newlines are kept only if
 * keep_newlines. The caller frees it. */
char	*utf8_sanitize(const char *s, int keep_newlines);
int	utf8_is_unsafe(uint32_t cp);

#endif
