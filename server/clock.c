/* Time formatting for stored and returned timestamps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"

time_t
clock_now(void)
{
	return (time(NULL));
}

void
clock_rfc3339(time_t t, char *out)
{
	struct tm	tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void
clock_date(time_t t, char *out)
{
	/* a page of fifty residents asks for the same second's date fifty
	 * times, and localtime_r() reads the zone's rules each time */
	static _Thread_local time_t	 last;
	static _Thread_local char	 date[11];
	struct tm			 tm;

	if (date[0] == '\0' || t != last) {
		localtime_r(&t, &tm);
		strftime(date, sizeof date, "%Y-%m-%d", &tm);
		last = t;
	}
	memcpy(out, date, sizeof date);
}

int
clock_hour(time_t t)
{
	struct tm	tm;

	localtime_r(&t, &tm);
	return (tm.tm_hour);
}

time_t
clock_parse(const char *s)
{
	struct tm	 tm;
	const char	*end;

	memset(&tm, 0, sizeof tm);
	if (s == NULL || (end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm)) ==
	    NULL || *end != '\0')
		return (-1);
	return (timegm(&tm));
}

void
clock_date_of(const char *s, char *out)
{
	time_t	t = clock_parse(s);

	if (t == -1) {
		snprintf(out, 11, "%.10s", s);
		return;
	}
	clock_date(t, out);
}

int
clock_hour_of(const char *s)
{
	time_t	t = clock_parse(s);

	return (t == -1 ? -1 : clock_hour(t));
}

/* The instant local midnight begins date; -1 if date is not a date. */
static time_t
midnight(const char *date)
{
	struct tm	tm;
	int		y, m, d;
	char		tail;

	if (sscanf(date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return (-1);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	return (mktime(&tm));
}

int
clock_day_bounds(const char *date, char *start, char *end)
{
	char	next[11];
	time_t	a, b;

	clock_add_days(date, 1, next);
	if ((a = midnight(date)) == -1 || (b = midnight(next)) == -1)
		return (-1);
	clock_rfc3339(a, start);
	clock_rfc3339(b, end);
	return (0);
}

int
clock_age(const char *birth_date, time_t now)
{
	char	today[11];
	int	y, m, d, ty, tm, td, age;

	if (sscanf(birth_date, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return (-1);
	clock_date(now, today);
	sscanf(today, "%4d-%2d-%2d", &ty, &tm, &td);
	age = ty - y;
	if (tm < m || (tm == m && td < d))
		age--;
	return (age < 0 ? 0 : age);
}

void
clock_add_days(const char *date, int days, char *out)
{
	struct tm	tm = { 0 };
	time_t		t;

	sscanf(date, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon--;
	tm.tm_hour = 12;
	t = timegm(&tm) + (time_t)days * 86400;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void
clock_chinese_date(const char *date, char *out)
{
	int	y = 0, m = 0, d = 0;

	sscanf(date, "%4d-%2d-%2d", &y, &m, &d);
	snprintf(out, 32, "%d年%d月%d日", y, m, d);
}
