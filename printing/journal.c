/* The print journal: an append-only file of tab-separated lines. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc.h"
#include "journal.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

struct journal {
	char		*path;
	int		 fd;
	off_t		 read_to;
	struct pj_entry	*e;		/* last entry per id, in first order */
	size_t		 n;
};

static const char *state_names[] = {
	"none", "pending", "sent", "done", "aborted", "failed", "unknown"
};

/* The word a state has in the file. */
const char *
journal_state_name(enum pj_state s)
{
	return (state_names[s]);
}

/* Only what never reached a printer may print again as an original. */
int
journal_maybe_printed(enum pj_state s)
{
	return (s != PJ_NONE && s != PJ_FAILED);
}

/* Frees the strings of an entry. */
static void
entry_free(struct pj_entry *e)
{
	free(e->id);
	free(e->sink);
	free(e->dest);
	free(e->detail);
}

/* A field for the file: no tab or newline may split a line. */
static char *
field(const char *s)
{
	char	*out = pdoc_clean(s != NULL && *s != '\0' ? s : "-", 0), *p;

	for (p = out; *p != '\0'; p++)
		if (*p == '\t')
			*p = ' ';
	return (out);
}

/* Keeps the newest entry of each id, in the order ids first came. */
static void
remember(struct journal *j, const struct pj_entry *e)
{
	size_t		 i;
	struct pj_entry	*slot = NULL;

	for (i = 0; i < j->n; i++)
		if (strcmp(j->e[i].id, e->id) == 0)
			slot = &j->e[i];
	if (slot == NULL) {
		j->e = xreallocarray(j->e, j->n + 1, sizeof *j->e);
		slot = &j->e[j->n++];
	} else
		entry_free(slot);
	*slot = *e;
	slot->id = xstrdup(e->id);
	slot->sink = xstrdup(e->sink != NULL ? e->sink : "-");
	slot->dest = xstrdup(e->dest != NULL ? e->dest : "-");
	slot->detail = xstrdup(e->detail != NULL ? e->detail : "-");
}

/* Reads one journal line; a torn or unknown one is skipped. */
static void
parse_line(struct journal *j, char *line)
{
	char		*f[8];
	int		 n = 0;
	size_t		 s;
	struct pj_entry	 e;

	f[n++] = line;
	while (n < 8 && (line = strchr(line, '\t')) != NULL) {
		*line++ = '\0';
		f[n++] = line;
	}
	if (n != 8)
		return;		/* a torn last line from a crash */
	memset(&e, 0, sizeof e);
	for (s = 1; s < sizeof state_names / sizeof *state_names; s++)
		if (strcmp(f[3], state_names[s]) == 0)
			e.state = (enum pj_state)s;
	if (e.state == PJ_NONE)
		return;
	e.at = (time_t)strtoll(f[0], NULL, 10);
	e.id = f[1];
	e.copy = atoi(f[2]);
	e.sink = f[4];
	e.dest = f[5];
	e.job = atoi(f[6]);
	e.detail = f[7];
	remember(j, &e);
}

/* Reads whatever another process has appended since. */
void
journal_refresh(struct journal *j)
{
	struct buf	 b;
	char		 chunk[4096], *line, *nl;
	ssize_t		 n;
	size_t		 used = 0;

	buf_init(&b);
	buf_add(&b, "", 0);
	while ((n = pread(j->fd, chunk, sizeof chunk,
	    j->read_to + (off_t)b.len)) > 0)
		buf_add(&b, chunk, (size_t)n);
	for (line = b.data; (nl = strchr(line, '\n')) != NULL; line = nl + 1) {
		*nl = '\0';
		parse_line(j, line);
		used = (size_t)(nl + 1 - b.data);
	}
	j->read_to += (off_t)used;
	buf_free(&b);
}

/* Opens the journal of a state folder, private to its user. */
struct journal *
journal_open(const char *path, char **cause)
{
	struct journal	*j;
	int		 fd;

	fd = open(path, O_RDWR|O_CREAT|O_APPEND|O_CLOEXEC, 0600);
	if (fd == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return (NULL);
	}
	fchmod(fd, 0600);
	j = xcalloc(1, sizeof *j);
	j->path = xstrdup(path);
	j->fd = fd;
	journal_refresh(j);
	return (j);
}

/* Closes the journal; NULL is fine. */
void
journal_free(struct journal *j)
{
	size_t	i;

	if (j == NULL)
		return;
	for (i = 0; i < j->n; i++)
		entry_free(&j->e[i]);
	free(j->e);
	close(j->fd);
	free(j->path);
	free(j);
}

/* Records a step durably before anyone acts on it. */
int
journal_append(struct journal *j, const struct pj_entry *e, char **cause)
{
	char	*sink = field(e->sink), *dest = field(e->dest);
	char	*detail = field(e->detail), *line;
	ssize_t	 n;
	int	 rc = 0;

	line = xasprintf("%lld\t%s\t%d\t%s\t%s\t%s\t%d\t%s\n",
	    (long long)(e->at != 0 ? e->at : time(NULL)), e->id, e->copy,
	    state_names[e->state], sink, dest, e->job, detail);
	/* one write of a short line: O_APPEND keeps lines whole */
	n = write(j->fd, line, strlen(line));
	if (n != (ssize_t)strlen(line)) {
		*cause = xasprintf("%s: %s", j->path, n == -1 ?
		    strerror(errno) : "short write");
		rc = -1;
	} else if (fsync(j->fd) != 0) {	/* fatal for this write */
		*cause = xasprintf("%s: %s", j->path, strerror(errno));
		rc = -1;
	}
	free(line);
	free(sink);
	free(dest);
	free(detail);
	journal_refresh(j);
	return (rc);
}

/* What the journal last said about a document. */
const struct pj_entry *
journal_last(struct journal *j, const char *id)
{
	size_t	i;

	for (i = 0; i < j->n; i++)
		if (strcmp(j->e[i].id, id) == 0)
			return (&j->e[i]);
	return (NULL);
}

/* Walks every document the journal knows. */
void
journal_each(struct journal *j, void (*fn)(const struct pj_entry *, void *),
    void *arg)
{
	size_t	i;

	for (i = 0; i < j->n; i++)
		fn(&j->e[i], arg);
}
