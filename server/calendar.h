/* The working-day calendar of mainland China: weekends and statutory
 * holidays off, the adjusted weekend days (调休) on. Years without a
 * published schedule fall back to weekends alone. */
#ifndef SERVER_CALENDAR_H
#define SERVER_CALENDAR_H

/* 1 if the YYYY-MM-DD date is a working day. */
int	calendar_workday(const char *date);
/* date plus n working days (date itself not counted), into out[11+];
 * n 0 gives date. */
void	calendar_add_workdays(const char *date, int n, char *out);
/* Working days after from up to and including to (0 when to <= from). */
int	calendar_workdays_between(const char *from, const char *to);

#endif
