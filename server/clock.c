/* Time formatting for stored and returned timestamps. */
#include <stdio.h>
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

	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int
clock_age(const char *birth_date, time_t now)
{
	struct tm	tm;
	int		y, m, d, age;

	if (sscanf(birth_date, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return (-1);
	localtime_r(&now, &tm);
	age = tm.tm_year + 1900 - y;
	if (tm.tm_mon + 1 < m || (tm.tm_mon + 1 == m && tm.tm_mday < d))
		age--;
	return (age < 0 ? 0 : age);
}
