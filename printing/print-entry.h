/*
 * How a document's print is named: its journal entry for a target and
 * a state, and its CUPS job title, by which a lost job id is found
 * again. Shared by print.c, the child (print-child.c) and the settling
 * of what a crash left (print-reconcile.c).
 */
#ifndef PRINTING_PRINT_ENTRY_H
#define PRINTING_PRINT_ENTRY_H

#include "doc.h"
#include "journal.h"
#include "print-types.h"

/* The word a sink has in the journal ("file", "cups" ...): a constant. */
const char	*print_sink_name(enum print_sink);
/* The job title for a document copy: "bianmin <id> #<copy>"; the
 * caller frees it. */
char		*print_title(const char *id, int copy);
/* Fills e, the journal entry for a document and target in a state; e
 * points into d, t and detail, which the caller keeps. */
void		 print_entry(struct pj_entry *e, const struct pdoc *d,
		     const struct print_target *t, enum pj_state, int job,
		     const char *detail);

#endif
