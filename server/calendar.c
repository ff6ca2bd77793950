/* Working days, from the State Council's holiday schedules. */
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "clock.h"

/* Days off that are weekdays, and weekend days that are worked. */
static const char *const holidays[] = {
	/* 2025 */
	"2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31",
	"2025-02-03", "2025-02-04", "2025-04-04", "2025-05-01", "2025-05-02",
	"2025-05-05", "2025-06-02", "2025-10-01", "2025-10-02", "2025-10-03",
	"2025-10-06", "2025-10-07", "2025-10-08",
	/* 2026 */
	"2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18",
	"2026-02-19", "2026-02-20", "2026-02-23", "2026-04-06", "2026-05-01",
	"2026-05-04", "2026-05-05", "2026-06-19", "2026-09-25", "2026-10-01",
	"2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07",
};
static const char *const workdays[] = {
	"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
	"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20",
	"2026-10-10",
};

/* 1 if date is in the list. */
static int
listed(const char *const *list, size_t n, const char *date)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcmp(list[i], date) == 0)
			return (1);
	}
	return (0);
}

/* 0 Sunday to 6 Saturday (Zeller through days since an epoch). */
static int
weekday(const char *date)
{
	int	y, m, d;

	if (sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return (1);
	if (m < 3) {
		m += 12;
		y--;
	}
	return ((d + 13 * (m + 1) / 5 + y + y / 4 - y / 100 + y / 400 + 6) %
	    7);
}

int
calendar_workday(const char *date)
{
	int	wd = weekday(date);

	if (listed(workdays, sizeof workdays / sizeof *workdays, date))
		return (1);
	if (listed(holidays, sizeof holidays / sizeof *holidays, date))
		return (0);
	return (wd != 0 && wd != 6);
}

void
calendar_add_workdays(const char *date, int n, char *out)
{
	char	cur[11];

	snprintf(cur, sizeof cur, "%s", date);
	while (n > 0) {
		clock_add_days(cur, 1, cur);
		if (calendar_workday(cur))
			n--;
	}
	memcpy(out, cur, 11);
}

int
calendar_workdays_between(const char *from, const char *to)
{
	char	cur[11];
	int	n = 0;

	snprintf(cur, sizeof cur, "%s", from);
	while (strcmp(cur, to) < 0) {
		clock_add_days(cur, 1, cur);
		n += calendar_workday(cur);
	}
	return (n);
}
