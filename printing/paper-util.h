/* What every paper uses: dates and instants as printed, and a test page
 * (paper-util.c). */
#ifndef PRINTING_PAPER_UTIL_H
#define PRINTING_PAPER_UTIL_H

#include "papers.h"

/* A page that shows the printer works and how wide it prints. */
struct pdoc	*paper_test_page(const char *printer, int columns, time_t);
/* "2026-12-25" as "2026年12月25日"; other text as it is. Caller frees. */
char	*paper_date(const char *);
/* A missing value prints as a dash, never as nothing: s, or "-". */
const char	*paper_or_dash(const char *s);
/* An instant as local "2026-11-29 16:30". Caller frees. */
char	*paper_time(time_t);
/* An instant as an id part, local "20261129163000". Caller frees. */
char	*paper_stamp(time_t);

#endif
