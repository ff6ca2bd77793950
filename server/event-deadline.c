/* Grid events' deadlines, by urgency, on the working-day calendar. */
#include <string.h>

#include "calendar.h"
#include "event-deadline.h"
#include "event-flow.h"

int
event_due_days(const char *urgency)
{
	if (strcmp(urgency, "urgent") == 0)
		return (1);
	if (strcmp(urgency, "high") == 0)
		return (3);
	if (strcmp(urgency, "low") == 0)
		return (15);
	return (7);
}

void
event_due_date(const char *date, const char *urgency, char *out)
{
	calendar_add_workdays(date, event_due_days(urgency), out);
}

void
event_due_soon_until(const char *today, char *out)
{
	calendar_add_workdays(today, 1, out);
}

int
event_due_state(const char *status, const char *due, const char *today)
{
	char	soon[11];

	if (due == NULL || *due == '\0' || !event_flow_open(status))
		return (0);
	if (strcmp(due, today) < 0)
		return (2);
	event_due_soon_until(today, soon);
	return (strcmp(due, soon) <= 0);
}
