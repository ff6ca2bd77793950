/* The grid member's field work: visits to households and tasks. */
#ifndef TUI_FIELDWORK_H
#define TUI_FIELDWORK_H

#include "tui.h"

/* The households to visit next, and the visits made lately. */
extern const struct screen_ops screen_visits;
/* A household and its visits; arg: long long *, the household's id. */
extern const struct screen_ops screen_household;
/* Recording a visit; arg: long long *, the household's id. */
extern const struct screen_ops screen_visit_new;
/* The tasks: a grid member's share, or a supervisor's whole list. */
extern const struct screen_ops screen_tasks;
/* One task, its residents and its progress; arg: long long *. */
extern const struct screen_ops screen_task;

#endif
