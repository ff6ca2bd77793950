/* Time formatting for stored and returned timestamps. */
#include <stdio.h>
#include <stdlib.h>
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
	struct tm	tm;
	time_t		local = t + CLOCK_UTC_OFFSET;

	gmtime_r(&local, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int
clock_hour(time_t t)
{
	struct tm	tm;
	time_t		local = t + CLOCK_UTC_OFFSET;

	gmtime_r(&local, &tm);
	return (tm.tm_hour);
}

void
clock_date_of(const char *s, char *out)
{
	struct tm	tm = { 0 };

	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
		snprintf(out, 11, "%.10s", s);
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon--;
	clock_date(timegm(&tm), out);
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
