/* One time zone for the process, from the system's tz database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "zone.h"

static char	zone_current[ZONE_MAX + 1] = ZONE_DEFAULT;

/* glibc takes an unknown name for UTC without a word, so a name must be
 * a plain relative path to a file of the database. */
int
zone_valid(const char *name)
{
	const char	*dir = getenv("TZDIR");
	char		 path[512];
	struct stat	 sb;
	size_t		 i, len;

	len = name != NULL ? strlen(name) : 0;
	if (len == 0 || len > ZONE_MAX || name[0] == '/' ||
	    strstr(name, "..") != NULL)
		return (0);
	for (i = 0; i < len; i++) {
		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789/_+-", name[i]) == NULL)
			return (0);
	}
	if (dir == NULL || *dir == '\0')
		dir = "/usr/share/zoneinfo";
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return (stat(path, &sb) == 0 && S_ISREG(sb.st_mode));
}

int
zone_set(const char *name)
{
	if (!zone_valid(name))
		return (-1);
	if (setenv("TZ", name, 1) != 0)
		return (-1);
	tzset();
	snprintf(zone_current, sizeof zone_current, "%s", name);
	return (0);
}

const char *
zone_name(void)
{
	return (zone_current);
}

time_t
zone_instant(const char *s)
{
	struct tm	 tm;
	const char	*end;

	if (s == NULL)
		return (-1);
	memset(&tm, 0, sizeof tm);
	end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (end == NULL || *end != '\0')
		return (-1);
	return (timegm(&tm));
}

void
zone_local_day(const char *instant, char *out)
{
	time_t		t = zone_instant(instant);
	struct tm	tm;

	if (t == -1 || localtime_r(&t, &tm) == NULL ||
	    strftime(out, 11, "%Y-%m-%d", &tm) == 0)
		snprintf(out, 11, "-");
}
