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

/* The instant of an RFC 3339 UTC timestamp (2026-11-29T08:30:00Z) as the
 * server sends them; -1 when s is NULL or not one. */
time_t	date_instant(const char *s);
/* The service-zone date of such a timestamp, YYYY-MM-DD, into out[11];
 * "-" when it is not one. The process's TZ is the service's zone
 * (util/zone.h), so this converts, never cuts at the 'T'. */
void	date_local_day(const char *instant, char *out);

#endif
