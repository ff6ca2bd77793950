/* What the grid-event screens share: the names of categories,
 * urgencies and statuses in the clerk's language. */
#ifndef TUI_EVENTS_H
#define TUI_EVENTS_H

#define EVENT_NCATEGORIES	9
#define EVENT_NURGENCIES	4

/* The contract's codes (docs/api.md 12), in the order offered. */
extern const char *const event_categories[EVENT_NCATEGORIES];
extern const char *const event_urgencies[EVENT_NURGENCIES];

#endif
