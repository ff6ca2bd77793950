/* Reading and checking secrets. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "secrets.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

/* Says so when path exists and its group or others may read it. */
static void
warn_if_readable(const char *path)
{
	struct stat	sb;

	if (stat(path, &sb) != 0 || (sb.st_mode & 077) == 0)
		return;
	fprintf(stderr, "bianmind: warning: %s holds a secret and is "
	    "readable by others (mode %03o); chmod 600 it\n", path,
	    (unsigned)(sb.st_mode & 0777));
	log_warn("%s holds a secret and is readable by others (mode %03o)",
	    path, (unsigned)(sb.st_mode & 0777));
}

char *
secret_read(const char *path, char **cause)
{
	FILE	*f;
	char	 line[1024];
	size_t	 n;

	if ((f = fopen(path, "r")) == NULL) {
		*cause = xasprintf("cannot read %s: %s", path,
		    strerror(errno));
		return (NULL);
	}
	warn_if_readable(path);
	if (fgets(line, sizeof line, f) == NULL)
		line[0] = '\0';
	fclose(f);
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	if (n == 0) {
		*cause = xasprintf("%s is empty", path);
		return (NULL);
	}
	return (xstrdup(line));
}

void
secret_check_target(const char *target)
{
	const char	*at, *p, *file;
	char		*home;

	if (strncmp(target, "postgres", 8) != 0)
		return;
	p = strstr(target, "://");
	at = strchr(target, '@');
	if ((p != NULL && at != NULL && memchr(p + 3, ':', (size_t)(at -
	    p - 3)) != NULL) || strstr(target, "password=") != NULL) {
		fprintf(stderr, "bianmind: warning: the database password is "
		    "written in --db, where every user of this machine can "
		    "read it; put it in db-password-file or PGPASSFILE\n");
		log_warn("the database password is written in --db");
	}
	if ((file = getenv("PGPASSFILE")) != NULL) {
		warn_if_readable(file);
		return;
	}
	if (getenv("HOME") != NULL) {
		home = xasprintf("%s/.pgpass", getenv("HOME"));
		warn_if_readable(home);
		free(home);
	}
}
