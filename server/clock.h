/* The server's own time: every timestamp it stores comes from here. */
#ifndef SERVER_CLOCK_H
#define SERVER_CLOCK_H

#include <time.h>

time_t	clock_now(void);
/* 2026-11-29T08:30:00Z into out[21+]. */
void	clock_rfc3339(time_t, char *out);
/* 2026-11-29 (local date) into out[11+]. */
void	clock_date(time_t, char *out);
/* Full years between a YYYY-MM-DD birth date and now; -1 if malformed. */
int	clock_age(const char *birth_date, time_t now);

#endif
