/*
 * A grid event's deadline (docs/api.md 12): working days by urgency on
 * the working-day calendar (calendar.h), counted from the day it was
 * reported; due soon on its last working day and the one before,
 * overdue after it, while it is not yet handled.
 */
#ifndef SERVER_EVENT_DEADLINE_H
#define SERVER_EVENT_DEADLINE_H

/* Working days an event of the urgency is given: urgent 1, high 3,
 * normal 7, low 15. */
int	event_due_days(const char *urgency);
/* The deadline of an event of the urgency reported on date
 * (YYYY-MM-DD), into out[11+]. */
void	event_due_date(const char *date, const char *urgency, char *out);
/* The last deadline that is due soon on today: today plus one working
 * day, into out[11+]. */
void	event_due_soon_until(const char *today, char *out);
/* 1 if an event of the status with deadline due ("" or NULL: none) is
 * due soon on today, 2 if overdue, else 0. */
int	event_due_state(const char *status, const char *due,
	    const char *today);

#endif
