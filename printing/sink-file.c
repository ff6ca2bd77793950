/* The file sink: what would have been printed, kept in a folder. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sink-file.h"
#include "../util/xmalloc.h"

/* Makes a private folder and the folders above it. */
int
sink_mkdirs(const char *dir, char **cause)
{
	char	*p, *path = xstrdup(dir);
	int	 rc = 0;

	for (p = path + 1; rc == 0 && *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	if (rc == 0 && mkdir(path, 0700) != 0 && errno != EEXIST)
		rc = -1;
	if (rc != 0)
		*cause = xasprintf("%s: %s", path, strerror(errno));
	free(path);
	return (rc);
}

/* Writes everything, through short writes and signals. */
static int
write_all(int fd, const char *p, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		p += n;
		len -= (size_t)n;
	}
	return (0);
}

/* A file is there whole or not at all: temp, fsync, rename, fsync the
 * folder. */
int
sink_file_write(const char *dir, const char *name, const void *data,
    size_t len, char **path, char **cause)
{
	char	*tmp, *final;
	int	 fd, dfd, rc = -1;

	if (sink_mkdirs(dir, cause) != 0)
		return (-1);
	final = xasprintf("%s/%s", dir, name);
	tmp = xasprintf("%s/.%s.tmp", dir, name);
	fd = open(tmp, O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0600);
	if (fd == -1 || write_all(fd, data, len) != 0 || fsync(fd) != 0 ||
	    close(fd) != 0 || rename(tmp, final) != 0) {
		*cause = xasprintf("%s: %s", final, strerror(errno));
		if (fd != -1)
			close(fd);
		unlink(tmp);
	} else {
		if ((dfd = open(dir, O_RDONLY|O_DIRECTORY|O_CLOEXEC)) != -1) {
			fsync(dfd);
			close(dfd);
		}
		*path = final;
		final = NULL;
		rc = 0;
	}
	free(final);
	free(tmp);
	return (rc);
}
