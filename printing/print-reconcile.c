/* Printing exactly once: what a crash left behind, settled at start.
 * Nothing is printed here; a document that may be on paper prints again
 * only as a reprint the clerk asks for. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cups.h"
#include "print-entry.h"
#include "print-int.h"
#include "print-reconcile.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

struct settle {
	struct printer	*p;
	struct pj_entry	*todo;
	size_t		 n;
};

/* Gathers documents a crash may have left half done. */
static void
collect(const struct pj_entry *e, void *arg)
{
	struct settle	*s = arg;
	struct pj_entry	*t;

	if (e->state != PJ_PENDING && e->state != PJ_SENT)
		return;
	s->todo = xreallocarray(s->todo, s->n + 1, sizeof *s->todo);
	t = &s->todo[s->n++];
	*t = *e;
	t->id = xstrdup(e->id);
	t->sink = xstrdup(e->sink);
	t->dest = xstrdup(e->dest);
	t->detail = xstrdup(e->detail);
}

/* What CUPS says of a job: the journal state it means, or PJ_SENT while
 * it is still in the queue, or PJ_NONE if CUPS cannot be asked. */
static enum pj_state
ask_cups(struct pj_entry *e)
{
	struct pcups_state	 s;
	char			*cause = NULL, *title;

	if (e->job == 0) {
		/* the crash came before the id was journaled: the job, if
		 * it was ever made, carries the document's title */
		title = print_title(e->id, e->copy);
		e->job = pcups_find(e->dest, title, &cause);
		free(title);
		if (e->job == -1) {
			free(cause);
			e->job = 0;
			return (PJ_NONE);
		}
		if (e->job == 0)
			return (PJ_FAILED);	/* never handed over */
	}
	if (pcups_state(e->dest, e->job, &s, &cause) != 0) {
		free(cause);
		return (PJ_NONE);
	}
	switch (s.job) {
	case PCUPS_JOB_COMPLETED:
		return (PJ_DONE);
	case PCUPS_JOB_ABORTED:
	case PCUPS_JOB_CANCELED:
		return (PJ_ABORTED);
	case PCUPS_JOB_GONE:
		return (PJ_UNKNOWN);
	default:
		return (PJ_SENT);
	}
}

/* A file either is there whole or was never written (rename). */
static enum pj_state
ask_file(const struct printer *p, const struct pj_entry *e)
{
	char	*path;
	int	 there;

	path = e->copy > 0 ?
	    xasprintf("%s/%s-r%d.escpos", p->folder, e->id, e->copy) :
	    xasprintf("%s/%s.escpos", p->folder, e->id);
	there = access(path, F_OK) == 0;
	free(path);
	if (!there) {
		path = e->copy > 0 ?
		    xasprintf("%s/%s-r%d.pdf", p->folder, e->id, e->copy) :
		    xasprintf("%s/%s.pdf", p->folder, e->id);
		there = access(path, F_OK) == 0;
		free(path);
	}
	return (there ? PJ_DONE : PJ_FAILED);
}

/* Asks where one document stands and journals the answer. */
static void
settle_one(struct printer *p, struct pj_entry *e,
    void (*report)(const struct pj_entry *, void *), void *arg)
{
	enum pj_state	 st;
	char		*cause = NULL;

	if (strcmp(e->sink, "cups") == 0)
		st = ask_cups(e);
	else if (strcmp(e->sink, "file") == 0)
		st = ask_file(p, e);
	else	/* tcp, device: bytes may have left before the crash */
		st = PJ_UNKNOWN;
	log_debug("%s: %s copy %d: %s -> %s", __func__, e->id, e->copy,
	    journal_state_name(e->state), journal_state_name(st));
	if (st != PJ_NONE && st != e->state) {
		e->state = st;
		free(e->detail);
		e->detail = xstrdup("reconciled after a restart");
		e->at = 0;
		if (journal_append(p->journal, e, &cause) != 0)
			free(cause);
	}
	if (report != NULL)
		report(e, arg);
}

/* Settles at start what a crash left; prints nothing. */
int
printer_reconcile(struct printer *p,
    void (*report)(const struct pj_entry *, void *), void *arg)
{
	struct settle	s = { .p = p };
	size_t		i;

	journal_refresh(p->journal);
	journal_each(p->journal, collect, &s);
	for (i = 0; i < s.n; i++) {
		settle_one(p, &s.todo[i], report, arg);
		free(s.todo[i].id);
		free(s.todo[i].sink);
		free(s.todo[i].dest);
		free(s.todo[i].detail);
	}
	free(s.todo);
	return ((int)s.n);
}
