/* Printers outside CUPS: raw TCP (JetDirect, port 9100) and device
 * files. */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sink-raw.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

#define SINK_TIMEOUT_MS	10000

/* Writes everything, waiting at most SINK_TIMEOUT_MS for each chunk. */
static int
send_all(int fd, const char *p, size_t len, int *sent)
{
	struct pollfd	pfd = { .fd = fd, .events = POLLOUT };
	ssize_t		n;

	while (len > 0) {
		if (poll(&pfd, 1, SINK_TIMEOUT_MS) != 1) {
			errno = ETIMEDOUT;
			return (-1);
		}
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return (-1);
		}
		*sent = 1;
		p += n;
		len -= (size_t)n;
	}
	return (0);
}

/* A connection to host:port within the time limit, or -1. */
static int
dial(const char *hostport, char **cause)
{
	struct addrinfo	 hints, *res, *ai;
	struct pollfd	 pfd;
	char		*host = xstrdup(hostport), *port = "9100", *colon;
	int		 fd = -1, err = 0, e;
	socklen_t	 elen = sizeof err;

	if ((colon = strrchr(host, ':')) != NULL) {
		*colon = '\0';
		port = colon + 1;
	}
	memset(&hints, 0, sizeof hints);
	hints.ai_socktype = SOCK_STREAM;
	if ((e = getaddrinfo(host, port, &hints, &res)) != 0) {
		*cause = xasprintf("%s: %s", hostport, gai_strerror(e));
		free(host);
		return (-1);
	}
	for (ai = res; ai != NULL && fd == -1; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype|SOCK_NONBLOCK|
		    SOCK_CLOEXEC, ai->ai_protocol);
		if (fd == -1)
			continue;
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		pfd.fd = fd;
		pfd.events = POLLOUT;
		if (errno != EINPROGRESS || poll(&pfd, 1, SINK_TIMEOUT_MS) != 1 ||
		    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) != 0 ||
		    err != 0) {
			err = err != 0 ? err : errno != EINPROGRESS ? errno :
			    ETIMEDOUT;
			close(fd);
			fd = -1;
		}
	}
	freeaddrinfo(res);
	if (fd == -1)
		*cause = xasprintf(_("Cannot reach printer %s: %s"), hostport,
		    strerror(err != 0 ? err : ECONNREFUSED));
	free(host);
	return (fd);
}

/* Sends a job to a raw TCP printer, knowing whether any byte left. */
int
sink_tcp_write(const char *hostport, const void *data, size_t len,
    int *sent, char **cause)
{
	int	fd;

	*sent = 0;
	if ((fd = dial(hostport, cause)) == -1)
		return (-1);
	if (send_all(fd, data, len, sent) != 0) {
		*cause = xasprintf(_("Printer %s stopped taking data: %s"),
		    hostport, strerror(errno));
		close(fd);
		return (-1);
	}
	shutdown(fd, SHUT_WR);
	close(fd);
	return (0);
}

/* Writes a job to a printer device file. */
int
sink_device_write(const char *path, const void *data, size_t len, int *sent,
    char **cause)
{
	int	fd;

	*sent = 0;
	fd = open(path, O_WRONLY|O_NOCTTY|O_CLOEXEC|O_NONBLOCK);
	if (fd == -1) {
		*cause = xasprintf(_("Cannot open printer %s: %s"), path,
		    strerror(errno));
		return (-1);
	}
	if (send_all(fd, data, len, sent) != 0 || close(fd) != 0) {
		*cause = xasprintf(_("Printer %s stopped taking data: %s"),
		    path, strerror(errno));
		close(fd);
		return (-1);
	}
	return (0);
}
