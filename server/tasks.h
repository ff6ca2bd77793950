/*
 * Tasks (docs/api.md 21): what a supervisor issued over a list of
 * residents, fixed when issued, and how far its items are. The task
 * routes (route-tasks.c) and the items' routes (route-task-items.c)
 * share these.
 */
#ifndef SERVER_TASKS_H
#define SERVER_TASKS_H

#include <cjson/cJSON.h>

struct db;
struct db_stmt;
struct req;

#define TASK_COLS "t.id, t.title, t.note, t.deadline, ce.id, ce.name, " \
	"c.id, c.name, g.id, g.name, t.min_age, t.tag, s.id, s.name, " \
	"t.created_at"
#define TASK_FROM " FROM tasks t JOIN centres ce ON ce.id = t.centre_id " \
	"LEFT JOIN communities c ON c.id = t.community_id LEFT JOIN grids " \
	"g ON g.id = t.grid_id JOIN staff s ON s.id = t.created_by"

/* A Task from a row of TASK_COLS, with status and progress over the
 * items of assignee (0: all of them). */
cJSON	*task_json(struct req *, struct db_stmt *, long long assignee);
/* The progress (total, open, done, unreachable, refused, overdue) of
 * the task's items of assignee (0: all) as members of o; the number
 * still open. */
long long task_progress(struct req *, long long task, long long assignee,
	    const char *deadline, cJSON *o);
/* 1 if the caller may see the task: of their centre and, for a grid
 * member, one with items of his. */
int	 task_visible(struct req *, long long task);
/* The items a grid member sees are his own: his id, else 0. */
long long task_share(struct req *);

#endif
