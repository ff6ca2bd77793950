/*
 * The demo district's 一库 as a grid member finds it: a few made-up
 * residents of 红旗社区's first grid (grid01's) who are 流动 or 寄住,
 * registered here but living elsewhere, moved in, moved out, reported
 * dead and awaiting the supervisor's confirmation, confirmed dead, and
 * records with a data-error flag open or resolved, each with the
 * history the API would have written. The README's residents are left
 * as they are. Inside the seed's transaction, no audit rows.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "db.h"
#include "seed-data.h"
#include "seed-status.h"
#include "../util/xmalloc.h"

#define GRID01	2	/* the demo accounts' staff ids */
#define SUPER01	3
#define CLERK01	1
#define GRID	1	/* 红旗社区第1网格, grid01's */
#define COUNT	11

struct st {
	struct db	*db;
	time_t		 now;
	char		**cause;
	long long	 ids[COUNT];
	int		 n;
};

/* Fails the seed with the database's message. */
static int
failed(struct st *s)
{
	if (*s->cause == NULL)
		*s->cause = xasprintf("%s", db_error(s->db));
	return (-1);
}

/* A time days ago, as RFC 3339, and its local date. */
static void
ago(struct st *s, int days, char *at, char *date)
{
	clock_rfc3339(s->now - (time_t)days * 86400, at);
	if (date != NULL)
		clock_date(s->now - (time_t)days * 86400, date);
}

/* One history row, days ago. */
static int
hist(struct st *s, long long id, int days, long long staff,
    const char *action, const char *field, const char *old,
    const char *new, const char *reason)
{
	char	at[32];

	ago(s, days, at, NULL);
	if (db_exec(s->db, "INSERT INTO resident_history (resident_id, at, "
	    "staff_id, action, field, old_value, new_value, reason) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?)", "ltlttttt", id, at, staff, action,
	    field, old, new, reason) != 0)
		return (failed(s));
	return (0);
}

/* Sets one text column of a resident and moves its version on. */
static int
set(struct st *s, long long id, const char *sql, const char *value)
{
	if (db_exec(s->db, sql, "tl", value, id) != 0 || db_exec(s->db,
	    "UPDATE residents SET version = version + 1 WHERE id = ?", "l",
	    id) != 0)
		return (failed(s));
	return (0);
}

/* The made-up residents of grid01's grid, after the README's, born
 * from 1960: the grid's few elderly stay active, on the tasks' lists
 * (高龄 and the like) a grid member works through. */
static int
pick(struct st *s)
{
	struct db_stmt	*st;
	size_t		 named = 0, i;
	int		 rc;

	for (i = 0; i < seed_nfamilies; i++)
		named += seed_families[i].n;
	rc = db_query(s->db, &st, "SELECT id FROM residents WHERE grid_id = ? "
	    "AND id > ? AND birth_date BETWEEN '1960-01-01' AND '2000-01-01' "
	    "ORDER BY id LIMIT ?",
	    "lll", (long long)GRID, (long long)named, (long long)COUNT);
	while (rc == 1 && s->n < COUNT) {
		s->ids[s->n++] = db_int(st, 0);
		rc = db_step(st);
	}
	db_reset(st);
	return (rc < 0 ? failed(s) : 0);
}

/* 流动, 寄住, 户在人不在, as a grid member's visits found them. */
static int
types(struct st *s)
{
	static const struct {
		int		 who;
		const char	*column, *value, *old, *reason;
	} t[] = {
		{ 0, "residence", "floating", "registered",
		  "走访核实：户籍在渭南，在此租住务工" },
		{ 0, "presence", "here_not_registered", "consistent",
		  "走访核实：户籍在渭南，在此租住务工" },
		{ 1, "residence", "lodging", "registered",
		  "走访核实：寄住亲戚家照看老人" },
		{ 2, "presence", "registered_not_here", "consistent",
		  "走访核实：已在西安工作居住，户口未迁" },
	};
	size_t	i;
	int	rc;

	for (i = 0; i < sizeof t / sizeof *t && t[i].who < s->n; i++) {
		if (strcmp(t[i].column, "residence") == 0)
			rc = set(s, s->ids[t[i].who], "UPDATE residents SET "
			    "residence = ? WHERE id = ?", t[i].value);
		else
			rc = set(s, s->ids[t[i].who], "UPDATE residents SET "
			    "presence = ? WHERE id = ?", t[i].value);
		if (rc != 0 || hist(s, s->ids[t[i].who], 20 - (int)i, GRID01,
		    "update", t[i].column, t[i].old, t[i].value,
		    t[i].reason) != 0)
			return (-1);
	}
	return (0);
}

/* Moved in from 渭南 a month ago; moved out to 西安 ten days ago. */
static int
moves(struct st *s)
{
	char	in[11], out[11], at[32];

	if (s->n < 5)
		return (0);
	ago(s, 30, at, in);
	ago(s, 10, at, out);
	if (db_exec(s->db, "UPDATE residents SET moved_in_on = ?, "
	    "moved_in_from = '渭南市临渭区', version = version + 1 WHERE "
	    "id = ?", "tl", in, s->ids[3]) != 0 || db_exec(s->db,
	    "UPDATE residents SET status = 'moved_out', moved_out_on = ?, "
	    "moved_out_to = '西安市雁塔区', version = version + 1 WHERE "
	    "id = ?", "tl", out, s->ids[4]) != 0)
		return (failed(s));
	return (hist(s, s->ids[3], 30, CLERK01, "move_in", "moved_in_on",
	    NULL, in, "投靠子女") || hist(s, s->ids[3], 30, CLERK01,
	    "move_in", "moved_in_from", NULL, "渭南市临渭区", "投靠子女") ||
	    hist(s, s->ids[4], 10, CLERK01, "move_out", "status", "active",
	    "moved_out", "工作调动") || hist(s, s->ids[4], 10, CLERK01,
	    "move_out", "moved_out_on", NULL, out, "工作调动") ||
	    hist(s, s->ids[4], 10, CLERK01, "move_out", "moved_out_to", NULL,
	    "西安市雁塔区", "工作调动") ? -1 : 0);
}

/* A death reported three days ago, awaiting the supervisor; another
 * reported and confirmed last month. */
static int
deaths(struct st *s)
{
	char	reported[11], died[11], at[32];

	if (s->n < 7)
		return (0);
	ago(s, 3, at, reported);
	ago(s, 40, at, died);
	if (db_exec(s->db, "UPDATE residents SET status = 'death_reported', "
	    "death_date = ?, version = version + 1 WHERE id = ?", "tl",
	    reported, s->ids[5]) != 0 || db_exec(s->db, "UPDATE residents "
	    "SET status = 'deceased', death_date = ?, death_source = "
	    "'医院死亡医学证明', version = version + 2 WHERE id = ?", "tl",
	    died, s->ids[6]) != 0)
		return (failed(s));
	return (hist(s, s->ids[5], 3, GRID01, "report_death", "status",
	    "active", "death_reported", "入户走访时家属告知") ||
	    hist(s, s->ids[5], 3, GRID01, "report_death", "death_date", NULL,
	    reported, "入户走访时家属告知") || hist(s, s->ids[6], 39, GRID01,
	    "report_death", "status", "active", "death_reported",
	    "社区干部上门慰问时获知") || hist(s, s->ids[6], 39, GRID01,
	    "report_death", "death_date", NULL, died, "社区干部上门慰问时获知") ||
	    hist(s, s->ids[6], 38, SUPER01, "confirm_death", "status",
	    "death_reported", "deceased", NULL) || hist(s, s->ids[6], 38,
	    SUPER01, "confirm_death", "death_source", NULL, "医院死亡医学证明",
	    NULL) ? -1 : 0);
}

/* One flag, days ago, resolved when resolution is given. */
static int
flag(struct st *s, long long id, int days, long long by, const char *text,
    const char *resolution)
{
	char	at[32], done[32];

	ago(s, days, at, NULL);
	ago(s, days - 1, done, NULL);
	if (db_exec(s->db, "INSERT INTO resident_flags (resident_id, text, "
	    "raised_at, raised_by, resolved_at, resolved_by, resolution) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)", "lttltLt", id, text, at, by,
	    resolution != NULL ? done : NULL, resolution != NULL ?
	    (long long)SUPER01 : 0, resolution) != 0 || db_exec(s->db, "UPDATE residents SET "
	    "version = version + 1 WHERE id = ?", "l", id) != 0)
		return (failed(s));
	if (hist(s, id, days, by, "flag", "flag", NULL, text, NULL) != 0)
		return (-1);
	if (resolution != NULL)
		return (hist(s, id, days - 1, SUPER01, "resolve_flag", "flag",
		    text, resolution, NULL));
	return (0);
}

int
seed_status(struct db *db, time_t now, char **cause)
{
	struct st	s;

	memset(&s, 0, sizeof s);
	s.db = db;
	s.now = now;
	s.cause = cause;
	if (pick(&s) != 0 || types(&s) != 0 || moves(&s) != 0 ||
	    deaths(&s) != 0)
		return (-1);
	if (s.n >= 9 && (flag(&s, s.ids[7], 5, GRID01, "门牌号已变更为红旗街"
	    "14号，库内地址未改", NULL) != 0 || flag(&s, s.ids[8], 12,
	    CLERK01, "电话号码已停机，需核实新号码", "已电话联系其子女，居民"
	    "本人已更新号码") != 0))
		return (-1);
	return (0);
}
