/* Instants from the server, shown in this PC's time. */
#include <stdio.h>
#include <string.h>

#include "when.h"

time_t
when_parse(const char *s)
{
	struct tm	tm;
	const char	*end;

	if (s == NULL)
		return (-1);
	memset(&tm, 0, sizeof tm);
	end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (end == NULL || *end != '\0')
		return (-1);
	return (timegm(&tm));
}

/* The instant in this PC's time; 0 when s is none. */
static int
local(const char *s, struct tm *tm, char *out, size_t len)
{
	time_t	t = when_parse(s);

	if (t == -1) {
		snprintf(out, len, "-");
		return (0);
	}
	localtime_r(&t, tm);
	return (1);
}

void
when_hm(const char *s, char *out, size_t len)
{
	struct tm	tm;

	if (local(s, &tm, out, len))
		snprintf(out, len, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

void
when_day_hm(const char *s, char *out, size_t len)
{
	struct tm	tm;

	if (local(s, &tm, out, len))
		snprintf(out, len, "%02d-%02d %02d:%02d", tm.tm_mon + 1,
		    tm.tm_mday, tm.tm_hour, tm.tm_min);
}

int
when_cst_hour(const char *s)
{
	time_t		t = when_parse(s);
	struct tm	tm;

	if (t == -1)
		return (-1);
	t += WHEN_CST;
	gmtime_r(&t, &tm);
	return (tm.tm_hour);
}

void
when_cst_today(char *out)
{
	time_t		t = time(NULL) + WHEN_CST;
	struct tm	tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}
