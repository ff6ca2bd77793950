/* The server's own time: every timestamp it stores comes from here, and
 * every local date is China Standard Time (UTC+8, no summer time),
 * whatever the machine's time zone. */
#ifndef SERVER_CLOCK_H
#define SERVER_CLOCK_H

#include <time.h>

#define CLOCK_UTC_OFFSET	(8 * 3600)

time_t	clock_now(void);
/* 2026-11-29T08:30:00Z into out[21+]. */
void	clock_rfc3339(time_t, char *out);
/* 2026-11-29 (local date) into out[11+]. */
void	clock_date(time_t, char *out);
/* The local hour, 0-23. */
int	clock_hour(time_t);
/* The local date of an RFC 3339 UTC timestamp, into out[11+]. */
void	clock_date_of(const char *rfc3339, char *out);
/* Full years between a YYYY-MM-DD birth date and now; -1 if malformed. */
int	clock_age(const char *birth_date, time_t now);
/* date plus days calendar days, into out[11+]. */
void	clock_add_days(const char *date, int days, char *out);
/* YYYY年M月D日 for a YYYY-MM-DD date, into out[32+]. */
void	clock_chinese_date(const char *date, char *out);

#endif
