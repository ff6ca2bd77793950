/*
 * The demo's grid events: for each, a path through the loop (docs/api.md
 * 12) played step by step into its timeline, as the API would have
 * written it, then the event's row as the path left it. Written inside
 * the seed's transaction, with no audit rows: nobody did these things
 * through the API.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "event-deadline.h"
#include "seed-events.h"
#include "../util/xmalloc.h"

#define GRID01	2	/* the demo accounts' staff ids */
#define SUPER01	3
#define NEVENTS	26

/* The paths, one an event in turn: every status, a unit's event, a
 * 自办自结, a 延期 waiting and one approved, 督办. */
static const char *const paths[] = {
	"",
	"return",
	"assign",
	"escalate",
	"assign sign",
	"assign sign extend",
	"escalate sign",
	"assign sign feedback",
	"self_resolve",
	"assign sign feedback check",
	"escalate sign feedback check close",
	"assign sign extend approve_extension feedback check close",
	"supervise assign",
};
#define NPATHS	(sizeof paths / sizeof *paths)

static const struct {
	const char	*category;
	const char	*what;
	const char	*unit;		/* escalated to */
} kinds[] = {
	{ "facilities", "楼道灯损坏，夜间无照明", "housing" },
	{ "environment", "小区垃圾清运不及时", "urban" },
	{ "special_care", "独居老人多日未出门，需上门查看", "civil" },
	{ "fire", "消防通道被电动车占用", "fire" },
	{ "dispute", "邻里噪音纠纷", "street" },
};
#define NKINDS	(sizeof kinds / sizeof *kinds)

/* One event as its path goes. */
struct ev {
	struct db	*db;
	char		**cause;
	long long	 id, assignee, unit, unit_to;
	long long	 ext_by;
	char		 status[16], due[11], ext[11], ext_at[32];
	int		 self, rating, sup, steps;
};

/* Binds by fmt and steps once; -1 with *cause on error. */
static int
run(struct ev *e, long long *out, const char *sql, const char *fmt, ...)
{
	struct db_stmt	*st;
	va_list		 ap;
	int		 rc;

	va_start(ap, fmt);
	rc = db_vquery(e->db, &st, sql, fmt, ap);
	va_end(ap);
	if (out != NULL)
		*out = rc == 1 ? db_int(st, 0) : 0;
	db_reset(st);
	if (rc >= 0)
		return (0);
	if (*e->cause == NULL)
		*e->cause = xasprintf("events: %s", db_error(e->db));
	return (-1);
}

/* The step's row in the timeline; it changes e as the API would. */
static int
step(struct ev *e, const char *action, const char *at)
{
	const char	*to = NULL, *note = NULL, *until = NULL;
	long long	 who = SUPER01, assignee = 0, unit = 0;
	int		 rating = 0, held = e->unit != 0;

	if (strcmp(action, "assign") == 0) {
		to = "assigned";
		note = "请尽快处理";
		assignee = e->assignee = GRID01;
	} else if (strcmp(action, "return") == 0) {
		to = "returned";
		note = "地点不详，请补充门牌号";
	} else if (strcmp(action, "escalate") == 0) {
		to = "escalated";
		note = "需职能部门处置";
		unit = e->unit = e->unit_to;
		e->assignee = 0;
	} else if (strcmp(action, "sign") == 0) {
		to = "in_progress";
		who = held ? SUPER01 : GRID01;
		note = held ? "单位已签收" : NULL;
		unit = e->unit;
	} else if (strcmp(action, "feedback") == 0) {
		to = "resolved";
		who = held ? SUPER01 : GRID01;
		note = "已处理完毕";
		unit = e->unit;
	} else if (strcmp(action, "self_resolve") == 0) {
		to = "resolved";
		who = GRID01;
		note = "已当场劝导处理";
		e->self = 1;
	} else if (strcmp(action, "check") == 0) {
		to = "checked";
		who = e->self ? SUPER01 : GRID01;
		note = "现场核实已处理";
		rating = e->rating = 3 + (int)(e->id % 3);
	} else if (strcmp(action, "close") == 0)
		to = "closed";
	else if (strcmp(action, "extend") == 0) {
		who = held ? SUPER01 : GRID01;
		note = "需协调物业，申请延期";
		clock_add_days(e->due, 5, e->ext);
		until = e->ext;
		e->ext_by = who;
		snprintf(e->ext_at, sizeof e->ext_at, "%s", at);
	} else if (strcmp(action, "approve_extension") == 0) {
		until = e->ext;
		snprintf(e->due, sizeof e->due, "%s", e->ext);
		e->ext[0] = '\0';
	} else if (strcmp(action, "supervise") == 0) {
		note = "请加快处理";
		e->sup++;
	}
	if (to != NULL)
		snprintf(e->status, sizeof e->status, "%s", to);
	e->steps++;
	return (run(e, NULL, "INSERT INTO event_updates (event_id, at, "
	    "staff_id, status, assignee_id, note, action, unit_id, rating, "
	    "until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "ltltLttLLt", e->id,
	    at, who, to, assignee, note, action, unit, (long long)rating,
	    until));
}

/* Plays the path after the report at t, its steps spread up to now. */
static int
play(struct ev *e, const char *path, time_t t, time_t now)
{
	char	*copy = xstrdup(path), *p = copy, *tok, at[32];
	int	 n = 1, i = 0, rc = 0;

	for (tok = copy; *tok != '\0'; tok++)
		n += *tok == ' ';
	while (rc == 0 && (tok = strsep(&p, " ")) != NULL && *tok != '\0') {
		clock_rfc3339(t + (now - t) * ++i / (n + 1), at);
		rc = step(e, tok, at);
	}
	free(copy);
	return (rc);
}

/* One event reported at t: its row, its report and its path. */
static int
one(struct ev *e, int i, time_t t, time_t now)
{
	const char	*urgency = i % 4 == 0 ? "urgent" : i % 3 == 0 ?
			    "high" : "normal";
	char		 at[32], date[11];
	int		 pending;

	clock_rfc3339(t, at);
	clock_date(t, date);
	event_due_date(date, urgency, e->due);
	if (run(e, &e->unit_to, "SELECT id FROM event_units WHERE code = ?",
	    "t", kinds[i % NKINDS].unit) != 0 || run(e, &e->id, "INSERT INTO "
	    "events (category, location, description, urgency, grid_id, "
	    "community_id, status, reporter_id, reported_at, reported_date, "
	    "updated_at, version, due_date) VALUES (?, ?, ?, ?, ?, 1, "
	    "'reported', ?, ?, ?, ?, 1, ?) RETURNING id", "ttttlltttt",
	    kinds[i % NKINDS].category, "红旗社区院内", kinds[i % NKINDS].what,
	    urgency, (long long)(1 + i % 8), (long long)GRID01, at, date, at,
	    e->due) != 0 || run(e, NULL, "INSERT INTO event_updates "
	    "(event_id, at, staff_id, status, action) VALUES (?, ?, ?, "
	    "'reported', 'report')", "ltl", e->id, at, (long long)GRID01) != 0)
		return (-1);
	snprintf(e->status, sizeof e->status, "reported");
	if (play(e, paths[i % NPATHS], t, now) != 0)
		return (-1);
	clock_rfc3339(now - 60, at);
	pending = *e->ext != '\0';
	return (run(e, NULL, "UPDATE events SET status = ?, assignee_id = ?, "
	    "unit_id = ?, self_resolved = ?, rating = ?, supervisions = ?, "
	    "due_date = ?, ext_until = ?, ext_reason = ?, ext_by = ?, "
	    "ext_at = ?, updated_at = ?, version = ? WHERE id = ?",
	    "tLLlLltttLttll", e->status, e->assignee, e->unit,
	    (long long)e->self, (long long)e->rating, (long long)e->sup,
	    e->due, pending ? e->ext : NULL, pending ? "需协调物业，申请延期" :
	    NULL, pending ? e->ext_by : 0, pending ? e->ext_at : NULL, at,
	    (long long)e->steps + 1, e->id));
}

int
seed_events(struct db *db, unsigned long long seed, time_t now,
    char **cause)
{
	struct ev	e;
	uint64_t	rng = seed;
	time_t		t;
	int		i;

	for (i = 0; i < NEVENTS; i++) {
		memset(&e, 0, sizeof e);
		e.db = db;
		e.cause = cause;
		rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
		/* one in four within the last day, urgent: due soon */
		if (i % 4 == 0)
			t = now - 3600 - (time_t)((rng >> 33) % 72000);
		else
			t = now - 86400 - (time_t)((rng >> 33) % (30 * 86400));
		if (one(&e, i, t, now) != 0)
			return (-1);
	}
	return (0);
}
