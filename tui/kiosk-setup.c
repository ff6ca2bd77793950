/* The self-service terminal's setup: idle time, keys, the password. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "keycodes.h"
#include "kiosk-setup.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

int
kiosk_idle_seconds(long configured)
{
	if (configured <= 0)
		return (KIOSK_IDLE_DEFAULT);
	if (configured > KIOSK_IDLE_MAX)
		return (KIOSK_IDLE_MAX);
	return ((int)configured);
}

long
kiosk_parse_idle(const char *s)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0 || v < 1 ||
	    v > KIOSK_IDLE_MAX)
		return (-1);
	return (v);
}

int
kiosk_key_allowed(int key)
{
	if (key >= '0' && key <= '9')
		return (1);
	return (key == 'X' || key == 'x' || key == TK_ENTER || key == '\n' ||
	    key == TK_ESC || key == '+' || key == '-');
}

/* A regular file of this user that nobody else may read or write. */
static int
private_stat(const struct stat *st)
{
	return (S_ISREG(st->st_mode) && st->st_uid == geteuid() &&
	    (st->st_mode & 077) == 0);
}

int
kiosk_file_private(const char *path)
{
	struct stat	st;

	return (stat(path, &st) == 0 && private_stat(&st));
}

char *
kiosk_read_secret(const char *path, char **cause)
{
	struct stat	 st;
	char		 line[512], *secret;
	FILE		*f;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
		*cause = xasprintf(_("cannot open %s: %s"), path,
		    strerror(errno));
		return (NULL);
	}
	if (fstat(fd, &st) != 0 || !private_stat(&st)) {
		close(fd);
		*cause = xasprintf(_("%s must be a file of this user with mode "
		    "0600 (chmod 600 %s)"), path, path);
		return (NULL);
	}
	if ((f = fdopen(fd, "r")) == NULL || fgets(line, sizeof line,
	    f) == NULL) {
		if (f != NULL)
			fclose(f);
		else
			close(fd);
		*cause = xasprintf(_("%s is empty"), path);
		return (NULL);
	}
	fclose(f);
	line[strcspn(line, "\r\n")] = '\0';
	secret = *line != '\0' ? xstrdup(line) : NULL;
	explicit_bzero(line, sizeof line);
	if (secret == NULL)
		*cause = xasprintf(_("%s is empty"), path);
	return (secret);
}
