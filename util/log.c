/* File logging with personal-number scrubbing. */
#include <ctype.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static FILE		*log_file;
static int		 log_verbose;
static pthread_mutex_t	 log_lock = PTHREAD_MUTEX_INITIALIZER;

/* Opens the log (0600); "-" means stderr, for the server in a terminal. */
int
log_open(const char *path)
{
	int	fd;

	log_close();
	log_verbose = 1;
	if (strcmp(path, "-") == 0) {
		log_file = stderr;
		return (0);
	}
	fd = open(path, O_WRONLY|O_CREAT|O_APPEND|O_CLOEXEC, 0600);
	if (fd == -1 || (log_file = fdopen(fd, "a")) == NULL) {
		if (fd != -1)
			close(fd);
		return (-1);
	}
	setvbuf(log_file, NULL, _IOLBF, 0);
	return (0);
}

void
log_close(void)
{
	if (log_file != NULL && log_file != stderr)
		fclose(log_file);
	log_file = NULL;
	log_verbose = 0;
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

void
log_scrub(char *s)
{
	size_t	i, j, n;

	for (i = 0; s[i] != '\0'; i = j) {
		if (!isdigit((unsigned char)s[i])) {
			j = i + 1;
			continue;
		}
		if ((n = landline(s + i)) != 0) {
			memset(s + i + 3, '*', n - 7);
			j = i + n;
			continue;
		}
		for (j = i; isdigit((unsigned char)s[j]); j++)
			;
		if (s[j] == 'X' || s[j] == 'x')
			j++;
		n = j - i;
		/* a landline without its hyphen may be ten digits */
		if (n >= 11 || (n == 10 && s[i] == '0'))
			memset(s + i + 3, '*', n - 7);
	}
}

static void
log_vwrite(const char *level, const char *fmt, va_list ap)
{
	char		*msg;
	struct timespec	 ts;
	struct tm	 tm;

	if (log_file == NULL)
		return;
	if (vasprintf(&msg, fmt, ap) == -1)
		return;
	log_scrub(msg);
	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	pthread_mutex_lock(&log_lock);
	fprintf(log_file, "%02d:%02d:%02d.%03ld %s %s\n", tm.tm_hour,
	    tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000, level, msg);
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
	log_vwrite("debug", fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite("info", fmt, ap);
	va_end(ap);
}
