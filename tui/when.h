/* The server's instants (RFC 3339, UTC) as the counter reads them: in
 * the service's time zone, which the process's TZ is set to at start
 * and after each login (util/zone.h), whatever the PC's own. */
#ifndef TUI_WHEN_H
#define TUI_WHEN_H

#include <stddef.h>
#include <time.h>

/* -1 when s is not an instant. */
time_t	when_parse(const char *s);
/* "09:12", "-" when s is empty or not an instant. */
void	when_hm(const char *s, char *out, size_t len);
/* "11-29 09:12" likewise. */
void	when_day_hm(const char *s, char *out, size_t len);
/* The local hour of s, as the server counts it; -1. */
int	when_hour(const char *s);
/* Today as the server counts it, YYYY-MM-DD, into out[11]. */
void	when_today(char *out);
/* The date days after date (YYYY-MM-DD) into out[11]; -1 when date is
 * not a day of the calendar (2026-02-30), out then empty. */
int	when_date_add(const char *date, int days, char *out);
/* Makes zone (from the server) the one every date is shown in; a name
 * this machine does not know is logged and ignored. */
void	when_set_zone(const char *zone);

#endif
