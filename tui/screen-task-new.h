/* Issuing a task (screen-task-new.c). */
#ifndef TUI_SCREEN_TASK_NEW_H
#define TUI_SCREEN_TASK_NEW_H

/* The form for a new task, once the communities are there (owner: the
 * screen that asks). */
void		 task_issue_open(const void *owner);

#endif
