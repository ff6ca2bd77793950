/* The descriptors the loop waits on beside the terminal (a child's
 * pipe): who wants them, and what runs when one is readable. */
#include "watch.h"

static struct watch {
	int	  fd;
	void	(*fn)(void *);
	void	 *arg;
}		watched[MAX_WATCH];
static int	nwatched;

/* fn(arg) runs from the loop while fd is readable. */
int
watch_add(int fd, void (*fn)(void *), void *arg)
{
	if (nwatched == MAX_WATCH)
		return (-1);
	watched[nwatched++] = (struct watch){ fd, fn, arg };
	return (0);
}

/* fd is no longer waited on. */
void
watch_remove(int fd)
{
	int	i;

	for (i = 0; i < nwatched; i++) {
		if (watched[i].fd == fd) {
			watched[i] = watched[--nwatched];
			return;
		}
	}
}

/* The descriptors to poll, beside the terminal and the transfers. */
int
watch_fds(struct curl_waitfd *fds)
{
	int	i;

	for (i = 0; i < nwatched; i++) {
		fds[i].fd = watched[i].fd;
		fds[i].events = CURL_WAIT_POLLIN;
		fds[i].revents = 0;
	}
	return (nwatched);
}

/* A callback may unwatch (itself or another), so each fd is looked up
 * again before its callback runs. */
void
watch_poll(const struct curl_waitfd *fds, int n)
{
	int	i, j;

	for (i = 0; i < n; i++) {
		if (fds[i].revents == 0)
			continue;
		for (j = 0; j < nwatched; j++) {
			if (watched[j].fd == fds[i].fd) {
				watched[j].fn(watched[j].arg);
				break;
			}
		}
	}
}

/* After a reply: the link came back, so what waits goes now. */
