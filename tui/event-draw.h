/* Drawing one grid event (event-draw.c): its facts, its deadline and
 * what waits on it, and its timeline; narrow enough for a phone's
 * terminal (50 columns) as well as a counter's. */
#ifndef TUI_EVENT_DRAW_H
#define TUI_EVENT_DRAW_H

#include <stddef.h>

struct event;
struct list;

/* The facts from row y, leaving the rows up to last; returns the next
 * free row. */
int	event_draw_facts(const struct event *, int y, int last, int cols);
/* The timeline, its title on row y, its steps down to row last (not
 * drawn), scrolled as l says. */
void	event_draw_timeline(const struct event *, struct list *l, int y,
	    int last, int cols);
/* The deadline as a list row says it: "12-16", with "!" overdue and
 * "*" due soon, into out; "-" when none. */
void	event_due_text(const struct event *, char *out, size_t len);

#endif
