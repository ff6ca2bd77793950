/*
 * A district at work: applications in every state with their timelines,
 * certificates (some expired, some reprinted) and grid events, spread
 * over the last sixty days, from the seed's PRNG so that one seed number
 * always makes the same history. Written inside the seed's transaction
 * with the same tables the API writes, and no audit rows: nobody did
 * these things through the API.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "calendar.h"
#include "certificate-issue.h"
#include "clock.h"
#include "db.h"
#include "form.h"
#include "json-print.h"
#include "seed-activity.h"
#include "seed-events.h"
#include "seed-fieldwork.h"
#include "valid.h"
#include "../util/xmalloc.h"

#define DAYS_BACK	60
#define CLERK01		1	/* the demo accounts' staff ids */
#define ADMIN		4
#define CLERK02		5

struct act {
	struct db	*db;
	uint64_t	 rng;
	time_t		 now;
	char		**cause;
	long long	 residents, services, n;
};

/* The statuses an application may end in, by weight. */
static const struct {
	const char	*status;
	int		 weight;
	const char	*path;		/* the actions that lead there */
} ends[] = {
	{ "submitted", 15, "" },
	{ "accepted", 15, "accept" },
	{ "materials_requested", 8, "accept request_materials" },
	{ "forwarded", 12, "accept forward" },
	{ "completed", 15, "accept forward complete" },
	{ "collected", 25, "accept forward complete collect" },
	{ "rejected", 10, "reject" },
};

/* splitmix64: small and the same everywhere. */
static uint64_t
next(struct act *a)
{
	uint64_t	z = (a->rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (z ^ (z >> 31));
}

/* Uniform in [0, n). */
static long long
below(struct act *a, long long n)
{
	return ((long long)(next(a) % (uint64_t)n));
}

/* Binds by fmt (t text, l int64, L int64 with 0 as null) and steps
 * once; a row's first column (or 0) goes to *out. -1 with *cause on
 * error. */
static int
run(struct act *a, long long *out, const char *sql, const char *fmt, ...)
{
	struct db_stmt	*st;
	va_list		 ap;
	int		 rc;

	va_start(ap, fmt);
	rc = db_vquery(a->db, &st, sql, fmt, ap);
	va_end(ap);
	if (out != NULL)
		*out = rc == 1 ? db_int(st, 0) : 0;
	db_reset(st);
	if (rc >= 0)
		return (0);
	if (*a->cause == NULL)
		*a->cause = xasprintf("activity: %s", db_error(a->db));
	return (-1);
}

/* A sample value for a required extra field of the form. */
static cJSON *
sample(const cJSON *f)
{
	const char	*type = cJSON_GetStringValue(cJSON_GetObjectItem(f,
	    "type"));
	const cJSON	*opts = cJSON_GetObjectItem(f, "options");
	const cJSON	*min = cJSON_GetObjectItem(f, "min");
	cJSON		*list;

	if (strcmp(type, "select") == 0)
		return (cJSON_CreateString(cJSON_GetStringValue(
		    cJSON_GetObjectItem(cJSON_GetArrayItem(opts, 0), "value"))));
	if (strcmp(type, "multiselect") == 0) {
		list = cJSON_CreateArray();
		cJSON_AddItemToArray(list, cJSON_CreateString(
		    cJSON_GetStringValue(cJSON_GetObjectItem(
		    cJSON_GetArrayItem(opts, 0), "value"))));
		return (list);
	}
	if (strcmp(type, "number") == 0 || strcmp(type, "money") == 0)
		return (cJSON_CreateNumber(cJSON_IsNumber(min) &&
		    min->valuedouble > 0 ? min->valuedouble : 1));
	if (strcmp(type, "checkbox") == 0)
		return (cJSON_CreateTrue());
	if (strcmp(type, "date") == 0)
		return (cJSON_CreateString("2025-03-01"));
	if (strcmp(type, "uscc") == 0)
		return (cJSON_CreateString("91610200MA6TGD0W8K"));
	if (strcmp(type, "postal_code") == 0)
		return (cJSON_CreateString("727000"));
	if (cJSON_GetStringValue(cJSON_GetObjectItem(f, "pattern")) != NULL)
		return (cJSON_CreateString("6214830912345678"));
	return (cJSON_CreateString("按规定办理"));
}

/* The data of an application: the record's values, samples for the
 * rest, a phone where the record has none. */
static cJSON *
make_data(struct db_stmt *res, const cJSON *form)
{
	cJSON		*fields = form_fields(form), *data, *f, *prefill;
	cJSON		*resident = cJSON_CreateObject(), *errors = NULL;
	const char	*name;

	cJSON_AddStringToObject(resident, "name", (const char *)
	    db_text(res, 1));
	cJSON_AddStringToObject(resident, "id_number", (const char *)
	    db_text(res, 2));
	cJSON_AddStringToObject(resident, "sex", (const char *)
	    db_text(res, 3));
	cJSON_AddNumberToObject(resident, "age", clock_age((const char *)
	    db_text(res, 4), clock_now()));
	cJSON_AddStringToObject(resident, "phone", db_null(res,
	    5) ? "13992190000" : (const char *)
	    db_text(res, 5));
	cJSON_AddStringToObject(resident, "address", (const char *)
	    db_text(res, 6));
	cJSON_AddStringToObject(resident, "community.name", (const char *)
	    db_text(res, 7));
	prefill = cJSON_CreateObject();
	cJSON_ArrayForEach(f, fields) {
		name = cJSON_GetStringValue(cJSON_GetObjectItem(f, "name"));
		if (cJSON_IsTrue(cJSON_GetObjectItem(f, "required")) &&
		    cJSON_IsNull(cJSON_GetObjectItem(f, "prefill")) &&
		    strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(f,
		    "type")), "materials") != 0)
			cJSON_AddItemToObject(prefill, name, sample(f));
	}
	data = form_check(fields, prefill, resident, &errors);
	cJSON_Delete(errors);
	cJSON_Delete(prefill);
	cJSON_Delete(resident);
	cJSON_Delete(fields);
	return (data);
}

/* The service's required materials, received in full. */
static char *
materials_text(const cJSON *materials)
{
	cJSON	*list = cJSON_CreateArray(), *m;
	const cJSON *k;
	char	*text;

	cJSON_ArrayForEach(k, materials) {
		if (!cJSON_IsTrue(cJSON_GetObjectItem(k, "required")))
			continue;
		m = cJSON_CreateObject();
		cJSON_AddItemToObject(m, "name", cJSON_Duplicate(
		    cJSON_GetObjectItem(k, "name"), 1));
		cJSON_AddItemToObject(m, "originals", cJSON_Duplicate(
		    cJSON_GetObjectItem(k, "originals"), 1));
		cJSON_AddItemToObject(m, "copies", cJSON_Duplicate(
		    cJSON_GetObjectItem(k, "copies"), 1));
		cJSON_AddItemToArray(list, m);
	}
	text = json_print(list);
	cJSON_Delete(list);
	return (text);
}

/* 1 if the resident of row res meets every condition. */
static int
meets(struct db_stmt *res, const cJSON *conds)
{
	const cJSON	*c, *id;
	const char	*type, *tags = (const char *)db_text(res, 8);
	int		 age = clock_age((const char *)db_text(res,
			    4), clock_now()), ok;

	cJSON_ArrayForEach(c, conds) {
		type = cJSON_GetStringValue(cJSON_GetObjectItem(c, "type"));
		if (strcmp(type, "min_age") == 0 && age <
		    cJSON_GetNumberValue(cJSON_GetObjectItem(c, "value")))
			return (0);
		if (strcmp(type, "max_age") == 0 && age >
		    cJSON_GetNumberValue(cJSON_GetObjectItem(c, "value")))
			return (0);
		if (strcmp(type, "tag") == 0 && strstr(tags,
		    cJSON_GetStringValue(cJSON_GetObjectItem(c, "value"))) ==
		    NULL)
			return (0);
		if (strcmp(type, "community") == 0) {
			ok = 0;
			cJSON_ArrayForEach(id, cJSON_GetObjectItem(c, "value"))
				ok |= (long long)id->valuedouble ==
				    db_int(res, 9);
			if (!ok)
				return (0);
		}
	}
	return (1);
}

/* A moment within the last days_back days, by the seed's clock. */
static time_t
moment(struct act *a, int days_back)
{
	return (a->now - (time_t)below(a, (long long)days_back * 86400) -
	    3600);
}

/* A resident: mostly of the two demo centres' communities. */
static long long
pick_resident(struct act *a)
{
	long long	id = 0;
	int		c = (int)below(a, 10);

	if (c < 6 && run(a, &id, "SELECT id FROM residents WHERE "
	    "community_id = ? ORDER BY id LIMIT 1 OFFSET ?", "ll",
	    (long long)(c % 2) + 1, below(a, 60)) == 0 && id != 0)
		return (id);
	return (1 + below(a, a->residents));
}

#define RESIDENT_SQL "SELECT r.id, r.name, r.id_number, r.sex, " \
	"r.birth_date, r.phone, r.address, c.name, r.tags, c.id, c.code " \
	"FROM residents r JOIN communities c ON c.id = r.community_id " \
	"WHERE r.id = ?"
#define SERVICE_SQL "SELECT id, conditions, materials, form, " \
	"time_limit_days, fee_fen FROM services WHERE id = ?"

/* Steps a statement with one id bound; the row or NULL. The caller
 * resets it. */
static struct db_stmt *
row(struct act *a, const char *sql, long long id)
{
	struct db_stmt	*st;

	if (db_query(a->db, &st, sql, "l", id) != 1) {
		db_reset(st);
		return (NULL);
	}
	return (st);
}

/* A service the resident may apply for, or NULL. */
static struct db_stmt *
pick_service(struct act *a, struct db_stmt *res)
{
	struct db_stmt	*svc;
	cJSON		*conds;
	int		 tries, ok;

	for (tries = 0; tries < 20; tries++) {
		if ((svc = row(a, SERVICE_SQL, 1 + below(a, a->services))) ==
		    NULL)
			return (NULL);
		conds = cJSON_Parse((const char *)db_text(svc, 1));
		ok = meets(res, conds);
		cJSON_Delete(conds);
		if (ok)
			return (svc);
		db_reset(svc);
	}
	return (NULL);
}

/* The ending, by weight. */
static int
pick_end(struct act *a)
{
	int	total = 0, r;
	size_t	i;

	for (i = 0; i < sizeof ends / sizeof *ends; i++)
		total += ends[i].weight;
	r = (int)below(a, total);
	for (i = 0; r >= ends[i].weight; i++)
		r -= ends[i].weight;
	return ((int)i);
}

/* The next number of a sequence, as the API takes it. */
static long long
sequence(struct act *a, const char *name)
{
	long long	n = 0;

	run(a, &n, "INSERT INTO sequences (name, last) VALUES (?, 1) ON "
	    "CONFLICT (name) DO UPDATE SET last = sequences.last + 1 "
	    "RETURNING last",
	    "t", name);
	return (n);
}

/* The timeline of an application, one entry per action of its path;
 * the time of the last. */
static time_t
timeline(struct act *a, long long app, long long staff, int end, time_t t,
    struct db_stmt *res)
{
	static const char *const	 to[] = { "accepted", "rejected",
	    "materials_requested", "forwarded", "completed", "collected" };
	static const char *const	 act[] = { "accept", "reject",
	    "request_materials", "forward", "complete", "collect" };
	char				*path = xstrdup(ends[end].path), *p = path;
	char				*step, at[32];
	const char			*from = "submitted";
	size_t				 i;

	while ((step = strsep(&p, " ")) != NULL && *step != '\0') {
		for (i = 0; strcmp(act[i], step) != 0; i++)
			;
		t += 3600 + below(a, 3 * 86400);
		if (t > a->now)
			t = a->now;
		clock_rfc3339(t, at);
		run(a, NULL, "INSERT INTO timeline (application_id, at, "
		    "staff_id, action, from_status, to_status, reason, "
		    "missing_materials, department, collector_name, "
		    "collector_id_number, collected_at) VALUES (?, ?, ?, ?, ?, "
		    "?, ?, ?, ?, ?, ?, ?)", "ltltttttttt" "t", app, at, staff,
		    act[i], from, to[i], i == 1 ? "材料不齐，不予受理" : NULL,
		    i == 2 ? "[\"户口簿复印件\"]" : "[]", i == 3 ?
		    "街道民政办" : NULL, i == 5 ? (const char *)
		    db_text(res, 1) : NULL, i == 5 ? (const char *)
		    db_text(res, 2) : NULL, i == 5 ? at : NULL);
		from = to[i];
	}
	free(path);
	return (t);
}

/* Writes one application of the end's status with its history. */
static int
one_application(struct act *a, struct db_stmt *res, struct db_stmt *svc,
    int end)
{
	cJSON		*form, *data, *fields, *masked;
	char		*dtext, *mtext, *mats, created[32], updated[32],
			 updated_date[11];
	cJSON		*known;
	char		 date[11], due[11], seq[48], number[32], key[32];
	long long	 community = db_int(res, 9), staff, app;
	time_t		 t0 = moment(a, DAYS_BACK), t1;
	int		 rc;

	staff = community == 1 ? CLERK01 : community == 2 ? CLERK02 : ADMIN;
	form = cJSON_Parse((const char *)db_text(svc, 3));
	data = make_data(res, form);
	fields = form_fields(form);
	masked = form_masked(fields, data);
	dtext = json_print(data);
	mtext = json_print(masked);
	known = cJSON_Parse((const char *)db_text(svc, 2));
	mats = materials_text(known);
	cJSON_Delete(known);
	clock_rfc3339(t0, created);
	clock_date(t0, date);
	calendar_add_workdays(date, db_int(svc, 4), due);
	snprintf(seq, sizeof seq, "app:%.9s:%.4s%.2s%.2s",
	    db_text(res, 10), date, date + 5, date + 8);
	snprintf(number, sizeof number, "%.9s-%.4s%.2s%.2s-%04lld",
	    db_text(res, 10), date, date + 5, date + 8,
	    sequence(a, seq));
	snprintf(key, sizeof key, "seed-%08lld", ++a->n);
	rc = run(a, &app, "INSERT INTO applications (number, service_id, "
	    "resident_id, community_id, status, counter, staff_id, created_at, "
	    "created_date, updated_at, due_date, fee_fen, form_version, data, "
	    "data_masked, materials, client_request_id) VALUES (?, ?, ?, ?, ?, "
	    "'1', ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?) RETURNING id",
	    "tllltltttt" "ltttt", number, db_int(svc, 0),
	    db_int(res, 0), community, ends[end].status, staff,
	    created, date, created, due, db_int(svc, 5), dtext,
	    mtext, mats, key);
	if (rc == 0)
		rc = run(a, NULL, "INSERT INTO timeline (application_id, at, "
		    "staff_id, action, to_status) VALUES (?, ?, ?, 'create', "
		    "'submitted')", "ltl", app, created, staff);
	if (rc == 0) {
		t1 = timeline(a, app, staff, end, t0, res);
		clock_rfc3339(t1, updated);
		clock_date(t1, updated_date);
		rc = run(a, NULL, "UPDATE applications SET version = 1 + "
		    "(SELECT count(*) - 1 FROM timeline WHERE application_id = "
		    "?1), updated_at = ?2, reason = (SELECT reason FROM "
		    "timeline WHERE application_id = ?1 AND reason IS NOT NULL), "
		    "department = (SELECT department FROM timeline WHERE "
		    "application_id = ?1 AND department IS NOT NULL), "
		    "missing_materials = CASE status WHEN 'materials_requested' "
		    "THEN '[\"户口簿复印件\"]' ELSE '[]' END, requested_on = CASE "
		    "status WHEN 'materials_requested' THEN ?3 "
		    "END, collector_name = (SELECT collector_name FROM timeline "
		    "WHERE application_id = ?1 AND collector_name IS NOT NULL), "
		    "collector_id_number = (SELECT collector_id_number FROM "
		    "timeline WHERE application_id = ?1 AND collector_name IS NOT "
		    "NULL), collected_at = (SELECT collected_at FROM timeline "
		    "WHERE application_id = ?1 AND collected_at IS NOT NULL) "
		    "WHERE id = ?1", "ltt", app, updated, updated_date);
	}
	free(dtext);
	free(mtext);
	free(mats);
	cJSON_Delete(form);
	cJSON_Delete(data);
	cJSON_Delete(fields);
	cJSON_Delete(masked);
	return (rc);
}

/* Applications, every ending in turn and then by weight. */
static int
seed_applications(struct act *a, long long count)
{
	struct db_stmt	*res, *svc;
	long long	 i;
	int		 rc = 0, end;

	for (i = 0; i < count && rc == 0; i++) {
		end = i < (long long)(sizeof ends / sizeof *ends) ? (int)i :
		    pick_end(a);
		if ((res = row(a, RESIDENT_SQL, pick_resident(a))) == NULL)
			continue;
		if ((svc = pick_service(a, res)) != NULL) {
			rc = one_application(a, res, svc, end);
			db_reset(svc);
		}
		db_reset(res);
	}
	return (rc);
}

/* A token and 核验码 from the seed's PRNG. */
static void
tokens(struct act *a, char *token, char *code)
{
	static const char	b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij"
	    "klmnopqrstuvwxyz0123456789-_";
	static const char	alpha[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
	int			i;

	for (i = 0; i < 43; i++)
		token[i] = b64[next(a) & 63];
	token[43] = '\0';
	for (i = 0; i < 8; i++)
		code[i] = alpha[next(a) & 31];
	code[8] = '\0';
}

/* One certificate of a retained type, issued some days ago. */
static int
one_certificate(struct act *a, struct db_stmt *res, long long type)
{
	struct db_stmt	*tp;
	cJSON		*t, *data, *fields, *f, *sent, *errors = NULL;
	char		*body, *dtext, at[32], date[11], until[11], seq[48];
	char		 serial[128], token[44], code[9];
	time_t		 when = moment(a, 200);
	long long	 id, community = db_int(res, 9);
	int		 rc = -1;

	if ((tp = row(a, "SELECT template, validity_days, purpose FROM "
	    "certificate_types WHERE id = ?", type)) == NULL)
		return (0);
	t = cJSON_Parse((const char *)db_text(tp, 0));
	fields = cJSON_GetObjectItem(t, "fields");
	sent = cJSON_CreateObject();
	cJSON_ArrayForEach(f, fields)
		cJSON_AddItemToObject(sent, cJSON_GetStringValue(
		    cJSON_GetObjectItem(f, "name")), sample(f));
	data = form_check(fields, sent, NULL, &errors);
	clock_rfc3339(when, at);
	clock_date(when, date);
	clock_add_days(date, db_int(tp, 1), until);
	body = certificate_fill(t, data, db_int(tp, 1),
	    (const char *)db_text(res, 1), (const char *)
	    db_text(res, 2), (const char *)db_text(res,
	    3), (const char *)db_text(res, 4), (const char *)
	    db_text(res, 6), (const char *)db_text(res,
	    7), (const char *)db_text(tp, 2), date);
	dtext = json_print(data);
	snprintf(seq, sizeof seq, "cert:%lld:%.4s", community, date);
	snprintf(serial, sizeof serial, "%s〔%.4s〕第%06lld号",
	    db_text(res, 7), date, sequence(a, seq));
	tokens(a, token, code);
	if (run(a, &id, "INSERT INTO certificates (serial, type_id, "
	    "resident_id, community_id, purpose, data, issued_at, issued_date, "
	    "issued_by, valid_until, title, body, verify_token, verify_code, "
	    "reprints) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	    "RETURNING id", "tllltttt" "lttttt" "l", serial, type,
	    db_int(res, 0), community, (const char *)
	    db_text(tp, 2), dtext, at, date, community == 2 ?
	    (long long)CLERK02 : (long long)CLERK01, until,
	    cJSON_GetStringValue(cJSON_GetObjectItem(t, "title")), body, token,
	    code, (long long)(below(a, 8) == 0)) == 0)
		rc = run(a, NULL, "INSERT INTO reprints (certificate_id, "
		    "reprint_no, at, staff_id, reason) SELECT id, 1, issued_at, "
		    "issued_by, '原件遗失，居民申请补打' FROM certificates WHERE "
		    "id = ? AND reprints = 1", "l", id);
	free(body);
	free(dtext);
	cJSON_Delete(errors);
	cJSON_Delete(sent);
	cJSON_Delete(data);
	cJSON_Delete(t);
	db_reset(tp);
	return (rc);
}

/* Certificates of the five retained types. */
static int
seed_certificates(struct act *a, long long count)
{
	struct db_stmt	*res;
	long long	 i;
	int		 rc = 0;

	for (i = 0; i < count && rc == 0; i++) {
		if ((res = row(a, RESIDENT_SQL, pick_resident(a))) == NULL)
			continue;
		rc = one_certificate(a, res, 1 + i % 5);
		db_reset(res);
	}
	return (rc);
}

int
seed_activity(struct db *db, unsigned long long seed, char **cause)
{
	struct act	a;

	memset(&a, 0, sizeof a);
	a.db = db;
	a.rng = seed;
	a.now = clock_now();
	a.cause = cause;
	if (run(&a, &a.residents, "SELECT count(*) FROM residents", "") != 0 ||
	    run(&a, &a.services, "SELECT count(*) FROM services", "") != 0)
		return (-1);
	if (seed_applications(&a, a.residents / 50 > 60 ? a.residents / 50 :
	    60) != 0 || seed_certificates(&a, a.residents / 250 > 25 ?
	    a.residents / 250 : 25) != 0 || seed_events(db, seed ^
	    0x6576656e7473ULL, a.now, cause) != 0 ||
	    seed_fieldwork(db, a.now, cause) != 0)
		return (-1);
	return (0);
}
