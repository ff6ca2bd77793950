/* Evaluation (好差评, docs/api.md 19): levels, reasons, the pending
 * evaluation of a counter, and recording a rating once per (object,
 * occasion) with the follow-up a bad one opens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "calendar.h"
#include "clock.h"
#include "db.h"
#include "evaluation.h"
#include "exchange-outbox.h"
#include "json-print.h"
#include "json.h"
#include "reply.h"
#include "route.h"
#include "../util/xmalloc.h"

#define PENDING_SECONDS	300

static const struct {
	const char	*level;
	const char	*zh;
	int		 good;
} levels[] = {
	{ "very_satisfied", "非常满意", 1 },
	{ "satisfied", "满意", 1 },
	{ "basic", "基本满意", 1 },
	{ "dissatisfied", "不满意", 0 },
	{ "very_dissatisfied", "非常不满意", 0 },
};

const char *const eval_reason_codes[] = { "attitude", "slow", "trips",
    "materials", "rules", "other", NULL };
static const char *const reason_zh[] = { "服务态度不好", "办理时间太长",
    "多次跑腿", "材料要求不清楚", "政策解释不清楚", "其他" };

const char *
eval_level_zh(const char *level)
{
	size_t	i;

	for (i = 0; level != NULL && i < sizeof levels / sizeof *levels; i++) {
		if (strcmp(levels[i].level, level) == 0)
			return (levels[i].zh);
	}
	return (NULL);
}

int
eval_level_good(const char *level)
{
	size_t	i;

	for (i = 0; i < sizeof levels / sizeof *levels; i++) {
		if (strcmp(levels[i].level, level) == 0)
			return (levels[i].good);
	}
	return (0);
}

const char *
eval_reason_zh(const char *code)
{
	int	i;

	for (i = 0; code != NULL && eval_reason_codes[i] != NULL; i++) {
		if (strcmp(eval_reason_codes[i], code) == 0)
			return (reason_zh[i]);
	}
	return (NULL);
}

void
eval_check(const struct eval_rating *x, cJSON **errors)
{
	char	field[32];
	int	i, j;

	if (x->level == NULL)
		field_error(errors, "level", "required", "请选择评价等级");
	else if (eval_level_zh(x->level) == NULL)
		field_error(errors, "level", "option", "没有这个评价等级");
	for (i = 0; i < x->nreasons; i++) {
		snprintf(field, sizeof field, "reasons[%d]", i);
		if (eval_reason_zh(x->reasons[i]) == NULL)
			field_error(errors, field, "option", "没有这个原因");
		for (j = 0; j < i; j++) {
			if (strcmp(x->reasons[i], x->reasons[j]) == 0)
				field_error(errors, field, "duplicate",
				    "原因重复");
		}
	}
	if (x->level != NULL && eval_level_zh(x->level) != NULL &&
	    !eval_level_good(x->level) && x->nreasons == 0 &&
	    (x->comment == NULL || *x->comment == '\0'))
		field_error(errors, "reasons", "required",
		    "不满意时请选择或填写原因");
}

void
eval_read(cJSON *body, struct eval_rating *x, cJSON **errors)
{
	cJSON	*a, *v;

	x->level = json_string(body, "level", 1, 32, NULL, errors);
	a = cJSON_GetObjectItem(body, "reasons");
	if (a != NULL && !cJSON_IsNull(a) && !cJSON_IsArray(a))
		field_error(errors, "reasons", "type", "须为数组");
	else if (cJSON_GetArraySize(a) > EVAL_MAX_REASONS)
		field_error(errors, "reasons", "too_long", "原因太多");
	else {
		cJSON_ArrayForEach(v, a) {
			if (!cJSON_IsString(v)) {
				field_error(errors, "reasons", "type",
				    "原因须为字符串");
				break;
			}
			x->reasons[x->nreasons++] = v->valuestring;
		}
	}
	x->comment = json_string(body, "comment", 0, 200, NULL, errors);
	if (*errors == NULL)
		eval_check(x, errors);
}

/* The centre, service name and (for a ticket) counter of an object. */
static int
object_of(struct db *db, const char *kind, long long id, long long *centre,
    char *service, size_t len, char *counter)
{
	struct db_stmt	*st;
	int		 rc;

	if (strcmp(kind, "application") == 0)
		rc = db_query(db, &st, "SELECT c.centre_id, s.name, '' FROM "
		    "applications a JOIN communities c ON c.id = "
		    "a.community_id JOIN services s ON s.id = a.service_id "
		    "WHERE a.id = ?", "l", id);
	else if (strcmp(kind, "certificate") == 0)
		rc = db_query(db, &st, "SELECT c.centre_id, t.name, '' FROM "
		    "certificates x JOIN communities c ON c.id = "
		    "x.community_id JOIN certificate_types t ON t.id = "
		    "x.type_id WHERE x.id = ?", "l", id);
	else
		rc = db_query(db, &st, "SELECT t.centre_id, k.name, "
		    "coalesce(t.counter, '') FROM tickets t JOIN "
		    "service_categories k ON k.id = t.category_id WHERE "
		    "t.id = ?", "l", id);
	if (rc == 1) {
		*centre = db_int(st, 0);
		snprintf(service, len, "%s", db_text(st, 1));
		snprintf(counter, 16, "%s", db_text(st, 2));
	}
	db_reset(st);
	return (rc == 1 ? 0 : -1);
}

int
eval_pend(struct req *r, const char *kind, long long id,
    const char *occasion)
{
	char		 service[128], counter[16], object[48];
	char		 now[32], until[32], lock[48];
	long long	 centre;
	time_t		 t = clock_now();

	if (object_of(r->db, kind, id, &centre, service, sizeof service,
	    counter) != 0)
		return (-1);
	if (*counter == '\0' && r->staff->counter != NULL)
		snprintf(counter, sizeof counter, "%s", r->staff->counter);
	if (*counter == '\0')
		return (0);
	snprintf(object, sizeof object, "%s/%lld", kind, id);
	clock_rfc3339(t, now);
	clock_rfc3339(t + PENDING_SECONDS, until);
	/* one pending evaluation a counter: its writers take turns; the
	 * writes go ahead with the transaction's next statement */
	snprintf(lock, sizeof lock, "pending:%lld:%s", centre, counter);
	if (db_lock_name(r->db, lock) != 0 || db_exec_later(r->db, "DELETE "
	    "FROM pending_evaluations WHERE centre_id = ? AND counter = ?",
	    "lt", centre, counter) != 0)
		return (-1);
	return (db_exec_later(r->db, "INSERT INTO pending_evaluations ("
	    "centre_id, counter, object, occasion, service, staff_id, "
	    "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    "lttttltt", centre, counter, object, occasion, service,
	    r->staff->id, now, until));
}

/* The first rating of (object, occasion): its id, or 0. */
static long long
first_rating(struct db *db, const char *object, const char *occasion,
    char *at)
{
	struct db_stmt	*st;
	long long	 id = 0;

	if (db_query(db, &st, "SELECT id, rated_at FROM ratings WHERE "
	    "object = ? AND occasion = ?", "tt", object, occasion) == 1) {
		id = db_int(st, 0);
		snprintf(at, 21, "%s", db_text(st, 1));
	}
	db_reset(st);
	return (id);
}

/* The reasons as stored: a JSON array. */
static char *
reasons_text(const struct eval_rating *x)
{
	cJSON	*a = cJSON_CreateArray();
	char	*s;
	int	 i;

	for (i = 0; i < x->nreasons; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(x->reasons[i]));
	s = json_print(a);
	cJSON_Delete(a);
	return (s);
}

/* The follow-up of a bad rating, due 15 working days on. */
static int
open_followup(struct db *db, long long rating, long long centre,
    const char *now, const char *today)
{
	char	due[11];

	calendar_add_workdays(today, EVAL_FOLLOWUP_DAYS, due);
	return (db_exec(db, "INSERT INTO followups (rating_id, centre_id, "
	    "status, opened_at, due_date) VALUES (?, ?, 'open', ?, ?)",
	    "lltt", rating, centre, now, due));
}

long long
eval_record(struct req *r, const struct eval_rating *x, long long *first,
    char *first_at)
{
	struct db_stmt	*st;
	char		 now[32], today[11], detail[160], object[48];
	char		*reasons;
	long long	 id = -1;
	int		 good = eval_level_good(x->level);

	/* one rating an occasion: the counter's and the page's take turns,
	 * so that the second finds the first */
	snprintf(detail, sizeof detail, "rating:%s:%s", x->object,
	    x->occasion);
	if (db_lock_name(r->db, detail) != 0)
		return (-1);
	if ((*first = first_rating(r->db, x->object, x->occasion,
	    first_at)) != 0)
		return (0);
	clock_rfc3339(clock_now(), now);
	clock_date(clock_now(), today);
	reasons = reasons_text(x);
	if (db_query(r->db, &st, "INSERT INTO ratings (object, occasion, "
	    "level, good, reasons, comment, channel, centre_id, counter, "
	    "service, staff_id, rated_at, rated_date) VALUES (?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", "tttdtttlttLtt",
	    x->object, x->occasion, x->level, good, reasons, x->comment,
	    x->channel, x->centre, x->counter, x->service, x->staff, now,
	    today) == 1)
		id = db_int(st, 0);
	db_reset(st);
	free(reasons);
	if (id <= 0)
		return (-1);
	if (!good && open_followup(r->db, id, x->centre, now, today) != 0)
		return (-1);
	if (exchange_rating(r->db, id, eval_level_zh(x->level)) != 0)
		return (-1);
	snprintf(object, sizeof object, "rating/%lld", id);
	snprintf(detail, sizeof detail, "%s %s %s (%s)", x->object,
	    x->occasion, x->level, x->channel);
	if (audit_write(r->db, r->staff != NULL ? r->staff->id : 0,
	    r->staff != NULL ? r->staff->username : NULL, "rate", object,
	    detail, r->addr) != 0)
		return (-1);
	return (id);
}

cJSON *
eval_rating_json(struct db *db, long long id)
{
	struct db_stmt	*st;
	cJSON		*o, *staff;

	if (db_query(db, &st, "SELECT r.id, r.object, r.occasion, r.level, "
	    "r.good, r.reasons, r.comment, r.channel, r.counter, r.service, "
	    "r.staff_id, s.name, r.rated_at, f.id FROM ratings r LEFT JOIN "
	    "staff s ON s.id = r.staff_id LEFT JOIN followups f ON "
	    "f.rating_id = r.id WHERE r.id = ?", "l", id) != 1) {
		db_reset(st);
		return (NULL);
	}
	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)db_int(st, 0));
	cJSON_AddStringToObject(o, "object", db_text(st, 1));
	cJSON_AddStringToObject(o, "occasion", db_text(st, 2));
	cJSON_AddStringToObject(o, "level", db_text(st, 3));
	cJSON_AddBoolToObject(o, "good", db_int(st, 4) != 0);
	cJSON_AddItemToObject(o, "reasons", cJSON_Parse(db_text(st, 5)));
	if (db_null(st, 6))
		cJSON_AddNullToObject(o, "comment");
	else
		cJSON_AddStringToObject(o, "comment", db_text(st, 6));
	cJSON_AddStringToObject(o, "channel", db_text(st, 7));
	if (db_null(st, 8))
		cJSON_AddNullToObject(o, "counter");
	else
		cJSON_AddStringToObject(o, "counter", db_text(st, 8));
	cJSON_AddStringToObject(o, "service", db_text(st, 9));
	if (db_null(st, 10))
		cJSON_AddNullToObject(o, "staff");
	else {
		staff = cJSON_AddObjectToObject(o, "staff");
		cJSON_AddNumberToObject(staff, "id", (double)db_int(st, 10));
		cJSON_AddStringToObject(staff, "name", db_text(st, 11));
	}
	cJSON_AddStringToObject(o, "rated_at", db_text(st, 12));
	if (db_null(st, 13))
		cJSON_AddNullToObject(o, "followup_id");
	else
		cJSON_AddNumberToObject(o, "followup_id",
		    (double)db_int(st, 13));
	db_reset(st);
	return (o);
}

void
eval_reply_rated(struct req *r, long long first, const char *first_at)
{
	cJSON	*ext = cJSON_CreateObject();

	cJSON_AddNumberToObject(ext, "rating_id", (double)first);
	cJSON_AddStringToObject(ext, "rated_at", first_at);
	reply_problem_ext(r, 409, "already-rated", "Already rated",
	    "该服务在此环节已评价过", ext);
}
