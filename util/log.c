/* Logging to a file or stderr, one dated line an event, with
 * personal-number scrubbing; syslog priority prefixes for journald. */
#include <ctype.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "log.h"

static FILE		*log_file;
static char		*log_path;
static int		 log_verbose;
static int		 log_journal;
static pthread_mutex_t	 log_lock = PTHREAD_MUTEX_INITIALIZER;

/* 1 when stderr is the stream systemd gave us to the journal: then
 * journald reads a "<N>" prefix as the line's priority. */
static int
stderr_is_journal(void)
{
	const char	*js = getenv("JOURNAL_STREAM");
	struct stat	 sb;
	unsigned long	 dev, ino;

	if (js == NULL || sscanf(js, "%lu:%lu", &dev, &ino) != 2)
		return (0);
	if (fstat(STDERR_FILENO, &sb) != 0)
		return (0);
	return ((unsigned long)sb.st_dev == dev &&
	    (unsigned long)sb.st_ino == ino);
}

/* Opens path (0600, appending) as the log; "-" is stderr. */
static FILE *
open_path(const char *path)
{
	FILE	*f;
	int	 fd;

	if (strcmp(path, "-") == 0)
		return (stderr);
	fd = open(path, O_WRONLY|O_CREAT|O_APPEND|O_CLOEXEC, 0600);
	if (fd == -1 || (f = fdopen(fd, "a")) == NULL) {
		if (fd != -1)
			close(fd);
		return (NULL);
	}
	setvbuf(f, NULL, _IOLBF, 0);
	return (f);
}

int
log_open(const char *path)
{
	FILE	*f;

	if ((f = open_path(path)) == NULL)
		return (-1);
	log_close();
	log_file = f;
	log_path = strcmp(path, "-") != 0 ? strdup(path) : NULL;
	log_journal = f == stderr && stderr_is_journal();
	log_verbose = 1;
	return (0);
}

void
log_to_stderr(void)
{
	log_close();
	log_file = stderr;
	log_journal = stderr_is_journal();
}

void
log_set_verbose(int verbose)
{
	log_verbose = verbose;
}

int
log_reopen(void)
{
	FILE	*f, *old;

	if (log_path == NULL)
		return (0);
	/* a rotated file is replaced by a new one of the same name; a line
	 * being written goes to the old file or the new, never lost */
	if ((f = open_path(log_path)) == NULL)
		return (-1);
	pthread_mutex_lock(&log_lock);
	old = log_file;
	log_file = f;
	pthread_mutex_unlock(&log_lock);
	if (old != NULL && old != stderr)
		fclose(old);
	return (0);
}

void
log_close(void)
{
	if (log_file != NULL && log_file != stderr)
		fclose(log_file);
	log_file = NULL;
	free(log_path);
	log_path = NULL;
	log_verbose = 0;
	log_journal = 0;
}

/* A landline written with its hyphen, 0AA-NNNNNNNN: its length, or 0. */
static size_t
landline(const char *s)
{
	size_t	area, n;

	area = strspn(s, "0123456789");
	if (s[0] != '0' || area < 3 || area > 4 || s[area] != '-')
		return (0);
	n = strspn(s + area + 1, "0123456789");
	return (n >= 7 && n <= 8 ? area + 1 + n : 0);
}

/* A digit as people type it: ASCII, or full width (U+FF10..U+FF19, what
 * a Chinese input method gives in its full-width mode). Its bytes, or 0. */
static size_t
digit_at(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;

	if (isdigit(u[0]))
		return (1);
	if (u[0] == 0xef && u[1] == 0xbc && u[2] >= 0x90 && u[2] <= 0x99)
		return (3);
	return (0);
}

/* The check character X of an ID number, either width: its bytes, or 0. */
static size_t
x_at(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;

	if (u[0] == 'X' || u[0] == 'x')
		return (1);
	if (u[0] == 0xef && ((u[1] == 0xbc && u[2] == 0xb8) ||
	    (u[1] == 0xbd && u[2] == 0x98)))
		return (3);
	return (0);
}

/* Masks all but the first three and last four characters of a number of
 * n characters from s, in place: a full-width one by a full-width star,
 * so the text keeps its length. */
static void
mask_number(char *s, size_t n)
{
	size_t	k, w;

	for (k = 0; k < n; k++, s += w) {
		if ((w = digit_at(s)) == 0)
			w = x_at(s);
		if (k < 3 || k + 4 >= n)
			continue;
		if (w == 1)
			*s = '*';
		else
			memcpy(s, "\xef\xbc\x8a", 3);	/* U+FF0A */
	}
}

void
log_scrub(char *s)
{
	size_t	i, j, n, w;

	for (i = 0; s[i] != '\0'; i = j) {
		if (digit_at(s + i) == 0) {
			j = i + 1;
			continue;
		}
		if ((n = landline(s + i)) != 0) {
			memset(s + i + 3, '*', n - 7);
			j = i + n;
			continue;
		}
		for (n = 0, j = i; (w = digit_at(s + j)) != 0; j += w)
			n++;
		if ((w = x_at(s + j)) != 0) {
			j += w;
			n++;
		}
		/* a landline without its hyphen may be ten digits */
		if (n >= 11 || (n == 10 && (s[i] == '0' ||
		    strncmp(s + i, "\xef\xbc\x90", 3) == 0)))
			mask_number(s + i, n);
	}
}

/* One line: the local date and time to the millisecond with the zone's
 * offset, the level and the message, after a "<N>" for journald. */
static void
log_vwrite(int prio, const char *level, const char *fmt, va_list ap)
{
	char		*msg, when[32], zone[8];
	struct timespec	 ts;
	struct tm	 tm;

	if (log_file == NULL)
		return;
	if (vasprintf(&msg, fmt, ap) == -1)
		return;
	log_scrub(msg);
	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
	strftime(zone, sizeof zone, "%z", &tm);
	pthread_mutex_lock(&log_lock);
	if (log_journal)
		fprintf(log_file, "<%d>", prio);
	fprintf(log_file, "%s.%03ld%s %s %s\n", when, ts.tv_nsec / 1000000,
	    zone, level, msg);
	pthread_mutex_unlock(&log_lock);
	free(msg);
}

void
log_debug(const char *fmt, ...)
{
	va_list	ap;

	if (!log_verbose)
		return;
	va_start(ap, fmt);
	log_vwrite(7, "debug", fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(6, "info", fmt, ap);
	va_end(ap);
}

void
log_warn(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(4, "warning", fmt, ap);
	va_end(ap);
}

void
log_error(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(3, "error", fmt, ap);
	va_end(ap);
}
