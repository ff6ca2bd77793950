/* Printing exactly once: the caller's side. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "print-int.h"
#include "sink.h"
#include "../locale/i18n.h"
#include "../util/buf.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

struct print_job {
	pid_t			 pid;
	int			 fd;
	int			 settled;
	enum print_status	 status;
	char			*message;
	char			*path;
	int			 cups_id;
	char			*what;		/* "id copy n", for the log */
	struct buf		 in;
};

/* A status as the log names it. */
static const char *
status_name(enum print_status st)
{
	static const char *const names[] = { "sending", "queued",
	    "printing", "stopped", "done", "failed", "aborted" };

	if ((unsigned)st < sizeof names / sizeof *names)
		return (names[st]);
	return ("?");
}

/* The word a sink has in the journal. */
const char *
print_sink_name(enum print_sink s)
{
	static const char *names[] = { "file", "cups", "tcp", "device" };

	return (names[s]);
}

/* The job title by which a lost job id is found again. */
char *
print_title(const char *id, int copy)
{
	return (xasprintf("bianmin %s #%d", id, copy));
}

/* A journal entry for a document, a target and a state. */
void
print_entry(struct pj_entry *e, const struct pdoc *d,
    const struct print_target *t, enum pj_state state, int job,
    const char *detail)
{
	memset(e, 0, sizeof e[0]);
	e->id = d->id;
	e->copy = d->copy;
	e->state = state;
	e->sink = (char *)print_sink_name(t->sink);
	e->dest = (char *)(t->dest != NULL ? t->dest : "-");
	e->job = job;
	e->detail = (char *)detail;
}

#ifndef LIBEXECDIR
#define LIBEXECDIR	"/usr/local/libexec"
#endif

/* bianmin-pdf beside the running program (a build tree), found through
 * /proc, else where make install puts it; BIANMIN_PDF overrides both. */
static char *
default_helper(void)
{
	char	 exe[4096], *dir, *path;
	ssize_t	 n;

	if (getenv("BIANMIN_PDF") != NULL && *getenv("BIANMIN_PDF") != '\0')
		return (xstrdup(getenv("BIANMIN_PDF")));
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		dir = dirname(exe);
		path = xasprintf("%s/bianmin-pdf", dir);
		if (access(path, X_OK) == 0)
			return (path);
		free(path);
	}
	return (xstrdup(LIBEXECDIR "/bianmin/bianmin-pdf"));
}

/* The prints folder and journal of a state folder. */
struct printer *
printer_new(const char *state_dir, char **cause)
{
	struct printer	*p = xcalloc(1, sizeof *p);
	char		*path;

	p->folder = xasprintf("%s/prints", state_dir);
	p->docs = xasprintf("%s/docs", p->folder);
	p->helper = default_helper();
	if (sink_mkdirs(p->docs, cause) != 0) {
		printer_free(p);
		return (NULL);
	}
	path = xasprintf("%s/journal", p->folder);
	p->journal = journal_open(path, cause);
	free(path);
	if (p->journal == NULL) {
		printer_free(p);
		return (NULL);
	}
	return (p);
}

/* Frees a printing context; NULL is fine. */
void
printer_free(struct printer *p)
{
	if (p == NULL)
		return;
	journal_free(p->journal);
	free(p->folder);
	free(p->docs);
	free(p->helper);
	free(p);
}

/* Where the file sink writes, to show the clerk. */
const char *
printer_folder(const struct printer *p)
{
	return (p->folder);
}

/* Uses another PDF helper (tests, installs elsewhere). */
void
printer_set_helper(struct printer *p, const char *helper)
{
	free(p->helper);
	p->helper = xstrdup(helper);
}

/* What the journal says of a document, read afresh. */
enum pj_state
printer_state(struct printer *p, const char *id, int *copy)
{
	const struct pj_entry	*e;

	journal_refresh(p->journal);
	e = journal_last(p->journal, id);
	if (copy != NULL)
		*copy = e != NULL ? e->copy : 0;
	return (e != NULL ? e->state : PJ_NONE);
}

/* Decides the copy number: the original, a retry of a copy that never
 * reached paper, or (asked for) the next reprint. */
static int
choose_copy(struct printer *p, struct pdoc *d, int reprint, char **cause)
{
	int		copy;
	enum pj_state	st = printer_state(p, d->id, &copy);

	if (st == PJ_PENDING || st == PJ_SENT) {
		*cause = xasprintf(_("%s is being printed already; wait for "
		    "it, or see the printer."), d->title);
		return (-1);
	}
	if (journal_maybe_printed(st)) {
		if (!reprint) {
			*cause = xasprintf(_("%s has been printed already: "
			    "print it again only as a reprint."), d->title);
			return (-1);
		}
		copy++;
	}
	pdoc_set_copy(d, copy);
	return (0);
}

/* The document is kept until it is printed, so that it can be printed
 * later even after a restart. */
static int
keep_document(struct printer *p, const struct pdoc *d, char **cause)
{
	char	*text = pdoc_serialize(d), *name, *path = NULL;
	int	 rc;

	name = xasprintf("%s.doc", d->id);
	rc = sink_file_write(p->docs, name, text, strlen(text), &path,
	    cause);
	free(path);
	free(name);
	free(text);
	return (rc);
}

/* Starts printing a document once, without blocking the caller. */
struct print_job *
print_start(struct printer *p, struct pdoc *d, const struct print_target *t,
    int reprint, char **cause)
{
	struct print_job	*j;
	struct pj_entry		 e;
	int			 fds[2];
	pid_t			 pid;

	if (choose_copy(p, d, reprint, cause) != 0 ||
	    keep_document(p, d, cause) != 0)
		return (NULL);
	print_entry(&e, d, t, PJ_PENDING, 0, NULL);
	if (journal_append(p->journal, &e, cause) != 0)
		return (NULL);
	if (pipe2(fds, O_CLOEXEC) != 0 || (pid = fork()) == -1) {
		*cause = xasprintf("fork: %s", strerror(errno));
		print_entry(&e, d, t, PJ_FAILED, 0, *cause);
		journal_append(p->journal, &e, cause);
		return (NULL);
	}
	if (pid == 0) {
		close(fds[0]);
		print_child(p, d, t, fds[1]);
	}
	close(fds[1]);
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	log_info("print: %s copy %d to %s%s%s: sending (child %ld)", d->id,
	    d->copy, print_sink_name(t->sink), t->dest != NULL &&
	    *t->dest != '\0' ? " " : "", t->dest != NULL ? t->dest : "",
	    (long)pid);
	j = xcalloc(1, sizeof *j);
	j->what = xasprintf("%s copy %d", d->id, d->copy);
	j->pid = pid;
	j->fd = fds[0];
	j->status = PRINT_SENDING;
	j->message = xasprintf(_("Printing %s..."), d->title);
	buf_init(&j->in);
	return (j);
}

/* The descriptor the caller's loop polls for reports. */
int
print_job_fd(const struct print_job *j)
{
	return (j->fd);
}

/* One report line: "S <status> <message>", "J <id>", "P <path>". */
static void
report_line(struct print_job *j, char *line)
{
	char	*arg = line + 2;

	if (strlen(line) < 2)
		return;
	if (line[0] == 'J') {
		j->cups_id = atoi(arg);
		log_info("print: %s: CUPS job %d", j->what, j->cups_id);
	}
	else if (line[0] == 'P') {
		free(j->path);
		j->path = xstrdup(arg);
	} else if (line[0] == 'S' && arg[0] >= '0' && arg[0] <= '6') {
		if (j->status != (enum print_status)(arg[0] - '0'))
			log_info("print: %s: %s%s%s", j->what, status_name(
			    (enum print_status)(arg[0] - '0')), j->path != NULL ?
			    ", file " : "", j->path != NULL ? j->path : "");
		j->status = (enum print_status)(arg[0] - '0');
		free(j->message);
		j->message = xstrdup(arg[1] == ' ' ? arg + 2 : "");
		if (j->status >= PRINT_DONE)
			j->settled = 1;
	}
}

/* Reaps the child; silence from it means the job failed. */
static void
end_child(struct print_job *j)
{
	if (j->fd != -1)
		close(j->fd);
	j->fd = -1;
	if (j->pid > 0)
		waitpid(j->pid, NULL, 0);
	j->pid = 0;
	if (!j->settled) {
		log_info("print: %s: failed, the printing process ended "
		    "without a word", j->what);
		j->settled = 1;
		j->status = PRINT_FAILED;
		free(j->message);
		j->message = xstrdup(_("The printing process ended without "
		    "a word; see the printer."));
	}
}

/* Takes in the child's reports without blocking. */
int
print_job_update(struct print_job *j)
{
	char	 chunk[1024], *nl;
	ssize_t	 n;
	size_t	 used;

	while (j->fd != -1 && (n = read(j->fd, chunk, sizeof chunk)) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN)
				break;
			end_child(j);
			break;
		}
		buf_add(&j->in, chunk, (size_t)n);
		while (j->in.len > 0 &&
		    (nl = memchr(j->in.data, '\n', j->in.len)) != NULL) {
			*nl = '\0';
			report_line(j, j->in.data);
			used = (size_t)(nl + 1 - j->in.data);
			memmove(j->in.data, nl + 1, j->in.len - used);
			j->in.len -= used;
		}
	}
	if (j->fd != -1 && n == 0)
		end_child(j);
	return (j->settled);
}

/* Waits for the job to settle (tests, the command line). */
void
print_job_wait(struct print_job *j)
{
	int	fl;

	if (j->fd == -1)
		return;
	fl = fcntl(j->fd, F_GETFL);
	fcntl(j->fd, F_SETFL, fl & ~O_NONBLOCK);
	while (!print_job_update(j) && j->fd != -1)
		;
	if (j->fd != -1)
		fcntl(j->fd, F_SETFL, fl);
}

/* Where the job stands now. */
enum print_status
print_job_status(const struct print_job *j)
{
	return (j->status);
}

/* What to tell the clerk about the job now. */
const char *
print_job_message(const struct print_job *j)
{
	return (j->message);
}

/* The file written, for the clerk to find. */
const char *
print_job_path(const struct print_job *j)
{
	return (j->path);
}

/* The CUPS job id, once there is one. */
int
print_job_cups_id(const struct print_job *j)
{
	return (j->cups_id);
}

/* Stops following a job; CUPS goes on printing it. */
void
print_job_free(struct print_job *j)
{
	if (j == NULL)
		return;
	if (j->pid > 0 && !j->settled)
		kill(j->pid, SIGTERM);
	end_child(j);
	free(j->message);
	free(j->path);
	free(j->what);
	buf_free(&j->in);
	free(j);
}
