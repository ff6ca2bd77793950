/* The service's time zone. Every local date and time the service shows,
 * prints or counts by is in one zone, set on the server and told to the
 * client, whatever TZ the machine has: the process's TZ is set to it,
 * so localtime_r() and mktime() answer in it. */
#ifndef UTIL_ZONE_H
#define UTIL_ZONE_H

#include <time.h>

#define ZONE_DEFAULT	"Asia/Shanghai"
#define ZONE_MAX	64

/* 1 if name is a zone of the system's time zone database. */
int		 zone_valid(const char *name);
/* Makes name the process's zone; 0, or -1 leaving it as it was. Call it
 * before any thread is started. */
int		 zone_set(const char *name);
/* The zone set, ZONE_DEFAULT before any. */
const char	*zone_name(void);

/* The instant of an RFC 3339 UTC timestamp (2026-11-29T08:30:00Z) as the
 * server sends them; -1 when s is NULL or not one. */
time_t	zone_instant(const char *s);
/* The service-zone date of such a timestamp, YYYY-MM-DD, into out[11];
 * "-" when it is not one. The process's TZ is the service's zone
 * (zone_set), so this converts, never cuts at the 'T'. */
void	zone_local_day(const char *instant, char *out);

#endif
