/* /api/v1/tasks: work a supervisor issues to the grid members over a
 * list of residents chosen by a query (all of 80 and over in a
 * community for the yearly 高龄津贴 认证, all 低保 residents for 复核),
 * with a deadline; the list is fixed when the task is issued, one item
 * per resident for the member of the resident's grid (docs/api.md
 * 21). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "idempotency.h"
#include "json.h"
#include "listq.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "tasks.h"
#include "valid.h"
#include "views.h"

#define MAX_ITEMS	10000

/* The residents a query chooses: ?1 centre, ?2 community (0: any), ?3
 * grid (0: any), ?4 born on or before ('': any age), ?5 tag ('': any);
 * never the dead or moved out (a reported death is for the grid member
 * to see to, so it stays). */
#define CHOSEN " FROM residents r JOIN communities c ON c.id = " \
	"r.community_id LEFT JOIN grids g ON g.id = r.grid_id WHERE " \
	"c.centre_id = ?1 AND (?2 = 0 OR r.community_id = ?2) AND (?3 = 0 " \
	"OR r.grid_id = ?3) AND (?4 = '' OR r.birth_date <= ?4) AND (?5 = " \
	"'' OR instr(',' || r.tags || ',', ',' || ?5 || ',') > 0) AND " \
	"r.status NOT IN ('deceased', 'moved_out')"

static const char *const statuses[] = { "open", "overdue", "done", NULL };

/* What a new task holds. */
struct task {
	const char	*title, *note, *deadline, *tag;
	long long	 centre, community, grid, min_age;
	char		 born[11];	/* born on or before: min_age reached */
};

/* The birth date on or before which one is min_age today. */
static void
born_by(long long min_age, char *out)
{
	char	today[11];

	clock_date(clock_now(), today);
	snprintf(out, 11, "%04d%s", atoi(today) - (int)min_age, today + 4);
}

/* query: where (a community or a grid of the caller's scope, else the
 * caller's centre) and whom (min_age, a tag, or both). */
static void
read_query(struct req *r, cJSON *q, struct task *t, cJSON **errors)
{
	static const char *const	 members[] = { "community_id",
	    "grid_id", "min_age", "tag", NULL };
	long long			 gc = 0;

	if (!cJSON_IsObject(q)) {
		field_error(errors, "query", q == NULL || cJSON_IsNull(q) ?
		    "required" : "type", "请给出任务对象的条件");
		return;
	}
	json_members(q, members, "query.", errors);
	if (json_integer(q, "community_id", 1, JSON_MAX_ID, 0,
	    "query.community_id", errors, &t->community) == 1 &&
	    !scope_sees(r->db, r->staff, SCOPE_COMMUNITY, t->community))
		field_error(errors, "query.community_id", "not_found",
		    "没有这个社区");
	if (json_integer(q, "grid_id", 1, JSON_MAX_ID, 0, "query.grid_id",
	    errors, &t->grid) == 1 && (gc = scope_grid_community(r->db,
	    r->staff, t->grid)) == 0)
		field_error(errors, "query.grid_id", "not_found", "没有这个网格");
	else if (gc != 0 && t->community != 0 && gc != t->community)
		field_error(errors, "query.grid_id", "mismatch",
		    "网格不在所选社区");
	if (t->community == 0)
		t->community = gc;
	json_integer(q, "min_age", 1, 150, 0, "query.min_age", errors,
	    &t->min_age);
	t->tag = json_option(q, "tag", valid_tags(), 0, "query.tag", errors);
	if (t->min_age == 0 && t->tag == NULL && *errors == NULL)
		field_error(errors, "query", "required",
		    "请给出年龄或居民标签");
}

/* The task's centre: its community's, else the caller's. */
static void
find_centre(struct req *r, struct task *t, cJSON **errors)
{
	struct db_stmt	*st;

	t->centre = scope_home_centre(r->staff);
	if (t->community != 0 && db_query(r->db, &st, "SELECT centre_id FROM "
	    "communities WHERE id = ?", "l", t->community) == 1)
		t->centre = db_int(st, 0);
	if (t->community != 0)
		db_reset(st);
	if (t->centre <= 0)
		field_error(errors, "query.community_id", "required",
		    "请选择社区");
}

/* The number of residents the query chooses, or -1. */
static long long
chosen(struct req *r, const struct task *t)
{
	struct db_stmt	*st;
	long long	 n = -1;

	if (db_query(r->db, &st, "SELECT count(*)" CHOSEN, "llltt",
	    t->centre, t->community, t->grid, t->born, t->tag != NULL ?
	    t->tag : "") == 1)
		n = db_int(st, 0);
	db_reset(st);
	return (n);
}

/* Reads the body; -1 having replied 400. */
static int
read_task(struct req *r, struct task *t)
{
	static const char *const	 members[] = { "title", "note",
	    "deadline", "query", NULL };
	cJSON				*b = req_body(r), *errors = NULL;
	char				 today[11];
	long long			 n;

	memset(t, 0, sizeof *t);
	json_members(b, members, NULL, &errors);
	t->title = json_string(b, "title", 1, 60, NULL, &errors);
	t->note = json_text(b, "note", 0, 500, JF_MULTILINE, NULL, &errors);
	if (t->note != NULL && *t->note == '\0')
		t->note = NULL;
	clock_date(clock_now(), today);
	if ((t->deadline = json_string(b, "deadline", 1, 10, NULL,
	    &errors)) != NULL && (!valid_date(t->deadline) ||
	    strcmp(t->deadline, today) < 0)) {
		field_error(&errors, "deadline", "date",
		    "截止日期须为今天或以后的日期");
		t->deadline = NULL;
	}
	read_query(r, cJSON_GetObjectItem(b, "query"), t, &errors);
	if (errors == NULL)
		find_centre(r, t, &errors);
	if (t->min_age > 0)
		born_by(t->min_age, t->born);
	if (errors == NULL && (n = chosen(r, t)) == 0)
		field_error(&errors, "query", "empty", "没有符合条件的居民");
	else if (errors == NULL && n > MAX_ITEMS)
		field_error(&errors, "query", "too_long",
		    "符合条件的居民超过 10000 人，请缩小范围");
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* The Task with per_assignee, as the caller may see it, or NULL. */
static cJSON *
task_full(struct req *r, long long id)
{
	struct db_stmt	*st;
	cJSON		*o = NULL, *list, *a;
	const char	*deadline;
	long long	 mine = task_share(r);

	if (!task_visible(r, id))
		return (NULL);
	if (db_query(r->db, &st, "SELECT " TASK_COLS TASK_FROM " WHERE "
	    "t.id = ?", "l", id) == 1)
		o = task_json(r, st, mine);
	db_reset(st);
	if (o == NULL)
		return (NULL);
	deadline = cJSON_GetStringValue(cJSON_GetObjectItem(o, "deadline"));
	list = cJSON_AddArrayToObject(o, "per_assignee");
	st = db_stmt(r->db, "SELECT DISTINCT s.id, s.name FROM task_items i "
	    "LEFT JOIN staff s ON s.id = i.assignee_id WHERE i.task_id = ?1 "
	    "AND (?2 = 0 OR i.assignee_id = ?2) ORDER BY s.id");
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, mine);
	while (db_step(st) == 1) {
		a = cJSON_CreateObject();
		view_ref(a, "assignee", db_int(st, 0), db_text(st, 1));
		cJSON_AddItemToArray(list, a);
	}
	db_reset(st);
	cJSON_ArrayForEach(a, list)
		task_progress(r, id, (long long)cJSON_GetNumberValue(
		    cJSON_GetObjectItem(cJSON_GetObjectItem(a, "assignee"),
		    "id")), deadline, a);
	return (o);
}

/* Writes the task and its items; the task's id, or 0. */
static long long
insert_task(struct req *r, const struct task *t)
{
	char		 now[32];
	long long	 id;

	clock_rfc3339(clock_now(), now);
	if ((id = db_insert(r->db, "INSERT INTO tasks (centre_id, title, "
	    "note, deadline, community_id, grid_id, min_age, tag, created_by, "
	    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	    "ltttLLLtlt", t->centre, t->title, t->note, t->deadline,
	    t->community, t->grid, t->min_age, t->tag, r->staff->id,
	    now)) == 0)
		return (0);
	if (db_exec(r->db, "INSERT INTO task_items (task_id, resident_id, "
	    "grid_id, assignee_id, version) SELECT ?6, r.id, r.grid_id, "
	    "g.member_id, 1" CHOSEN " ORDER BY r.id", "llltt" "l", t->centre,
	    t->community, t->grid, t->born, t->tag != NULL ? t->tag : "",
	    id) != 0)
		return (0);
	return (id);
}

/* POST /tasks: a supervisor issues a task. */
static void
issue(struct req *r)
{
	struct task	 t;
	cJSON		*o;
	long long	 id;
	char		 object[40], loc[48];

	if (read_task(r, &t) != 0)
		return;
	if (db_begin(r->db) != 0 || (id = insert_task(r, &t)) == 0 ||
	    (snprintf(object, sizeof object, "task/%lld", id),
	    audit_req(r, "create", object, NULL)) != 0 ||
	    (o = task_full(r, id)) == NULL) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "task %lld issued, deadline %s", id, t.deadline);
	reply_json(r, 201, o);
	snprintf(loc, sizeof loc, "/api/v1/tasks/%lld", id);
	reply_header(r, MHD_HTTP_HEADER_LOCATION, loc);
	idem_commit(r);
}

/* The status filter over the items of assignee (0: all); -1 having
 * replied 400. */
static int
list_filters(struct req *r, struct listq *q, long long assignee)
{
	static const char *const	 allowed[] = { "status", NULL };
	const char			*st3[3];
	cJSON				*errors = NULL;
	char				 today[11];
	int				 n;

	q_check(r, allowed, 1, &errors);
	clock_date(clock_now(), today);
	if ((n = q_options(r, "status", statuses, st3, 3, &errors)) > 0) {
		/* done, or open with the deadline to come or passed */
		listq_where(q, "(CASE WHEN NOT EXISTS (SELECT 1 FROM "
		    "task_items i WHERE i.task_id = t.id AND i.outcome IS NULL "
		    "AND (? = 0 OR i.assignee_id = ?)) THEN 'done' WHEN "
		    "t.deadline < ? THEN 'overdue' ELSE 'open' END) IN (?, ?, ?)",
		    "llt" "ttt", assignee, assignee, today, st3[0],
		    st3[n > 1 ? 1 : 0], st3[n > 2 ? 2 : 0]);
	}
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* A page of tasks by deadline, counted over assignee's items. */
static void
page(struct req *r, long long assignee)
{
	struct listq	*q;
	struct db_stmt	*st;

	if ((q = listq_req(r, TASK_COLS, TASK_FROM)) == NULL)
		return;
	scope_list(q, r->staff, "t.centre_id = ?");
	if (assignee != 0)
		listq_where(q, "EXISTS (SELECT 1 FROM task_items i WHERE "
		    "i.task_id = t.id AND i.assignee_id = ?)", "l", assignee);
	if (list_filters(r, q, assignee) != 0) {
		listq_free(q);
		return;
	}
	listq_order(q, "t.deadline, t.id");
	while ((st = listq_next(q)) != NULL)
		listq_add(q, task_json(r, st, assignee));
	reply_json(r, 200, listq_page(q));
}

/* GET /tasks: the centre's tasks. */
static void
list(struct req *r)
{
	page(r, 0);
}

/* GET /tasks/mine: the tasks with items of the caller's, each counted
 * over those. */
static void
mine(struct req *r)
{
	page(r, r->staff->id);
}

/* GET /tasks/{id}. */
static void
get(struct req *r)
{
	cJSON		*o;
	long long	 id;

	if ((id = req_id(r, 0)) < 0)
		return;
	if ((o = task_full(r, id)) == NULL)
		reply_not_found(r);
	else
		reply_json(r, 200, o);
}

const struct route routes_tasks[] = {
	{ "POST", "/api/v1/tasks", issue, ROUTE_IDEM | ROUTE_BODY,
	    ROLE_SUPER | ROLE_ADMIN },
	{ "GET", "/api/v1/tasks", list, 0, ROLE_SUPER | ROLE_ADMIN },
	{ "GET", "/api/v1/tasks/mine", mine, 0,
	    ROLE_GRID | ROLE_SUPER | ROLE_ADMIN },
	{ "GET", "/api/v1/tasks/{id}", get, 0,
	    ROLE_GRID | ROLE_SUPER | ROLE_ADMIN },
	{ NULL, NULL, NULL, 0, 0 }
};
