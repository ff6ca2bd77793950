/* The codes of visits and tasks in the grid member's language, and
 * what the role may do with them (fieldwork-labels.c). */
#ifndef TUI_FIELDWORK_LABELS_H
#define TUI_FIELDWORK_LABELS_H

#include <stddef.h>

#define FINDING_NTYPES	5
#define TASK_NOUTCOMES	3

/* The contract's codes (docs/api.md 20, 21), in the order offered. */
extern const char *const finding_types[FINDING_NTYPES];
extern const char *const task_outcomes[TASK_NOUTCOMES];

/* Translated; an unknown code comes back as it is. */
const char	*finding_type_label(const char *);
const char	*task_outcome_label(const char *);
const char	*task_status_label(const char *);
/* The event category a finding of this type is most likely about. */
const char	*finding_event_category(const char *type);
/* The role issues tasks and sees everyone's (supervisor, admin). */
int		 task_may_issue(void);
/* The role records visits and works through tasks (grid, supervisor,
 * admin; a clerk only reads visits). */
int		 fieldwork_may_record(void);
/* The bytes the n addresses share at their start, cut between
 * characters, never inside a number, leaving each something of its
 * own: a list leaves them out of its rows and says them once in its
 * heading, so that what tells the rows apart shows on a narrow screen
 * (0 for fewer than two). */
size_t		 address_common(const char *const *addr, size_t n);
/* The heading of the addresses' column: what they share, said once.
 * Caller frees. */
char		*address_heading(const char *first, size_t common);

#endif
