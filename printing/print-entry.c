/* How a document's print is named: in the journal, and in CUPS. */
#include <string.h>

#include "print-entry.h"
#include "../util/xmalloc.h"

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
