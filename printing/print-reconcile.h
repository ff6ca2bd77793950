/*
 * Printing exactly once: what a crash left behind, settled at start.
 */
#ifndef PRINTING_PRINT_RECONCILE_H
#define PRINTING_PRINT_RECONCILE_H

#include "journal.h"

struct printer;

/* Settles documents left pending or sent by a crash: asks CUPS by job id
 * (or by the job's title when the id was never journaled). Calls report
 * for each document it settled or could not. Returns how many it
 * looked at. */
int	printer_reconcile(struct printer *,
	    void (*report)(const struct pj_entry *, void *), void *);

#endif
