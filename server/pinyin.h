/*
 * Pinyin initials of Chinese text (张红旗 -> zhq), for typing a name or a
 * service from an ASCII keyboard: ICU's Han-Latin transliterator, so a
 * name with a rare character (赵梦雯, 王𠮷堃) is found by its initials
 * too.
 */
#ifndef SERVER_PINYIN_H
#define SERVER_PINYIN_H

#include <stddef.h>

struct db;

/* Lowercase initials of s into out (always terminated). */
void	pinyin_initials(const char *s, char *out, size_t len);
/* Makes again the residents' initials an older server left short. */
void	pinyin_backfill(struct db *);

#endif
