/* The working-day calendar: weekends off, and a site's calendar file on
 * top (statutory holidays off, the adjusted weekend days, 调休, on), as
 * the State Council publishes them each year. A year the file does not
 * cover falls back to weekends alone, and that is warned about. */
#ifndef SERVER_CALENDAR_H
#define SERVER_CALENDAR_H

#include <stdio.h>

/* Reads a calendar file (docs/calendar.md) and, when it is whole and
 * sound, makes it the calendar; 0, or -1 with *cause (caller frees) and
 * the calendar unchanged. Safe while requests run (SIGHUP reloads). */
int	calendar_load(const char *path, char **cause);
/* The calendar file to use when none is configured: the one installed
 * beside the program, or in the source tree; NULL. Caller frees. */
char	*calendar_default_path(void);
/* Drops the calendar: weekends alone. */
void	calendar_clear(void);
/* 1 if the YYYY-MM-DD date is a working day. */
int	calendar_workday(const char *date);
/* date plus n working days (date itself not counted), into out[11+];
 * n 0 gives date. */
void	calendar_add_workdays(const char *date, int n, char *out);
/* Working days after from up to and including to (0 when to <= from). */
int	calendar_workdays_between(const char *from, const char *to);
/* The last day of the run of covered years that holds date, into
 * out[11+]; "" when date's own year is not covered. */
void	calendar_until(const char *date, char *out);

#endif
