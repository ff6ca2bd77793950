/*
 * Tasks (任务, docs/api.md 21): a supervisor issues a task over the
 * residents a query chooses; grid members record the outcome for each
 * of theirs; the supervisor sees the progress. A member the server
 * sends as null is "" (strings), 0 (ids) or -1 (counts).
 */
#ifndef API_TASKS_H
#define API_TASKS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "client.h"
#include "page.h"

struct task_progress {
	long long	 assignee_id;	/* per assignee: 0 for none */
	char		*assignee;	/* per assignee: "" for none */
	int		 total, open, done, unreachable, refused, overdue;
};

struct task {
	long long		 id;
	char			*title;
	char			*note;		/* "" */
	char			*deadline;	/* YYYY-MM-DD */
	char			*status;	/* open, overdue, done */
	char			*created_by;
	char			*community;	/* the query's, "" */
	char			*grid;		/* "" */
	int			 min_age;	/* -1 */
	char			*tag;		/* "" */
	struct task_progress	 progress;
	struct task_progress	*per_assignee;	/* single task only */
	size_t			 nper_assignee;
};

struct task_page {
	struct page_info pg;
	struct task	*items;
	size_t		 n;
};

struct task_item {
	long long	 id;
	long long	 task_id;
	long long	 resident_id;
	char		*resident;
	char		*id_number_masked;
	int		 age;
	char		*address;
	char		*phone_masked;	/* "" */
	char		*grid;		/* "" */
	char		*assignee;	/* "" */
	char		*outcome;	/* done, unreachable, refused; "" */
	char		*note;		/* "" */
	char		*recorded_at;	/* "" */
	char		*recorded_by;	/* "" */
	int		 overdue;
	long long	 version;
};

struct task_item_page {
	struct page_info pg;
	struct task_item *items;
	size_t		 n;
};

/* What a new task asks for; 0, -1 or NULL leave a member out. */
struct new_task {
	const char	*title;
	const char	*note;
	const char	*deadline;
	long long	 community_id;
	long long	 grid_id;
	int		 min_age;	/* 0: none */
	const char	*tag;
};

int	model_task_parse(const cJSON *, struct task *, const char **);
void	model_task_free(void *);
int	model_task_page_parse(const cJSON *, struct task_page *,
	    const char **);
void	model_task_page_free(void *);
int	model_task_item_parse(const cJSON *, struct task_item *,
	    const char **);
void	model_task_item_free(void *);
int	model_task_item_page_parse(const cJSON *, struct task_item_page *,
	    const char **);
void	model_task_item_page_free(void *);

/* The caller's tasks (mine 1: the ones with items of his, counted over
 * those) or the centre's; open_only: open and overdue ones. model:
 * struct task_page. */
struct api_call	*api_tasks(struct api *, int mine, int open_only, int page,
		    api_cb, void *);
/* model: struct task (with per_assignee). */
struct api_call	*api_task_get(struct api *, long long id, api_cb, void *);
/* A task's items; filter: NULL (all), "open" (no outcome yet) or
 * "overdue". model: struct task_item_page. */
struct api_call	*api_task_items(struct api *, long long task_id,
		    const char *filter, int page, api_cb, void *);
/* Records outcome (done, unreachable, refused) with note (may be NULL
 * for done) on the item at version. model: struct task_item. */
struct api_call	*api_task_outcome(struct api *, long long item_id,
		    long long version, const char *outcome, const char *note,
		    const char *key, api_cb, void *);
/* Issues a task. model: struct task. */
struct api_call	*api_task_issue(struct api *, const struct new_task *,
		    const char *key, api_cb, void *);

#endif
