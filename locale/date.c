/* Calendar dates in the clerk's language. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "date.h"

/* snprintf's answer as a length; when cut short, 0 and nothing written,
 * rather than half a character. */
static size_t
fitted(char *out, int n, size_t len)
{
	if (n >= 0 && (size_t)n < len)
		return ((size_t)n);
	if (len > 0)
		*out = '\0';
	return (0);
}

/* Chinese writes no leading zeros; English uses ISO 8601. */
size_t
date_format(char *out, size_t len, const struct tm *tm, const char *lang)
{
	int	n;

	if (lang != NULL && strncmp(lang, "zh", 2) == 0)
		n = snprintf(out, len, "%d年%d月%d日", tm->tm_year + 1900,
		    tm->tm_mon + 1, tm->tm_mday);
	else
		n = snprintf(out, len, "%04d-%02d-%02d", tm->tm_year + 1900,
		    tm->tm_mon + 1, tm->tm_mday);
	return (fitted(out, n, len));
}

/* The clock: the date, then hours and minutes. */
size_t
date_format_time(char *out, size_t len, const struct tm *tm,
    const char *lang)
{
	size_t	n = date_format(out, len, tm, lang);

	if (n == 0)
		return (0);
	return (fitted(out, snprintf(out + n, len - n, " %02d:%02d",
	    tm->tm_hour, tm->tm_min) + (int)n, len));
}
