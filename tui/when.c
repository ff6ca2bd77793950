/* Instants from the server, shown in the service's time zone. */
#include <stdio.h>
#include <string.h>

#include "when.h"
#include "../locale/date.h"
#include "../util/log.h"
#include "../util/zone.h"

time_t
when_parse(const char *s)
{
	return (zone_instant(s));
}

/* The instant as the service's local time; 0 when s is none. */
static int
local(const char *s, struct tm *tm, char *out, size_t len)
{
	time_t	t = when_parse(s);

	if (t == -1 || localtime_r(&t, tm) == NULL) {
		snprintf(out, len, "-");
		return (0);
	}
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
when_hour(const char *s)
{
	struct tm	tm;
	char		none[2];

	if (!local(s, &tm, none, sizeof none))
		return (-1);
	return (tm.tm_hour);
}

void
when_today(char *out)
{
	time_t		t = time(NULL);
	struct tm	tm;

	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int
when_date_add(const char *date, int days, char *out)
{
	struct tm	tm = { 0 };
	time_t		t;
	char		back[11];
	int		n = 0;

	*out = '\0';
	if (strlen(date) != 10 || sscanf(date, "%4d-%2d-%2d%n", &tm.tm_year,
	    &tm.tm_mon, &tm.tm_mday, &n) != 3 || n != 10)
		return (-1);
	tm.tm_year -= 1900;
	tm.tm_mon--;
	tm.tm_hour = 12;
	if ((t = timegm(&tm)) == -1 || gmtime_r(&t, &tm) == NULL)
		return (-1);
	strftime(back, sizeof back, "%Y-%m-%d", &tm);
	if (strcmp(back, date) != 0)
		return (-1);	/* normalised: not a day of the calendar */
	t += (time_t)days * 86400;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
	return (0);
}

void
when_set_zone(const char *zone)
{
	if (zone == NULL || *zone == '\0' || strcmp(zone, zone_name()) == 0)
		return;
	if (zone_set(zone) != 0) {
		log_info("%s: the server's time zone %s is unknown here; "
		    "showing %s", __func__, zone, zone_name());
		return;
	}
	log_info("%s: time zone %s", __func__, zone);
}
