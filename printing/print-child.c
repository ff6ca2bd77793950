/* Printing exactly once: the child that renders, hands over and
 * follows. It may block; it reports on a pipe and journals each step. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cups.h"
#include "doc-io.h"
#include "escpos.h"
#include "plain.h"
#include "print-child.h"
#include "print-entry.h"
#include "print-int.h"
#include "sink-file.h"
#include "sink-raw.h"
#include "../locale/i18n.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

#define FOLLOW_MS	300

struct child {
	struct printer			*p;
	const struct pdoc		*d;
	const struct print_target	*t;
	int				 fd;
	int				 job;
	struct buf			 data;
	const char			*format;	/* CUPS type */
	const char			*ext;
	enum print_status		 last;
	char				*last_msg;
};

static void	say(struct child *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

/* Reports one line to the caller, who may have gone. */
static void
say(struct child *c, const char *fmt, ...)
{
	va_list	 ap;
	char	*s, *p;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) == -1)
		_exit(1);
	va_end(ap);
	for (p = s; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	/* if the caller stopped listening, carry on: the journal counts */
	if (write(c->fd, s, strlen(s)) != -1)
		(void)!write(c->fd, "\n", 1);
	free(s);
}

/* Reports a status, once per change. */
static void
status(struct child *c, enum print_status st, const char *msg)
{
	if (c->last == st && c->last_msg != NULL &&
	    strcmp(c->last_msg, msg) == 0)
		return;
	c->last = st;
	free(c->last_msg);
	c->last_msg = xstrdup(msg);
	say(c, "S %d %s", (int)st, msg);
}

/* Records a step of this document in the journal. */
static void
journal(struct child *c, enum pj_state st, const char *detail)
{
	struct pj_entry	 e;
	char		*cause = NULL;

	print_entry(&e, c->d, c->t, st, c->job, detail);
	if (journal_append(c->p->journal, &e, &cause) != 0)
		free(cause);	/* the state is still reported */
}

/* Settles the job and ends the child. */
static void __attribute__((noreturn))
finish(struct child *c, enum pj_state js, enum print_status st,
    const char *msg)
{
	journal(c, js, msg);
	status(c, st, msg);
	close(c->fd);
	_exit(0);
}

/* Runs bianmin-pdf on the document; its PDF lands in c->data. */
static int
render_pdf(struct child *c, char **cause)
{
	char	*in, *out, *text = pdoc_serialize(c->d);
	int	 fd, st = -1, rc = -1;
	pid_t	 pid;
	FILE	*f;
	char	 chunk[8192];
	size_t	 n;

	in = xasprintf("%s/.%s.%ld.doc", c->p->folder, c->d->id, (long)getpid());
	out = xasprintf("%s/.%s.%ld.pdf", c->p->folder, c->d->id, (long)getpid());
	fd = open(in, O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0600);
	if (fd != -1 && write(fd, text, strlen(text)) == (ssize_t)strlen(text)
	    && close(fd) == 0 && (pid = fork()) != -1) {
		if (pid == 0) {
			if ((fd = open(in, O_RDONLY)) != -1)
				dup2(fd, 0);
			execl(c->p->helper, "bianmin-pdf", out, (char *)NULL);
			_exit(127);
		}
		waitpid(pid, &st, 0);
	}
	if (st == 0 && (f = fopen(out, "r")) != NULL) {
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
			buf_add(&c->data, chunk, n);
		fclose(f);
		rc = 0;
	} else
		*cause = xasprintf(_("Cannot make the PDF (%s)."),
		    c->p->helper);
	unlink(in);
	unlink(out);
	free(in);
	free(out);
	free(text);
	return (rc);
}

/* The bytes the sink needs: ESC/POS, PDF or text. */
static int
render(struct child *c, char **cause)
{
	if (c->d->paper == PDOC_A4) {
		c->format = PCUPS_PDF;
		c->ext = "pdf";
		return (render_pdf(c, cause));
	}
	if (c->t->profile != NULL) {
		c->format = PCUPS_RAW;
		c->ext = "escpos";
		return (escpos_render(c->d, c->t->profile, &c->data, cause));
	}
	c->format = PCUPS_TEXT;
	c->ext = "txt";
	return (plain_render(c->d, 48, NULL, &c->data, cause));
}

/* The file sink: the document, and beside a receipt its text, so that
 * the demo can be read without a printer. */
static void __attribute__((noreturn))
to_file(struct child *c)
{
	char		*name, *path = NULL, *cause = NULL, *msg;
	const char	*suffix = c->d->copy > 0 ? "-r" : "";
	struct buf	 txt;

	name = c->d->copy > 0 ?
	    xasprintf("%s%s%d.%s", c->d->id, suffix, c->d->copy, c->ext) :
	    xasprintf("%s.%s", c->d->id, c->ext);
	if (sink_file_write(c->p->folder, name, c->data.data, c->data.len,
	    &path, &cause) != 0)
		finish(c, PJ_FAILED, PRINT_FAILED, cause);
	if (strcmp(c->ext, "escpos") == 0) {
		buf_init(&txt);
		plain_render(c->d, c->t->profile->columns, NULL, &txt, &cause);
		free(name);
		name = xasprintf("%s%s%.0d.txt", c->d->id, suffix, c->d->copy);
		free(path);
		path = NULL;
		if (sink_file_write(c->p->folder, name, txt.data, txt.len,
		    &path, &cause) != 0)
			free(cause);
		buf_free(&txt);
	}
	say(c, "P %s", path != NULL ? path : "");
	msg = xasprintf(_("%s was saved to %s"), c->d->title,
	    path != NULL ? path : c->p->folder);
	free(name);
	finish(c, PJ_DONE, PRINT_DONE, msg);
}

/* TCP and device printers: once a byte has left, a failure may have
 * printed part of it. */
static void __attribute__((noreturn))
to_raw(struct child *c)
{
	char	*cause = NULL, *msg;
	int	 sent = 0, rc;

	if (c->t->sink == PRINT_TCP)
		rc = sink_tcp_write(c->t->dest, c->data.data, c->data.len,
		    &sent, &cause);
	else
		rc = sink_device_write(c->t->dest, c->data.data, c->data.len,
		    &sent, &cause);
	if (rc != 0 && sent)
		finish(c, PJ_ABORTED, PRINT_ABORTED, cause);
	if (rc != 0)
		finish(c, PJ_FAILED, PRINT_FAILED, cause);
	msg = xasprintf(_("%s was sent to %s."), c->d->title, c->t->dest);
	finish(c, PJ_DONE, PRINT_DONE, msg);
}

/* Says what a job waiting on its printer is waiting for. */
static void
waiting(struct child *c, const struct pcups_state *s)
{
	char	*msg;

	if (s->printer_stopped || strstr(s->reasons, "media-empty") ||
	    strstr(s->reasons, "media-needed") || strstr(s->reasons, "paused")) {
		msg = xasprintf(_("Printer %s is stopped (%s%s%s): %s waits "
		    "in its queue and prints once the printer is started "
		    "again."), c->t->dest, *s->reasons != '\0' ? s->reasons :
		    "stopped", *s->message != '\0' ? ": " : "", s->message,
		    c->d->title);
		status(c, PRINT_STOPPED, msg);
	} else {
		msg = xasprintf(_("%s is in the queue of %s."), c->d->title,
		    c->t->dest);
		status(c, PRINT_QUEUED, msg);
	}
	free(msg);
}

/* Follows the job until CUPS is done with it. */
static void __attribute__((noreturn))
follow(struct child *c)
{
	struct pcups_state	 s;
	struct timespec		 ts = { 0, FOLLOW_MS * 1000000L };
	char			*cause = NULL, *msg;

	for (;;) {
		if (pcups_state(c->t->dest, c->job, &s, &cause) != 0) {
			status(c, PRINT_QUEUED, cause);
			free(cause);
		} else if (s.job == PCUPS_JOB_COMPLETED) {
			msg = xasprintf(_("%s was printed on %s."),
			    c->d->title, c->t->dest);
			finish(c, PJ_DONE, PRINT_DONE, msg);
		} else if (s.job == PCUPS_JOB_ABORTED ||
		    s.job == PCUPS_JOB_CANCELED || s.job == PCUPS_JOB_GONE) {
			msg = xasprintf(_("Printer %s gave up on %s (%s): it "
			    "may be partly printed; print it again as a "
			    "reprint once the printer is fixed."), c->t->dest,
			    c->d->title, *s.message != '\0' ? s.message :
			    s.job == PCUPS_JOB_CANCELED ? "canceled" :
			    "aborted");
			finish(c, PJ_ABORTED, PRINT_ABORTED, msg);
		} else if (s.job == PCUPS_JOB_PROCESSING && !s.printer_stopped &&
		    strstr(s.reasons, "media-empty") == NULL) {
			msg = xasprintf(_("Printing %s on %s..."),
			    c->d->title, c->t->dest);
			status(c, PRINT_PRINTING, msg);
			free(msg);
		} else
			waiting(c, &s);
		nanosleep(&ts, NULL);
	}
}

/* Hands the document to CUPS, journals the job, then follows it. */
static void __attribute__((noreturn))
to_cups(struct child *c)
{
	char	*title = print_title(c->d->id, c->d->copy), *cause = NULL;
	char	*msg;

	if (pcups_submit(c->t->dest, title, c->format, c->data.data,
	    c->data.len, &c->job, &cause) != 0) {
		if (c->job > 0) {	/* created, but the document is not */
			journal(c, PJ_SENT, cause);
			if (pcups_cancel(c->t->dest, c->job, &msg) != 0)
				free(msg);
		}
		msg = xasprintf(_("%s was not printed: %s It can be printed "
		    "later."), c->d->title, cause);
		finish(c, PJ_FAILED, PRINT_FAILED, msg);
	}
	say(c, "J %d", c->job);
	journal(c, PJ_SENT, title);
	free(title);
	follow(c);
}

/* The child's whole life; it never returns. */
void
print_child(struct printer *p, const struct pdoc *d,
    const struct print_target *t, int fd)
{
	struct child	 c;
	char		*cause = NULL, *msg;

	signal(SIGPIPE, SIG_IGN);
	signal(SIGTERM, SIG_DFL);
	memset(&c, 0, sizeof c);
	c.p = p;
	c.d = d;
	c.t = t;
	c.fd = fd;
	c.last = PRINT_SENDING;
	buf_init(&c.data);
	if (render(&c, &cause) != 0) {
		msg = xasprintf(_("%s was not printed: %s"), d->title, cause);
		finish(&c, PJ_FAILED, PRINT_FAILED, msg);
	}
	switch (t->sink) {
	case PRINT_FILE:
		to_file(&c);
	case PRINT_CUPS:
		to_cups(&c);
	case PRINT_TCP:
	case PRINT_DEVICE:
		to_raw(&c);
	}
	_exit(1);
}
