/* The server's own time: every timestamp it stores comes from here, in
 * UTC, and every local date and hour is in the service's time zone
 * (util/zone.h, --time-zone), whatever the machine's. */
#ifndef SERVER_CLOCK_H
#define SERVER_CLOCK_H

#include <time.h>

time_t	clock_now(void);
/* 2026-11-29T08:30:00Z into out[21+]. */
void	clock_rfc3339(time_t, char *out);
/* 2026-11-29 (local date) into out[11+]. */
void	clock_date(time_t, char *out);
/* The local hour, 0-23. */
int	clock_hour(time_t);
/* The instant of an RFC 3339 UTC timestamp; -1 if it is not one. */
time_t	clock_parse(const char *rfc3339);
/* The local date of an RFC 3339 UTC timestamp, into out[11+]. */
void	clock_date_of(const char *rfc3339, char *out);
/* The local hour of an RFC 3339 UTC timestamp; -1 if it is not one. */
int	clock_hour_of(const char *rfc3339);
/* The UTC instants (RFC 3339, out[21+] each) at which the local day
 * YYYY-MM-DD begins and the next one begins: a timestamp t is on that
 * day when start <= t < end, compared as text. -1 if date is not one. */
int	clock_day_bounds(const char *date, char *start, char *end);
/* Full years between a YYYY-MM-DD birth date and now; -1 if malformed. */
int	clock_age(const char *birth_date, time_t now);
/* date plus days calendar days, into out[11+]. */
void	clock_add_days(const char *date, int days, char *out);
/* YYYY年M月D日 for a YYYY-MM-DD date, into out[32+]. */
void	clock_chinese_date(const char *date, char *out);

#endif
