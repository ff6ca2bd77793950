/* What the grid-event screens share: the names of categories,
 * urgencies and statuses in the clerk's language. */
#ifndef TUI_EVENTS_H
#define TUI_EVENTS_H

#define EVENT_NCATEGORIES	9
#define EVENT_NURGENCIES	4

/* The contract's codes (docs/api.md 12), in the order offered. */
extern const char *const event_categories[EVENT_NCATEGORIES];
extern const char *const event_urgencies[EVENT_NURGENCIES];

/* Translated; an unknown code comes back as it is. */
const char	*event_category_label(const char *);
const char	*event_urgency_label(const char *);
const char	*event_status_label(const char *);
/* The report form, once the grids are there (owner: the screen that
 * asks). */
void		 event_report_open(const void *owner);
/* The role may report events (grid, supervisor, admin). */
int		 event_may_report(void);
/* The role may assign them (supervisor, admin). */
int		 event_may_assign(void);

#endif
