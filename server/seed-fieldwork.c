/* The demo's field work: visits to households of 红旗社区's first two
 * grids over the last two months, findings of every type, some linked
 * to the grid events, and tasks that are open, overdue and done
 * (docs/api.md 20, 21). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "seed-fieldwork.h"
#include "../util/xmalloc.h"

#define SUPER01	3	/* the demo supervisor's staff id */

/* Runs one statement with db_exec's binds; -1 with *cause. */
static int
run(struct db *db, char **cause, const char *sql, const char *fmt, ...)
{
	va_list	ap;
	int	rc;

	va_start(ap, fmt);
	rc = db_vexec(db, sql, fmt, ap);
	va_end(ap);
	if (rc != 0 && *cause == NULL)
		*cause = xasprintf("field work: %s", db_error(db));
	return (rc);
}

/* What a visit found, by the household's place in the list. */
static const struct {
	const char	*type, *note, *followup;
} found[] = {
	{ "normal", NULL, NULL },
	{ "hardship", "老人独居，行动不便，需代购生活用品", "联系社区志愿者每周上门" },
	{ "hazard", "楼道堆放杂物，影响消防通道", "已告知物业，三日内复查" },
	{ "normal", NULL, NULL },
	{ "dispute", "与楼下住户因漏水发生纠纷", "约双方周五到社区调解" },
	{ "info_change", "子女已迁出，户内常住人口减少", "核实后更新人口信息" },
};
static const int days_back[] = { 2, 5, 12, 45, 60, 20 };

/* One visit to household h (its head met) with one finding. */
static int
visit(struct db *db, time_t now, long long h, long long grid, int k,
    char **cause)
{
	struct db_stmt	*st;
	char		 at[32], date[11], rec[32];
	time_t		 t = now - (time_t)days_back[k % 6] * 86400 - 7200;
	long long	 id = 0, staff = grid == 1 ? 2 : 6, event = 0;

	clock_rfc3339(t, at);
	clock_rfc3339(t + 1800, rec);
	clock_date(t, date);
	if (strcmp(found[k % 6].type, "hazard") == 0 && db_query(db, &st,
	    "SELECT min(id) FROM events WHERE grid_id = ?", "l", grid) == 1)
		event = db_int(st, 0);
	if (strcmp(found[k % 6].type, "hazard") == 0)
		db_reset(st);
	if ((id = db_insert(db, "INSERT INTO visits (household_id, grid_id, "
	    "community_id, staff_id, visited_at, visited_date, met_note, "
	    "recorded_at) SELECT id, grid_id, community_id, ?, ?, ?, ?, ? "
	    "FROM households WHERE id = ? RETURNING id", "lttttl", staff, at,
	    date, k % 4 == 3 ? "无人在家，邻居告知情况" : NULL, rec, h)) == 0) {
		*cause = xasprintf("field work: %s", db_error(db));
		return (-1);
	}
	if (k % 4 != 3 && run(db, cause, "INSERT INTO visit_met (visit_id, "
	    "resident_id) SELECT ?, min(id) FROM residents WHERE "
	    "household_id = ? HAVING min(id) IS NOT NULL", "ll", id, h) != 0)
		return (-1);
	return (run(db, cause, "INSERT INTO visit_findings (visit_id, "
	    "position, type, note, followup, event_id) VALUES (?, 0, ?, ?, ?, "
	    "?)", "ltttL", id, found[k % 6].type, found[k % 6].note,
	    found[k % 6].followup, event));
}

/* Visits to the households of grids 1 and 2, but the last of each. */
static int
visits(struct db *db, time_t now, char **cause)
{
	struct db_stmt	*st;
	long long	 homes[2][64];
	int		 n[2] = { 0, 0 }, g, i, k = 0;

	for (g = 0; g < 2; g++) {
		st = db_stmt(db, "SELECT id FROM households WHERE grid_id = ? "
		    "ORDER BY id");
		db_bind_int(st, 1, g + 1);
		while (db_step(st) == 1 && n[g] < 64)
			homes[g][n[g]++] = db_int(st, 0);
		db_reset(st);
	}
	for (g = 0; g < 2; g++)
		for (i = 0; i + 1 < n[g]; i++)
			if (visit(db, now, homes[g][i], g + 1, k++, cause) != 0)
				return (-1);
	return (0);
}

/* A task of 红旗社区 (deadline days from today) over the residents
 * min_age or older (0: any) with tag ('' any), unless it chooses no
 * one; every recorded-th item (1: all of them) has an outcome. */
static int
task(struct db *db, time_t now, const char *title, int days, int min_age,
    const char *tag, int recorded, char **cause)
{
	char		 today[11], deadline[11], born[24] = "", at[32];
	long long	 id;

	clock_date(now, today);
	clock_add_days(today, days, deadline);
	clock_rfc3339(now - 20 * 86400, at);
	if (min_age > 0)
		snprintf(born, sizeof born, "%04d%.6s", atoi(today) - min_age,
		    today + 4);
	if ((id = db_insert(db, "INSERT INTO tasks (centre_id, title, "
	    "deadline, community_id, min_age, tag, created_by, created_at) "
	    "VALUES (1, ?, ?, 1, ?, ?, ?, ?) RETURNING id", "ttLtlt", title,
	    deadline, (long long)min_age, *tag != '\0' ? tag : NULL,
	    (long long)SUPER01, at)) == 0) {
		*cause = xasprintf("field work: %s", db_error(db));
		return (-1);
	}
	if (run(db, cause, "INSERT INTO task_items (task_id, resident_id, "
	    "grid_id, assignee_id, version) SELECT ?, r.id, r.grid_id, "
	    "g.member_id, 1 FROM residents r LEFT JOIN grids g ON g.id = "
	    "r.grid_id WHERE r.community_id = 1 AND (? = '' OR r.birth_date "
	    "<= ?) AND (? = '' OR instr(',' || r.tags || ',', ',' || ? || "
	    "',') > 0) ORDER BY r.id", "lttt" "t", id, born, born, tag,
	    tag) != 0)
		return (-1);
	/* a small demo may have no one of 80 */
	if (run(db, cause, "DELETE FROM tasks WHERE id = ? AND NOT EXISTS "
	    "(SELECT 1 FROM task_items WHERE task_id = ?)", "ll", id,
	    id) != 0)
		return (-1);
	clock_rfc3339(now - 86400, at);
	return (run(db, cause, "UPDATE task_items SET outcome = CASE WHEN id "
	    "% 5 = 3 THEN 'unreachable' WHEN id % 7 = 4 THEN 'refused' ELSE "
	    "'done' END, note = CASE WHEN id % 5 = 3 THEN '多次上门未见本人' "
	    "WHEN id % 7 = 4 THEN '本人不愿配合' ELSE NULL END, recorded_at = "
	    "?, recorded_by = assignee_id, version = 2 WHERE task_id = ? AND "
	    "assignee_id IS NOT NULL AND id % ? = 0", "tll", at, id,
	    (long long)recorded));
}

int
seed_fieldwork(struct db *db, time_t now, char **cause)
{
	if (visits(db, now, cause) != 0 ||
	    task(db, now, "低保家庭年度复核", 14, 0, "low_income", 2,
	    cause) != 0 ||
	    task(db, now, "60岁以上老人走访登记", -3, 60, "", 3, cause) != 0 ||
	    task(db, now, "残疾人信息核对", -10, 0, "disabled", 1, cause) != 0 ||
	    task(db, now, "2027年度高龄津贴认证", 30, 80, "", 4, cause) != 0)
		return (-1);
	return (0);
}
