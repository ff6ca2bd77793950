/* Listing CUPS's printers without blocking the terminal: a child asks
 * and writes one line per printer ("P name<TAB>info", "E cause"), the
 * loop reads them as they come. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "cups-list.h"
#include "loop.h"
#include "../locale/text.h"
#include "../printing/cups.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

#define MAX_DESTS	200

struct cups_listing {
	pid_t		 pid;
	int		 fd;
	struct buf	 in;
	cups_listed	 done;
	void		*arg;
};

/* The child's side: ask, write, leave (no atexit handlers: the
 * terminal belongs to the parent). */
static void
child(int fd)
{
	struct pcups_dest	*d = NULL;
	char			*cause = NULL, *line;
	int			 n, i;

	if ((n = pcups_list(&d, &cause)) < 0) {
		line = xasprintf("E %s\n", cause != NULL ? cause : "?");
		if (write(fd, line, strlen(line)) < 0)
			_exit(1);
		_exit(0);
	}
	for (i = 0; i < n && i < MAX_DESTS; i++) {
		line = xasprintf("P %s\t%s\t%d\n", d[i].name, d[i].info,
		    d[i].is_default);
		if (write(fd, line, strlen(line)) < 0)
			_exit(1);
		free(line);
	}
	_exit(0);
}

static void
finish(struct cups_listing *l)
{
	loop_unwatch(l->fd);
	close(l->fd);
	l->fd = -1;
	if (l->pid > 0)
		waitpid(l->pid, NULL, 0);	/* it has closed its end */
	l->pid = -1;
}

/* Moves entry d to the front, keeping the others' order. */
static void
to_front(char **v, int d)
{
	char	*keep = v[d];

	memmove(v + 1, v, (size_t)d * sizeof *v);
	v[0] = keep;
}

/* "P name\tinfo\tdefault" lines into two lists, the default first. */
static int
parse(char *text, char **names, char **infos, char **cause)
{
	char	*line, *name, *info, *def;
	int	 n = 0, first = -1;

	while ((line = strsep(&text, "\n")) != NULL) {
		if (line[0] == 'E' && line[1] == ' ' && *cause == NULL)
			*cause = utf8_sanitize(line + 2, 0);
		if (line[0] != 'P' || line[1] != ' ' || n == MAX_DESTS)
			continue;
		name = line + 2;
		if ((info = strchr(name, '\t')) == NULL ||
		    (def = strchr(info + 1, '\t')) == NULL)
			continue;
		*info++ = *def++ = '\0';
		if (*def == '1')
			first = n;
		names[n] = utf8_sanitize(name, 0);
		infos[n++] = utf8_sanitize(info, 0);
	}
	if (first > 0) {
		to_front(names, first);
		to_front(infos, first);
	}
	return (n);
}

static void
deliver(struct cups_listing *l)
{
	char	*names[MAX_DESTS], *infos[MAX_DESTS], *cause = NULL;
	int	 n, i;

	buf_add(&l->in, "", 1);
	n = parse(l->in.data, names, infos, &cause);
	l->done(names, infos, n, cause, l->arg);
	for (i = 0; i < n; i++) {
		free(names[i]);
		free(infos[i]);
	}
	free(cause);
}

/* Readable: take what came; at the end, the child is done. */
static void
readable(void *arg)
{
	struct cups_listing	*l = arg;
	char			 chunk[4096];
	ssize_t			 got;

	while ((got = read(l->fd, chunk, sizeof chunk)) > 0)
		buf_add(&l->in, chunk, (size_t)got);
	if (got < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	finish(l);
	deliver(l);
	buf_free(&l->in);
	free(l);
}

struct cups_listing *
cups_listing_start(cups_listed done, void *arg)
{
	struct cups_listing	*l;
	int			 fds[2];
	pid_t			 pid;

	if (pipe2(fds, O_CLOEXEC) != 0)
		return (NULL);
	if ((pid = fork()) == -1) {
		close(fds[0]);
		close(fds[1]);
		return (NULL);
	}
	if (pid == 0) {
		close(fds[0]);
		child(fds[1]);
	}
	close(fds[1]);
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	l = xcalloc(1, sizeof *l);
	l->pid = pid;
	l->fd = fds[0];
	l->done = done;
	l->arg = arg;
	buf_init(&l->in);
	if (loop_watch(l->fd, readable, l) != 0) {
		cups_listing_cancel(l);
		return (NULL);
	}
	return (l);
}

void
cups_listing_cancel(struct cups_listing *l)
{
	if (l == NULL)
		return;
	if (l->pid > 0)
		kill(l->pid, SIGTERM);
	finish(l);
	buf_free(&l->in);
	free(l);
}
