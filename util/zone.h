/* The service's time zone. Every local date and time the service shows,
 * prints or counts by is in one zone, set on the server and told to the
 * client, whatever TZ the machine has: the process's TZ is set to it,
 * so localtime_r() and mktime() answer in it. */
#ifndef UTIL_ZONE_H
#define UTIL_ZONE_H

#define ZONE_DEFAULT	"Asia/Shanghai"
#define ZONE_MAX	64

/* 1 if name is a zone of the system's time zone database. */
int		 zone_valid(const char *name);
/* Makes name the process's zone; 0, or -1 leaving it as it was. Call it
 * before any thread is started. */
int		 zone_set(const char *name);
/* The zone set, ZONE_DEFAULT before any. */
const char	*zone_name(void);

#endif
