/* Folders and durable files for the client's state. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "paths.h"
#include "xmalloc.h"

int
paths_mkdirs(const char *path)
{
	char	*copy = xstrdup(path), *p;
	int	 rc = 0;

	for (p = copy + 1; *p != '\0' && rc == 0; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	if (rc == 0 && mkdir(copy, 0700) != 0 && errno != EEXIST)
		rc = -1;
	free(copy);
	return (rc);
}

char *
paths_state(const char *sub)
{
	const char	*xdg = getenv("XDG_STATE_HOME");
	const char	*home = getenv("HOME");
	char		*base, *dir;

	if (xdg != NULL && *xdg == '/')
		base = xasprintf("%s/bianmin", xdg);
	else
		base = xasprintf("%s/.local/state/bianmin",
		    home != NULL && *home != '\0' ? home : ".");
	dir = sub != NULL ? xasprintf("%s/%s", base, sub) : xstrdup(base);
	/* personal data lives here: nobody else may look in */
	if (paths_mkdirs(dir) != 0 || chmod(base, 0700) != 0 ||
	    chmod(dir, 0700) != 0) {
		free(base);
		free(dir);
		return (NULL);
	}
	free(base);
	return (dir);
}

static int
fsync_dir(const char *path)
{
	char	*dir = xstrdup(path), *slash;
	int	 fd, rc;

	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	fd = open(slash != NULL ? dir : ".", O_RDONLY | O_DIRECTORY);
	free(dir);
	if (fd == -1)
		return (-1);
	rc = fsync(fd);
	close(fd);
	return (rc);
}

int
paths_write_file(const char *path, const void *data, size_t len)
{
	char		*tmp = xasprintf("%s.tmp", path);
	const char	*p = data;
	ssize_t		 n;
	int		 fd, saved;

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd == -1)
		goto fail;
	while (len > 0) {
		if ((n = write(fd, p, len)) < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		p += n;
		len -= (size_t)n;
	}
	/* a failed fsync is a failed save: nothing may claim it is stored */
	if (fsync(fd) != 0 || close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0 || fsync_dir(path) != 0)
		goto fail;
	free(tmp);
	return (0);
fail:
	saved = errno;
	if (fd != -1)
		close(fd);
	unlink(tmp);
	free(tmp);
	errno = saved;
	return (-1);
}
