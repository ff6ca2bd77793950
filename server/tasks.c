/* A task and how far its items are (docs/api.md 21). */
#include <string.h>

#include "auth.h"
#include "clock.h"
#include "db.h"
#include "route.h"
#include "scope.h"
#include "tasks.h"
#include "views.h"

#define OF(outcome) "sum(CASE WHEN outcome = '" outcome "' THEN 1 ELSE 0 " \
	"END)"

long long
task_progress(struct req *r, long long task, long long assignee,
    const char *deadline, cJSON *o)
{
	struct db_stmt	*st;
	long long	 n[5] = { 0 };
	char		 today[11];
	int		 i;

	if (db_query(r->db, &st, "SELECT count(*), sum(CASE WHEN outcome IS "
	    "NULL THEN 1 ELSE 0 END), " OF("done") ", " OF("unreachable") ", "
	    OF("refused") " FROM task_items WHERE task_id = ? AND (? = 0 OR "
	    "assignee_id = ?)", "lll", task, assignee, assignee) == 1)
		for (i = 0; i < 5; i++)
			n[i] = db_int(st, i);
	db_reset(st);
	clock_date(clock_now(), today);
	cJSON_AddNumberToObject(o, "total", (double)n[0]);
	cJSON_AddNumberToObject(o, "open", (double)n[1]);
	cJSON_AddNumberToObject(o, "done", (double)n[2]);
	cJSON_AddNumberToObject(o, "unreachable", (double)n[3]);
	cJSON_AddNumberToObject(o, "refused", (double)n[4]);
	cJSON_AddNumberToObject(o, "overdue", strcmp(deadline, today) < 0 ?
	    (double)n[1] : 0);
	return (n[1]);
}

cJSON *
task_json(struct req *r, struct db_stmt *st, long long assignee)
{
	cJSON		*o = cJSON_CreateObject(), *q, *p;
	const char	*deadline = db_text(st, 3), *status;
	char		 today[11];
	long long	 open;

	cJSON_AddNumberToObject(o, "id", db_int(st, 0));
	cJSON_AddStringToObject(o, "title", db_text(st, 1));
	view_text_or_null(o, "note", st, 2);
	cJSON_AddStringToObject(o, "deadline", deadline);
	view_ref(o, "centre", db_int(st, 4), db_text(st, 5));
	q = cJSON_AddObjectToObject(o, "query");
	view_ref(q, "community", db_int(st, 6), db_text(st, 7));
	view_ref(q, "grid", db_int(st, 8), db_text(st, 9));
	view_int_or_null(q, "min_age", st, 10);
	view_text_or_null(q, "tag", st, 11);
	view_ref(o, "created_by", db_int(st, 12), db_text(st, 13));
	cJSON_AddStringToObject(o, "created_at", db_text(st, 14));
	p = cJSON_CreateObject();
	open = task_progress(r, db_int(st, 0), assignee, deadline, p);
	clock_date(clock_now(), today);
	status = open == 0 ? "done" : strcmp(deadline, today) < 0 ?
	    "overdue" : "open";
	cJSON_AddStringToObject(o, "status", status);
	cJSON_AddItemToObject(o, "progress", p);
	return (o);
}

long long
task_share(struct req *r)
{
	return (scope_role(r->staff) == ROLE_GRID ? r->staff->id : 0);
}

int
task_visible(struct req *r, long long task)
{
	struct db_stmt	*st;
	long long	 centre = -1, mine = task_share(r);
	int		 rc;

	if (db_query(r->db, &st, "SELECT centre_id FROM tasks WHERE id = ?",
	    "l", task) == 1)
		centre = db_int(st, 0);
	db_reset(st);
	if (centre == -1 || !scope_centre_ok(r->staff, centre))
		return (0);
	if (mine == 0)
		return (1);
	rc = db_query(r->db, &st, "SELECT 1 FROM task_items WHERE task_id = "
	    "? AND assignee_id = ? LIMIT 1", "ll", task, mine);
	db_reset(st);
	return (rc == 1);
}
