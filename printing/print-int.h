/* Shared by print.c (the caller's side) and print-child.c. */
#ifndef PRINTING_PRINT_INT_H
#define PRINTING_PRINT_INT_H

#include "print.h"

struct printer {
	char		*folder;	/* <state>/prints */
	char		*docs;		/* <state>/prints/docs: kept documents */
	char		*helper;
	struct journal	*journal;
};

/* The child's whole life: render, hand over, follow; reports on fd. */
void	print_child(struct printer *, const struct pdoc *,
	    const struct print_target *, int fd) __attribute__((noreturn));
/* The journal entry for a document and target in a state. */
void	print_entry(struct pj_entry *, const struct pdoc *,
	    const struct print_target *, enum pj_state, int job,
	    const char *detail);
const char *print_sink_name(enum print_sink);

#endif
