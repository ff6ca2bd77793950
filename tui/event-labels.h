/* The names of event categories, urgencies and statuses in the clerk's
 * language, and what the role may do with events (event-labels.c). */
#ifndef TUI_EVENT_LABELS_H
#define TUI_EVENT_LABELS_H

#include "events.h"

/* Translated; an unknown code comes back as it is. */
const char	*event_category_label(const char *);
const char	*event_urgency_label(const char *);
const char	*event_status_label(const char *);
/* A timeline step's action ("sign" ...) as a verb phrase. */
const char	*event_step_label(const char *);
/* The role may report events (grid, supervisor, admin). */
int		 event_may_report(void);
/* The role may assign them (supervisor, admin). */
int		 event_may_assign(void);

#endif
