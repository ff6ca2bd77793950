/* Papers of lists: a hand-off, the day's figures (日结), a queue ticket
 * (paper-lists.c); the structs are papers.h's. */
#ifndef PRINTING_PAPER_LISTS_H
#define PRINTING_PAPER_LISTS_H

#include "papers.h"

/* A hand-off list, the day's figures (日结), a queue ticket; the caller
 * frees them. */
struct pdoc	*paper_handoff(const struct paper_handoff *);
struct pdoc	*paper_daily(const struct paper_daily *);
struct pdoc	*paper_ticket(const struct paper_ticket *);

#endif
