/*
 * Pinyin initials of Chinese text (张红旗 -> zhq), for typing a name or a
 * service from an ASCII keyboard. The 3,755 characters of GB 2312 level 1
 * are ordered by pinyin, so a table of where each initial starts gives
 * them all; rarer characters are left out of the initials.
 */
#ifndef SERVER_PINYIN_H
#define SERVER_PINYIN_H

#include <stddef.h>

/* Lowercase initials of s into out (always terminated). */
void	pinyin_initials(const char *s, char *out, size_t len);

#endif
