/* Working days, from a calendar file of the State Council's schedules. */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calendar.h"
#include "clock.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

#ifndef DATADIR
#define DATADIR		"/usr/local/share/bianmin"
#endif

#define YEAR_MIN	1990
#define YEAR_MAX	2199
#define YEARS		(YEAR_MAX - YEAR_MIN + 1)

/* One day the schedule changes: off on a weekday or on at a weekend. */
struct change {
	char	date[11];
	int	work;
};

struct calendar {
	struct change	*changes;	/* sorted by date */
	size_t		 n;
	unsigned char	 covered[YEARS];
};

static struct calendar	*current;
static pthread_rwlock_t	 lock = PTHREAD_RWLOCK_INITIALIZER;
static pthread_mutex_t	 warn_lock = PTHREAD_MUTEX_INITIALIZER;
static char		 warned_on[11];

static void
calendar_free(struct calendar *c)
{
	if (c != NULL)
		free(c->changes);
	free(c);
}

static int
by_date(const void *a, const void *b)
{
	return (strcmp(((const struct change *)a)->date,
	    ((const struct change *)b)->date));
}

/* The year of a YYYY-MM-DD date, 0 outside the years kept. */
static int
year_of(const char *date)
{
	int	y = atoi(date);

	return (y >= YEAR_MIN && y <= YEAR_MAX ? y : 0);
}

/* A real calendar date, YYYY-MM-DD. */
static int
is_date(const char *s)
{
	char	back[11];

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    year_of(s) == 0)
		return (0);
	clock_add_days(s, 0, back);
	return (strcmp(back, s) == 0);
}

/* Adds one change; -1 when the date is already listed the other way. */
static int
add_change(struct calendar *c, size_t *alloc, const char *date, int work)
{
	size_t	i;

	for (i = 0; i < c->n; i++) {
		if (strcmp(c->changes[i].date, date) == 0)
			return (c->changes[i].work == work ? 0 : -1);
	}
	if (c->n == *alloc) {
		*alloc = *alloc == 0 ? 64 : *alloc * 2;
		c->changes = xreallocarray(c->changes, *alloc,
		    sizeof *c->changes);
	}
	memcpy(c->changes[c->n].date, date, 11);
	c->changes[c->n++].work = work;
	c->covered[year_of(date) - YEAR_MIN] = 1;
	return (0);
}

/* "DATE[..DATE] off|work [note]" or "year YYYY"; NULL, or the reason
 * the line is refused. */
static const char *
parse_line(struct calendar *c, size_t *alloc, char *line)
{
	char	*first, *kind, cur[11], last[11];
	int	 work, y;

	first = strtok(line, " \t");
	kind = strtok(NULL, " \t");
	if (first == NULL || *first == '#')
		return (NULL);
	if (strcmp(first, "year") == 0) {
		y = kind != NULL ? atoi(kind) : 0;
		if (kind == NULL || strlen(kind) != 4 || y < YEAR_MIN ||
		    y > YEAR_MAX)
			return ("want year YYYY");
		c->covered[y - YEAR_MIN] = 1;
		return (NULL);
	}
	if (kind == NULL || (strcmp(kind, "off") != 0 &&
	    strcmp(kind, "work") != 0))
		return ("want DATE off|work [note]");
	work = strcmp(kind, "work") == 0;
	if (strlen(first) == 22 && strncmp(first + 10, "..", 2) == 0) {
		snprintf(last, sizeof last, "%s", first + 12);
		first[10] = '\0';
	} else
		snprintf(last, sizeof last, "%s", first);
	if (!is_date(first) || !is_date(last) || strcmp(first, last) > 0 ||
	    year_of(first) != year_of(last))
		return ("not a date (YYYY-MM-DD) or a range within one year");
	snprintf(cur, sizeof cur, "%s", first);
	for (;;) {
		if (add_change(c, alloc, cur, work) != 0)
			return ("the day is listed both off and on");
		if (strcmp(cur, last) == 0)
			break;
		clock_add_days(cur, 1, cur);
	}
	return (NULL);
}

int
calendar_load(const char *path, char **cause)
{
	struct calendar	*c, *old;
	FILE		*f;
	char		 line[512];
	const char	*why = NULL;
	size_t		 alloc = 0;
	int		 lineno = 0;

	if ((f = fopen(path, "r")) == NULL) {
		*cause = xasprintf("cannot read calendar %s", path);
		return (-1);
	}
	c = xcalloc(1, sizeof *c);
	while (why == NULL && fgets(line, sizeof line, f) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f))
			why = "line too long";
		else {
			line[strcspn(line, "\r\n")] = '\0';
			why = parse_line(c, &alloc, line);
		}
	}
	fclose(f);
	if (why != NULL) {
		*cause = xasprintf("%s:%d: %s", path, lineno, why);
		calendar_free(c);
		return (-1);
	}
	qsort(c->changes, c->n, sizeof *c->changes, by_date);
	pthread_rwlock_wrlock(&lock);
	old = current;
	current = c;
	pthread_rwlock_unlock(&lock);
	calendar_free(old);
	return (0);
}

void
calendar_clear(void)
{
	struct calendar	*old;

	pthread_rwlock_wrlock(&lock);
	old = current;
	current = NULL;
	pthread_rwlock_unlock(&lock);
	calendar_free(old);
}

char *
calendar_default_path(void)
{
	static const char	*rel[] = { "../share/bianmin/calendar-cn.txt",
	    "../server/data/calendar-cn.txt" };
	char			 exe[PATH_MAX], *slash, *p;
	ssize_t			 n;
	size_t			 i;

	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	exe[n > 0 ? n : 0] = '\0';
	if ((slash = strrchr(exe, '/')) != NULL)
		*slash = '\0';
	for (i = 0; i < sizeof rel / sizeof *rel; i++) {
		p = xasprintf("%s/%s", exe, rel[i]);
		if (access(p, R_OK) == 0)
			return (p);
		free(p);
	}
	p = xstrdup(DATADIR "/calendar-cn.txt");
	if (access(p, R_OK) == 0)
		return (p);
	free(p);
	return (NULL);
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

/* Once a day at most: a date past the calendar was counted. */
static void
warn_uncovered(const char *date)
{
	char	today[11];

	clock_date(clock_now(), today);
	pthread_mutex_lock(&warn_lock);
	if (strcmp(warned_on, today) != 0) {
		memcpy(warned_on, today, sizeof warned_on);
		log_info("warning: the working-day calendar does not cover %.4s;"
		    " counting weekends only: load that year's schedule "
		    "(docs/calendar.md)", date);
	}
	pthread_mutex_unlock(&warn_lock);
}

int
calendar_workday(const char *date)
{
	struct change	 key, *hit;
	int		 y = year_of(date), wd = weekday(date), covered = 0;
	int		 listed = -1;

	snprintf(key.date, sizeof key.date, "%s", date);
	pthread_rwlock_rdlock(&lock);
	if (current != NULL && y != 0) {
		covered = current->covered[y - YEAR_MIN];
		hit = bsearch(&key, current->changes, current->n,
		    sizeof key, by_date);
		if (hit != NULL)
			listed = hit->work;
	}
	pthread_rwlock_unlock(&lock);
	if (!covered)
		warn_uncovered(date);
	if (listed != -1)
		return (listed);
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

void
calendar_until(const char *date, char *out)
{
	int	y = year_of(date);

	*out = '\0';
	pthread_rwlock_rdlock(&lock);
	if (current != NULL && y != 0 && current->covered[y - YEAR_MIN]) {
		while (y < YEAR_MAX && current->covered[y + 1 - YEAR_MIN])
			y++;
		snprintf(out, 11, "%04d-12-31", y);
	}
	pthread_rwlock_unlock(&lock);
}
