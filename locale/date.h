/* Dates as each language writes them: 2026年11月29日, 2026-11-29. */
#ifndef LOCALE_DATE_H
#define LOCALE_DATE_H

#include <stddef.h>
#include <time.h>

/* Writes tm's date for lang ("zh_CN" or "en", as i18n_lang() says) into
 * out; returns its length in bytes, 0 if it did not fit. */
size_t	date_format(char *out, size_t len, const struct tm *, const char *lang);
/* The date and the time of day (hours and minutes), for the clock. */
size_t	date_format_time(char *out, size_t len, const struct tm *,
	    const char *lang);

#endif
