/* POST /api/v1/applications: the checks of docs/api.md 8 in their order
 * (form data with prefill, materials, then the service's conditions),
 * and the number, due date, timeline entry and audit row, all in one
 * transaction with the stored reply. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applications.h"
#include "audit.h"
#include "auth.h"
#include "calendar.h"
#include "catalog.h"
#include "clock.h"
#include "conditions.h"
#include "db.h"
#include "exchange-outbox.h"
#include "fees.h"
#include "form.h"
#include "idempotency.h"
#include "json-print.h"
#include "json.h"
#include "pickup.h"
#include "promises.h"
#include "queue.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "valid.h"
#include "../util/xmalloc.h"

/* A request being taken in. */
struct newapp {
	long long	 service_id, resident_id, ticket_id;
	const char	*counter, *note;
	cJSON		*service;	/* the Service */
	cJSON		*resident;	/* prefill sources */
	long long	 community;
	char		 prefix[10];
	char		 tags[160];
	int		 age;
	cJSON		*data;		/* accepted data */
	cJSON		*materials;	/* as received */
	cJSON		*deferred;	/* names taken 容缺, or NULL */
	cJSON		*promised;	/* names promised (告知承诺), or NULL */
	/* the resident's status as read with the rest, for a refusal
	 * once the request is known valid (inactive_as_read()) */
	char		*status, *death_date, *moved_out_on, *moved_out_to;
	/* the implementing body (the resident's centre) and the due date,
	 * for the first exchange message */
	char		*body_name, *body_uscc;
	char		 due[11];
	/* the reads of the service and resident the body names, sent
	 * ahead with the key's (send_reads()), until used */
	struct db_stmt	*service_read, *resident_read;
	long long	 read_service, read_resident;
};

/* Frees what taking an application made. */
static void
newapp_free(struct newapp *a)
{
	cJSON_Delete(a->service);
	cJSON_Delete(a->resident);
	cJSON_Delete(a->data);
	cJSON_Delete(a->materials);
	cJSON_Delete(a->deferred);
	free(a->body_name);
	free(a->body_uscc);
	cJSON_Delete(a->promised);
	free(a->status);
	free(a->death_date);
	free(a->moved_out_on);
	free(a->moved_out_to);
	if (a->service_read != NULL)
		db_reset(a->service_read);
	if (a->resident_read != NULL)
		db_reset(a->resident_read);
}

/* A copy of column col, or NULL for NULL. */
static char *
text_or_null(struct db_stmt *st, int col)
{
	return (db_null(st, col) ? NULL : xstrdup(db_text(st, col)));
}

/* The id the body gives as name if it looks like one, or 0: what
 * read_members() takes, checked there. */
static long long
peek_id(const char *name, cJSON *body)
{
	cJSON	*v = cJSON_GetObjectItem(body, name);

	if (!cJSON_IsNumber(v) || v->valuedouble < 1 || v->valuedouble >
	    JSON_MAX_ID)
		return (0);
	return ((long long)v->valuedouble);
}

/* The read of the resident for load_resident(), sent ahead. */
static struct db_stmt *
resident_read(struct db *db, long long id)
{
	return (db_read_ahead(db, "SELECT r.name, r.id_number, r.sex, "
	    "r.birth_date, r.phone, r.address, r.ethnicity, c.name, c.id, "
	    "c.code, r.tags, c.centre_id, r.status, r.death_date, "
	    "r.moved_out_on, coalesce(r.moved_out_to, ''), ce.name, ce.uscc "
	    "FROM residents r JOIN communities c ON c.id = r.community_id "
	    "JOIN centres ce ON ce.id = c.centre_id WHERE r.id = ?", "l", id));
}

static struct db_stmt *
service_read(struct db *db, long long id)
{
	return (catalog_service_read(db, id, NULL));
}

/* The key's application, the service and the resident the body names
 * are read in one round trip (db_read_ahead()): the statement of the
 * key's read. */
static struct db_stmt *
send_reads(struct req *r, struct newapp *a)
{
	struct db_stmt	*key;
	cJSON		*body = req_body(r);

	key = db_read_ahead(r->db, "SELECT id, staff_id FROM applications "
	    "WHERE client_request_id = ?", "t", r->idem_key);
	if ((a->read_service = peek_id("service_id", body)) != 0)
		a->service_read = service_read(r->db, a->read_service);
	if ((a->read_resident = peek_id("resident_id", body)) != 0)
		a->resident_read = resident_read(r->db, a->read_resident);
	return (key);
}

/* A read sent ahead by send_reads() if it is for id, else a new one. */
static struct db_stmt *
read_of(struct db_stmt **sent, long long sent_id, long long id,
    struct db_stmt *(*read)(struct db *, long long), struct db *db)
{
	struct db_stmt	*st = *sent;

	*sent = NULL;
	if (st != NULL && sent_id == id)
		return (st);
	if (st != NULL)
		db_reset(st);
	return (read(db, id));
}

/* An application already made with this key, from st (its read): 200
 * and its state for its own staff, 409 for anyone else (docs/api.md
 * 1.8). 1 if answered. */
static int
known_key(struct req *r, struct db_stmt *st)
{
	cJSON		*o;
	long long	 id = 0, staff = 0, version;

	if (db_step(st) == 1) {
		id = db_int(st, 0);
		staff = db_int(st, 1);
	}
	db_reset(st);
	if (id == 0)
		return (0);
	if (staff != r->staff->id || (o = app_full(r, id, &version)) ==
	    NULL) {
		reply_problem(r, 409, "conflict", "Conflict",
		    "此请求编号已被另一位工作人员使用", NULL);
		return (1);
	}
	req_note(r, "replay of application %lld, its client_request_id "
	    "%.8s...", id, r->idem_key);
	reply_versioned(r, 200, o, version);
	reply_header(r, "Idempotent-Replayed", "true");
	return (1);
}

/* The resident as prefill sources, if the caller may see them: the
 * row, its centre (the scope, the implementing body) and its status in
 * one read. */
static int
load_resident(struct req *r, struct newapp *a)
{
	struct db_stmt	*st;
	cJSON		*o;
	long long	 centre;

	st = read_of(&a->resident_read, a->read_resident, a->resident_id,
	    resident_read, r->db);
	if (db_step(st) != 1) {
		db_reset(st);
		return (-1);
	}
	o = a->resident = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", db_text(st, 0));
	cJSON_AddStringToObject(o, "id_number", db_text(st, 1));
	cJSON_AddStringToObject(o, "sex", db_text(st, 2));
	cJSON_AddStringToObject(o, "birth_date", db_text(st, 3));
	a->age = clock_age(db_text(st, 3), clock_now());
	cJSON_AddNumberToObject(o, "age", a->age);
	if (!db_null(st, 4))
		cJSON_AddStringToObject(o, "phone", db_text(st, 4));
	cJSON_AddStringToObject(o, "address", db_text(st, 5));
	cJSON_AddStringToObject(o, "ethnicity", db_text(st, 6));
	cJSON_AddStringToObject(o, "community.name", db_text(st, 7));
	a->community = db_int(st, 8);
	snprintf(a->prefix, sizeof a->prefix, "%.9s", db_text(st, 9));
	snprintf(a->tags, sizeof a->tags, "%s", db_text(st, 10));
	centre = db_int(st, 11);
	a->status = text_or_null(st, 12);
	a->death_date = text_or_null(st, 13);
	a->moved_out_on = text_or_null(st, 14);
	a->moved_out_to = text_or_null(st, 15);
	a->body_name = xstrdup(db_text(st, 16));
	a->body_uscc = text_or_null(st, 17);
	db_reset(st);
	if (!scope_sees_read(r->db, r->staff, SCOPE_RESIDENT, a->resident_id,
	    centre)) {
		cJSON_Delete(a->resident);
		a->resident = NULL;
		return (-1);
	}
	return (0);
}

/* One received material: a name of the service's list, counts 0-9. */
static void
check_material(cJSON *m, int i, const cJSON *known, cJSON **errors)
{
	static const char *const	 members[] = { "name", "originals",
	    "copies", NULL };
	const cJSON			*k;
	const char			*name;
	char				 field[48];
	long long			 n;
	int				 found = 0;

	snprintf(field, sizeof field, "materials[%d].", i);
	if (!cJSON_IsObject(m)) {
		field[strlen(field) - 1] = '\0';
		field_error(errors, field, "type", "须为对象");
		return;
	}
	json_members(m, members, field, errors);
	snprintf(field, sizeof field, "materials[%d].name", i);
	if ((name = json_string(m, "name", 1, 50, field, errors)) != NULL) {
		cJSON_ArrayForEach(k, known) {
			if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(k,
			    "name")), name) == 0)
				found = 1;
		}
		if (!found)
			field_error(errors, field, "option",
			    "不是本事项的申请材料");
	}
	snprintf(field, sizeof field, "materials[%d].originals", i);
	json_integer(m, "originals", 0, 9, JF_REQUIRED, field, errors, &n);
	snprintf(field, sizeof field, "materials[%d].copies", i);
	json_integer(m, "copies", 0, 9, JF_REQUIRED, field, errors, &n);
}

/* The number received of a material, or -1 if it was not. */
static int
received(const cJSON *list, const char *name, const char *what)
{
	const cJSON	*m;

	cJSON_ArrayForEach(m, list) {
		if (cJSON_IsObject(m) && cJSON_IsString(cJSON_GetObjectItem(m,
		    "name")) && strcmp(cJSON_GetObjectItem(m,
		    "name")->valuestring, name) == 0)
			return ((int)cJSON_GetNumberValue(
			    cJSON_GetObjectItem(m, what)));
	}
	return (-1);
}

/* The service's material of this name, or NULL. */
static const cJSON *
service_material(const struct newapp *a, const char *name)
{
	const cJSON	*k;

	cJSON_ArrayForEach(k, cJSON_GetObjectItem(a->service, "materials")) {
		if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(k,
		    "name")), name) == 0)
			return (k);
	}
	return (NULL);
}

/* 1 if name is among the names of list (an array of strings). */
static int
named(const cJSON *list, const char *name)
{
	const cJSON	*d;

	cJSON_ArrayForEach(d, list) {
		if (cJSON_IsString(d) && strcmp(d->valuestring, name) == 0)
			return (1);
	}
	return (0);
}

/* 1 if the material name was taken 容缺 or replaced by a promise. */
static int
is_deferred(const struct newapp *a, const char *name)
{
	return (named(a->deferred, name) || named(a->promised, name));
}

/* deferred_materials: 0-20 distinct names of the service's materials
 * that may be 容缺 (defer_days), none also received (docs/api.md 8). */
static void
check_deferred(struct newapp *a, const cJSON *list, const cJSON *got,
    cJSON **errors)
{
	const cJSON	*d, *k, *n;
	int		 before = cJSON_GetArraySize(*errors);

	if (list == NULL || cJSON_IsNull(list))
		return;
	if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) > 20) {
		field_error(errors, "deferred_materials", cJSON_IsArray(list) ?
		    "too_long" : "type", "须为至多 20 项的材料名称列表");
		return;
	}
	cJSON_ArrayForEach(d, list) {
		if (!cJSON_IsString(d)) {
			field_error(errors, "deferred_materials", "type",
			    "须为材料名称");
			continue;
		}
		k = service_material(a, d->valuestring);
		if (k == NULL || !cJSON_IsNumber(cJSON_GetObjectItem(k,
		    "defer_days")))
			field_error(errors, "deferred_materials", "option",
			    "不是本事项可容缺受理的材料");
		else if (received(got, d->valuestring, "copies") >= 0)
			field_error(errors, "deferred_materials", "duplicate",
			    "材料已收取，不能同时容缺");
		for (n = d->next; n != NULL; n = n->next) {
			if (cJSON_Compare(d, n, 1))
				field_error(errors, "deferred_materials",
				    "duplicate", "材料重复");
		}
	}
	if (cJSON_GetArraySize(*errors) == before &&
	    cJSON_GetArraySize(list) > 0)
		a->deferred = cJSON_Duplicate(list, 1);
}

/* promised_materials: 0-20 distinct names of the service's materials
 * that a written promise may replace (告知承诺), none also received or
 * taken 容缺 (docs/api.md 8). */
static void
check_promised(struct newapp *a, const cJSON *list, const cJSON *got,
    const cJSON *deferred, cJSON **errors)
{
	const cJSON	*d, *k, *n;
	int		 before = cJSON_GetArraySize(*errors);

	if (list == NULL || cJSON_IsNull(list))
		return;
	if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) > 20) {
		field_error(errors, "promised_materials", cJSON_IsArray(list) ?
		    "too_long" : "type", "须为至多 20 项的材料名称列表");
		return;
	}
	cJSON_ArrayForEach(d, list) {
		if (!cJSON_IsString(d)) {
			field_error(errors, "promised_materials", "type",
			    "须为材料名称");
			continue;
		}
		k = service_material(a, d->valuestring);
		if (k == NULL || !cJSON_IsTrue(cJSON_GetObjectItem(k,
		    "promise")))
			field_error(errors, "promised_materials", "option",
			    "不是本事项可告知承诺的材料");
		else if (received(got, d->valuestring, "copies") >= 0 ||
		    named(deferred, d->valuestring))
			field_error(errors, "promised_materials", "duplicate",
			    "材料已收取或已容缺，不能同时承诺");
		for (n = d->next; n != NULL; n = n->next) {
			if (cJSON_Compare(d, n, 1))
				field_error(errors, "promised_materials",
				    "duplicate", "材料重复");
		}
	}
	if (cJSON_GetArraySize(*errors) == before &&
	    cJSON_GetArraySize(list) > 0)
		a->promised = cJSON_Duplicate(list, 1);
}

/* The materials list: entries, distinct names, the required ones. */
static void
check_materials(struct newapp *a, cJSON *list, cJSON **errors)
{
	const cJSON	*known = cJSON_GetObjectItem(a->service, "materials");
	const cJSON	*k;
	cJSON		*m, *n;
	int		 i = 0, before = cJSON_GetArraySize(*errors);

	if (!cJSON_IsArray(list)) {
		field_error(errors, "materials", list == NULL ? "required" :
		    "type", "须为材料列表");
		return;
	}
	if (cJSON_GetArraySize(list) > 50)
		field_error(errors, "materials", "too_long", "最多 50 项");
	cJSON_ArrayForEach(m, list) {
		check_material(m, i, known, errors);
		for (n = m->next; n != NULL && cJSON_IsObject(m); n = n->next) {
			if (cJSON_Compare(cJSON_GetObjectItem(m, "name"),
			    cJSON_GetObjectItem(n, "name"), 1))
				field_error(errors, "materials", "duplicate",
				    "材料重复");
		}
		i++;
	}
	if (cJSON_GetArraySize(*errors) != before)
		return;
	cJSON_ArrayForEach(k, known) {
		if (!cJSON_IsTrue(cJSON_GetObjectItem(k, "required")) ||
		    is_deferred(a, cJSON_GetObjectItem(k,
		    "name")->valuestring))
			continue;
		if (received(list, cJSON_GetObjectItem(k, "name")->valuestring,
		    "originals") < cJSON_GetNumberValue(cJSON_GetObjectItem(k,
		    "originals")) || received(list, cJSON_GetObjectItem(k,
		    "name")->valuestring, "copies") < cJSON_GetNumberValue(
		    cJSON_GetObjectItem(k, "copies"))) {
			field_error(errors, "materials", "required",
			    "必需的材料未收齐");
			return;
		}
	}
	a->materials = cJSON_Duplicate(list, 1);
}

/* The body's own members; the service and resident looked up. */
static void
read_members(struct req *r, struct newapp *a, cJSON **errors)
{
	static const char *const	 members[] = { "service_id",
	    "resident_id", "counter", "ticket_id", "data", "materials",
	    "note", "deferred_materials", "promised_materials", NULL };
	cJSON				*body = req_body(r);
	long long			 version;

	json_members(body, members, NULL, errors);
	if (json_integer(body, "service_id", 1, JSON_MAX_ID, JF_REQUIRED,
	    NULL, errors, &a->service_id) == 1 && (a->service =
	    catalog_service_of(read_of(&a->service_read, a->read_service,
	    a->service_id, service_read, r->db), &version)) == NULL)
		field_error(errors, "service_id", "not_found", "没有这个事项");
	else if (a->service != NULL && cJSON_IsTrue(cJSON_GetObjectItem(
	    a->service, "withdrawn")))
		/* withdrawn by bianmind admin catalog import: its old
		 * applications stay, it takes no new one */
		field_error(errors, "service_id", "not_found",
		    "该事项已停止办理");
	if (json_integer(body, "resident_id", 1, JSON_MAX_ID, JF_REQUIRED,
	    NULL, errors, &a->resident_id) == 1 && load_resident(r, a) != 0)
		field_error(errors, "resident_id", "not_found",
		    "没有这位居民或不在你的社区");
	a->counter = json_string(body, "counter", 0, 8, NULL, errors);
	if (a->counter != NULL && !valid_counter(a->counter))
		field_error(errors, "counter", "pattern", "窗口号格式不正确");
	else if (a->counter == NULL && cJSON_GetObjectItem(body, "counter") ==
	    NULL && (a->counter = r->staff->counter) == NULL)
		field_error(errors, "counter", "required", "请填写窗口号");
	json_integer(body, "ticket_id", 1, JSON_MAX_ID, 0, NULL, errors,
	    &a->ticket_id);
	a->note = json_text(body, "note", 0, 500, JF_MULTILINE, NULL, errors);
}

/* Every check that answers 400; 0, or -1 having replied. */
static int
read_request(struct req *r, struct newapp *a)
{
	cJSON		*body = req_body(r), *errors = NULL, *fields, *data;

	read_members(r, a, &errors);
	data = cJSON_GetObjectItem(body, "data");
	if (data == NULL || cJSON_IsNull(data))
		field_error(&errors, "data", "required", "缺少表单数据");
	else if (!cJSON_IsObject(data))
		field_error(&errors, "data", "type", "表单数据须为对象");
	else if (a->service != NULL && a->resident != NULL) {
		fields = form_fields(cJSON_GetObjectItem(a->service, "form"));
		a->data = form_check(fields, data, a->resident, &errors);
		cJSON_Delete(fields);
	}
	if (a->service != NULL) {
		check_deferred(a, cJSON_GetObjectItem(body,
		    "deferred_materials"), cJSON_GetObjectItem(body,
		    "materials"), &errors);
		check_promised(a, cJSON_GetObjectItem(body,
		    "promised_materials"), cJSON_GetObjectItem(body,
		    "materials"), cJSON_GetObjectItem(body,
		    "deferred_materials"), &errors);
		check_materials(a, cJSON_GetObjectItem(body, "materials"),
		    &errors);
	}
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* The resident as the catalogue's conditions see them. */
static void
subject_of(const struct newapp *a, struct cond_subject *s)
{
	memset(s, 0, sizeof *s);
	s->age = a->age;
	s->community = a->community;
	snprintf(s->tags, sizeof s->tags, "%s", a->tags);
}

/* 1 if the resident fails the condition c. */
static int
fails(const struct newapp *a, const cJSON *c)
{
	struct cond_subject	s;

	subject_of(a, &s);
	return (!cond_holds(c, &s));
}

/* 422 condition-not-met when any condition fails; 0 when all hold. */
static int
check_conditions(struct req *r, struct newapp *a)
{
	const cJSON	*c;
	cJSON		*failed = cJSON_CreateArray(), *ext, *first;
	char		 detail[256];

	cJSON_ArrayForEach(c, cJSON_GetObjectItem(a->service, "conditions")) {
		if (fails(a, c))
			cJSON_AddItemToArray(failed, cJSON_Duplicate(c, 1));
	}
	if ((first = cJSON_GetArrayItem(failed, 0)) == NULL) {
		cJSON_Delete(failed);
		return (0);
	}
	snprintf(detail, sizeof detail, "%s", cJSON_GetStringValue(
	    cJSON_GetObjectItem(first, "message")));
	if (strstr(cJSON_GetStringValue(cJSON_GetObjectItem(first, "type")),
	    "age") != NULL)
		snprintf(detail + strlen(detail), sizeof detail -
		    strlen(detail), "（当前%d周岁）", a->age);
	ext = cJSON_CreateObject();
	cJSON_AddStringToObject(ext, "reason", cJSON_GetStringValue(
	    cJSON_GetObjectItem(first, "message")));
	cJSON_AddItemToObject(ext, "failed", failed);
	reply_problem_ext(r, 422, "condition-not-met", "Condition not met",
	    detail, ext);
	return (-1);
}

/* The next number of the prefix's day: 0, 1 once 9999 are used, -1 on
 * error. The sequence's row stays locked until the transaction ends:
 * numbers of one street and day are given in turns and a rollback gives
 * its number back, while other streets' go on beside it. */
static int
next_number(struct req *r, const char *prefix, const char *date,
    char *out)
{
	struct db_stmt	*st;
	char		 name[40], compact[9];
	long long	 n = 0;
	int		 rc;

	snprintf(compact, sizeof compact, "%.4s%.2s%.2s", date, date + 5,
	    date + 8);
	snprintf(name, sizeof name, "app:%s:%s", prefix, compact);
	if ((rc = db_query(r->db, &st, "INSERT INTO sequences (name, last) "
	    "VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET last = "
	    "sequences.last + 1 RETURNING last", "t", name)) == 1)
		n = db_int(st, 0);
	db_reset(st);
	if (rc != 1)
		return (-1);
	if (n < 1 || n > 9999)
		return (1);
	snprintf(out, 24, "%s-%s-%04lld", prefix, compact, n);
	return (0);
}

/* The 容缺 materials with their dates, as stored, and the earliest
 * date into first ("" when none). Caller frees. */
static char *
deferred_text(const struct newapp *a, const char *today, char *first)
{
	cJSON		*list = cJSON_CreateArray(), *o;
	const cJSON	*d;
	char		 due[11], *text;

	first[0] = '\0';
	cJSON_ArrayForEach(d, a->deferred) {
		calendar_add_workdays(today, (int)cJSON_GetNumberValue(
		    cJSON_GetObjectItem(service_material(a, d->valuestring),
		    "defer_days")), due);
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", d->valuestring);
		cJSON_AddStringToObject(o, "due_date", due);
		cJSON_AddNullToObject(o, "received_at");
		cJSON_AddItemToArray(list, o);
		if (first[0] == '\0' || strcmp(due, first) < 0)
			memcpy(first, due, 11);
	}
	text = json_print(list);
	cJSON_Delete(list);
	return (text);
}

/* A promise for each material promised (告知承诺); 0 or -1. */
static int
make_promises(struct req *r, const struct newapp *a, long long id)
{
	struct promise_new	 p;
	const cJSON		*d;

	memset(&p, 0, sizeof p);
	p.kind = "material";
	p.subject = cJSON_GetStringValue(cJSON_GetObjectItem(a->service,
	    "name"));
	p.resident_id = a->resident_id;
	p.community_id = a->community;
	p.application_id = id;
	cJSON_ArrayForEach(d, a->promised) {
		p.matter = d->valuestring;
		if (promise_make(r, &p) == 0)
			return (-1);
		p.position++;
	}
	return (0);
}

/* Inserts the application and its first timeline entry; its id or 0.
 * first_message() tells the same entry. */
static long long
insert(struct req *r, struct newapp *a, const char *number,
    const char *now, const char *today)
{
	cJSON		*fields, *m;
	char		*data, *masked, *materials, *deferred;
	char		 first[11];
	long long	 id = 0;
	struct cond_subject subject;
	struct fee_quote fee;

	calendar_add_workdays(today, (int)cJSON_GetNumberValue(
	    cJSON_GetObjectItem(a->service, "time_limit_days")), a->due);
	fields = form_fields(cJSON_GetObjectItem(a->service, "form"));
	data = json_print(a->data);
	m = form_masked(fields, a->data);
	masked = json_print(m);
	cJSON_Delete(m);
	materials = json_print(a->materials);
	deferred = deferred_text(a, today, first);
	subject_of(a, &subject);
	fee_evaluate(a->service, a->data, &subject, &fee);
	id = db_insert(r->db, "INSERT INTO applications (number, service_id, "
	    "resident_id, community_id, status, counter, staff_id, ticket_id, "
	    "created_at, created_date, updated_at, due_date, fee_fen, "
	    "form_version, data, data_masked, materials, note, "
	    "client_request_id, deferred, deferred_due, fee_standard_fen, "
	    "fee_reason, fee_basis) VALUES (?, ?, ?, ?, 'submitted', ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, nullif(?, ''), ?, ?, ?) "
	    "RETURNING id",
	    "tllltlLttttlltttttttltt", number,
	    a->service_id, a->resident_id, a->community, a->counter,
	    r->staff->id, a->ticket_id, now, today, now, a->due, fee.due_fen,
	    (long long)cJSON_GetNumberValue(cJSON_GetObjectItem(
	    cJSON_GetObjectItem(a->service, "form"), "version")), data,
	    masked, materials, a->note, r->idem_key, deferred, first,
	    fee.standard_fen, fee.reason, fee.basis);
	if (id != 0) {
		if (db_exec_later(r->db, "INSERT INTO timeline ("
		    "application_id, at, staff_id, action, to_status, note) "
		    "VALUES (?, ?, ?, 'create', 'submitted', ?)", "ltlt", id,
		    now, r->staff->id, a->note) != 0 ||
		    make_promises(r, a, id) != 0)
			id = 0;
	}
	cJSON_Delete(fields);
	free(data);
	free(masked);
	free(materials);
	free(deferred);
	return (id);
}

/* The application's first exchange message, from what insert() wrote
 * rather than read back: the stream's first. */
static int
first_message(struct req *r, const struct newapp *a, long long id,
    const char *number, const char *now)
{
	struct exchange_app	app;
	struct exchange_entry	entry = { "create", NULL, "submitted", now,
	    NULL, NULL, "[]" };

	memset(&app, 0, sizeof app);
	app.number = number;
	app.item_code = cJSON_GetStringValue(cJSON_GetObjectItem(a->service,
	    "item_code"));
	app.service_name = cJSON_GetStringValue(cJSON_GetObjectItem(
	    a->service, "name"));
	app.body_name = a->body_name;
	app.body_uscc = a->body_uscc;
	app.received_at = now;
	app.due_date = a->due;
	app.status = "submitted";
	return (exchange_event_first(r->db, id, &app, &entry));
}

/* When the service takes one application at a time, a lock of the
 * resident and service until the transaction ends, so that two
 * counters submitting at once make one application, and the read of
 * the resident's open one after it, sent ahead: its statement, or
 * NULL. */
static struct db_stmt *
open_read(struct req *r, struct newapp *a)
{
	char	lock[64];

	if (!cJSON_IsTrue(cJSON_GetObjectItem(a->service, "one_open")))
		return (NULL);
	snprintf(lock, sizeof lock, "open:%lld:%lld", a->resident_id,
	    a->service_id);
	/* a lock that fails fails the read after it */
	db_lock_name(r->db, lock);
	return (db_read_ahead(r->db, "SELECT id, number, status FROM "
	    "applications WHERE resident_id = ? AND service_id = ? AND status "
	    "IN ('submitted', 'accepted', 'materials_requested', 'forwarded') "
	    "ORDER BY id LIMIT 1", "ll", a->resident_id, a->service_id));
}

/* The resident's open application of this service, from open_read()'s
 * st: 409 application-open naming it. 1 if answered. */
static int
already_open(struct req *r, struct db_stmt *st)
{
	cJSON		*ext;
	char		 detail[128];
	int		 found;

	if (st == NULL)
		return (0);
	if ((found = db_step(st)) != 1) {
		db_reset(st);
		return (found < 0 ? (reply_unavailable(r, NULL), 1) : 0);
	}
	ext = cJSON_CreateObject();
	cJSON_AddNumberToObject(ext, "existing_id", (double)db_int(st, 0));
	cJSON_AddStringToObject(ext, "existing_number", db_text(st, 1));
	cJSON_AddStringToObject(ext, "existing_status", db_text(st, 2));
	snprintf(detail, sizeof detail, "该居民已有在办的同一事项：%s",
	    db_text(st, 1));
	db_reset(st);
	reply_problem_ext(r, 409, "application-open", "Application already "
	    "open", detail, ext);
	return (1);
}

/* A deceased (confirmed) or moved-out resident is not the applicant of
 * a new application: 422 resident-inactive saying so, from the row's
 * status, death_date, moved_out_on and moved_out_to. 1 if answered. */
static int
refuse_inactive(struct req *r, const struct newapp *a, const char *status,
    const char *death_date, const char *moved_out_on,
    const char *moved_out_to)
{
	cJSON		*ext;
	char		 detail[160];
	int		 dead;

	if (status == NULL || (!(dead = strcmp(status, "deceased") == 0) &&
	    strcmp(status, "moved_out") != 0))
		return (0);
	ext = cJSON_CreateObject();
	cJSON_AddStringToObject(ext, "resident_status", status);
	json_add_nullable(ext, "since", dead ? death_date : moved_out_on);
	if (dead)
		snprintf(detail, sizeof detail, "该居民已于 %s 死亡（已确认），"
		    "不能作为申请人", death_date != NULL ? death_date : "");
	else
		snprintf(detail, sizeof detail, "该居民已于 %s 迁出（%.60s），"
		    "不能作为申请人", moved_out_on != NULL ? moved_out_on : "",
		    moved_out_to != NULL ? moved_out_to : "");
	req_note(r, "refused: resident %lld is %s", a->resident_id,
	    dead ? "deceased" : "moved out");
	reply_problem_ext(r, 422, "resident-inactive", "Resident inactive",
	    detail, ext);
	return (1);
}

/* The refusal from the status read with the resident: asked before the
 * service's conditions, whose refusal would hide the reason. */
static int
inactive_as_read(struct req *r, const struct newapp *a)
{
	return (refuse_inactive(r, a, a->status, a->death_date,
	    a->moved_out_on, a->moved_out_to));
}

/* The row read again inside the write transaction, so that a death
 * confirmed meanwhile is seen: its read, sent ahead. */
static struct db_stmt *
inactive_read(struct req *r, struct newapp *a)
{
	return (db_read_ahead(r->db, "SELECT status, death_date, "
	    "moved_out_on, coalesce(moved_out_to, '') FROM residents WHERE "
	    "id = ? AND status IN ('deceased', 'moved_out')", "l",
	    a->resident_id));
}

/* The refusal from inactive_read()'s st. */
static int
inactive(struct req *r, struct newapp *a, struct db_stmt *st)
{
	int	rc;

	if (db_step(st) != 1) {
		db_reset(st);
		return (0);
	}
	rc = refuse_inactive(r, a, db_text(st, 0), db_null(st, 1) ? NULL :
	    db_text(st, 1), db_null(st, 2) ? NULL : db_text(st, 2),
	    db_text(st, 3));
	db_reset(st);
	return (rc);
}

/* Writes it all in one transaction and answers 201: beside other
 * writers, taking the resident's and service's lock, then the ticket's
 * row, then the street's day's sequence (db_begin_rows()). The scope
 * was asked of the resident, and the application's stream of exchange
 * messages begins here. */
static void
take(struct req *r, struct newapp *a)
{
	char		 number[24], now[32], today[11], object[48], loc[64];
	char		 code[7], expires[32], *replay;
	struct db_stmt	*status, *open;
	long long	 id, version;
	cJSON		*o = NULL;
	int		 rc;

	clock_rfc3339(clock_now(), now);
	clock_date(clock_now(), today);
	if (db_begin_rows(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	/* both reads go with BEGIN, in one round trip */
	status = inactive_read(r, a);
	open = open_read(r, a);
	if (inactive(r, a, status) || already_open(r, open)) {
		if (open != NULL)
			db_reset(open);
		db_rollback(r->db);
		return;
	}
	if (a->promised != NULL &&
	    promise_recheck_barred(r, a->resident_id) != 0)
		return;
	if (a->ticket_id != 0 && queue_serve(r, a->ticket_id) != 0) {
		db_rollback(r->db);
		return;
	}
	if ((rc = next_number(r, a->prefix, today, number)) == 0 &&
	    ((id = insert(r, a, number, now, today)) == 0 ||
	    first_message(r, a, id, number, now) != 0 ||
	    (snprintf(object, sizeof object, "application/%lld", id),
	    audit_req(r, "create", object, number)) != 0 ||
	    pickup_issue(r->db, a->resident_id, id, code, expires) != 0 ||
	    (o = app_view(r->db, id, a->promised != NULL, &version)) ==
	    NULL))
		rc = -1;
	if (rc != 0) {
		db_rollback(r->db);
		if (rc == 1)
			reply_problem(r, 409, "conflict", "Conflict",
			    "今日办件编号已用完", NULL);
		else
			reply_unavailable(r, NULL);
		return;
	}
	/* the resident's 取件码, on the acceptance receipt: only in this
	 * answer, a replay's is null (docs/api.md 1.8) */
	cJSON_AddStringToObject(o, "pickup_code", code);
	explicit_bzero(code, sizeof code);
	replay = json_print_null(o, "pickup_code");
	req_note(r, "application %s: service %s, resident %lld", number,
	    cJSON_GetStringValue(cJSON_GetObjectItem(a->service, "txcode")),
	    a->resident_id);
	reply_versioned(r, 201, o, version);
	reply_replay_body(r, replay);
	snprintf(loc, sizeof loc, "/api/v1/applications/%lld", id);
	reply_header(r, MHD_HTTP_HEADER_LOCATION, loc);
	idem_commit(r);
}

/* POST /applications: a new application, checked, numbered, due. */
static void
app_create(struct req *r)
{
	struct newapp	a;

	memset(&a, 0, sizeof a);
	if (known_key(r, send_reads(r, &a)) || read_request(r, &a) != 0 ||
	    inactive_as_read(r, &a) ||
	    check_conditions(r, &a) != 0 || (a.promised != NULL &&
	    promise_refuse_barred(r, a.resident_id) != 0)) {
		newapp_free(&a);
		return;
	}
	take(r, &a);
	newapp_free(&a);
}

const struct route routes_application_new[] = {
	{ "POST", "/api/v1/applications", app_create, ROUTE_IDEM | ROUTE_BODY,
	    ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN },
	{ NULL, NULL, NULL, 0, 0 }
};
