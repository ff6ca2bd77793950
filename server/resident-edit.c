/* Registering, changing and revealing residents: the writes of
 * /api/v1/residents, each audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "idempotency.h"
#include "json.h"
#include "pinyin.h"
#include "resident-history.h"
#include "reply.h"
#include "req.h"
#include "residents.h"
#include "route.h"
#include "scope.h"
#include "valid.h"
#include "views.h"
#include "../forms/idnum.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

#define TAG_ELDERLY	"elderly_80"

/* A resident's fields as read from a request. */
struct fields {
	const char	*name, *ethnicity, *address, *relation;
	char		 id_number[19], phone[16];
	int		 has_phone;
	long long	 community, grid, household;
	char		 tags[160];
	int		 has_tags;
};

/* The tags array as the sorted, comma-separated stored form; -1 with an
 * error. elderly_80 is refused when elderly is 0. */
static int
read_tags(cJSON *v, int elderly_ok, char *out, size_t len, cJSON **errors)
{
	const char *const	*vocab = valid_tags();
	unsigned		 set = 0, bit;
	cJSON			*t;
	size_t			 i;

	out[0] = '\0';
	if (v == NULL || cJSON_IsNull(v))
		return (0);
	if (!cJSON_IsArray(v)) {
		field_error(errors, "tags", "type", "须为字符串数组");
		return (-1);
	}
	cJSON_ArrayForEach(t, v) {
		for (i = 0; cJSON_IsString(t) && vocab[i] != NULL; i++) {
			if (strcmp(vocab[i], t->valuestring) == 0)
				break;
		}
		if (!cJSON_IsString(t) || vocab[i] == NULL ||
		    (!elderly_ok && strcmp(vocab[i], TAG_ELDERLY) == 0)) {
			field_error(errors, "tags", "option", "不是允许的标签");
			return (-1);
		}
		bit = 1U << i;
		if (set & bit) {
			field_error(errors, "tags", "duplicate", "标签重复");
			return (-1);
		}
		set |= bit;
	}
	for (i = 0; vocab[i] != NULL; i++) {
		if (set & (1U << i))
			snprintf(out + strlen(out), len - strlen(out), "%s%s",
			    out[0] != '\0' ? "," : "", vocab[i]);
	}
	return (1);
}

/* A phone member: 1 set, 0 absent, -1 error. */
static int
read_phone(cJSON *body, char *out, cJSON **errors)
{
	const char	*s = json_string(body, "phone", 0, 20, NULL, errors);

	if (s == NULL)
		return (0);
	if (!valid_phone(s, out)) {
		field_error(errors, "phone", "pattern", "电话号码格式不正确");
		return (-1);
	}
	return (1);
}

/* An ethnicity member, checked against GB/T 3304. */
static const char *
read_ethnicity(cJSON *body, cJSON **errors)
{
	return (json_option(body, "ethnicity", valid_ethnicities(), 0, NULL,
	    errors));
}

/* The fields of a POST; -1 with errors. */
static int
read_new(cJSON *body, struct fields *f, cJSON **errors)
{
	static const char *const	 members[] = { "name", "id_number",
	    "ethnicity", "phone", "address", "community_id", "grid_id",
	    "household_id", "relation", "tags", NULL };
	const char			*id, *code;

	memset(f, 0, sizeof *f);
	json_members(body, members, NULL, errors);
	f->name = json_string(body, "name", 1, 30, NULL, errors);
	if ((id = json_string(body, "id_number", 1, 18, NULL, errors)) !=
	    NULL && (code = valid_id_number(id, f->id_number)) != NULL)
		field_error(errors, "id_number", code, valid_id_message(code));
	f->ethnicity = read_ethnicity(body, errors);
	f->has_phone = read_phone(body, f->phone, errors) == 1;
	f->address = json_string(body, "address", 1, 100, NULL, errors);
	json_integer(body, "community_id", 1, JSON_MAX_ID, JF_REQUIRED, NULL,
	    errors, &f->community);
	json_integer(body, "grid_id", 1, JSON_MAX_ID, 0, NULL, errors, &f->grid);
	json_integer(body, "household_id", 1, JSON_MAX_ID, 0, NULL, errors,
	    &f->household);
	f->relation = json_string(body, "relation", 0, 8, NULL, errors);
	if (f->household != 0 && f->relation == NULL &&
	    cJSON_GetObjectItem(body, "relation") == NULL)
		field_error(errors, "relation", "required", "请填写与户主关系");
	else if (f->household == 0 && f->relation != NULL)
		field_error(errors, "relation", "mismatch",
		    "未指定户时不能填写与户主关系");
	read_tags(cJSON_GetObjectItem(body, "tags"), 0, f->tags,
	    sizeof f->tags, errors);
	return (*errors == NULL ? 0 : -1);
}

/* The grid is one the caller can see (not_found otherwise, whether it
 * exists elsewhere or not at all: docs/api.md 1.10) and of community. */
static void
check_grid(struct req *r, long long grid, long long community,
    cJSON **errors)
{
	long long	of = scope_grid_community(r->db, r->staff, grid);

	if (of == 0)
		field_error(errors, "grid_id", "not_found", "没有这个网格");
	else if (of != community)
		field_error(errors, "grid_id", "mismatch", "网格不属于该社区");
}

/* The community, grid and household exist and fit one another. */
static void
check_places(struct req *r, struct fields *f, cJSON **errors)
{
	struct db_stmt	*st;
	int		 rc;

	if (!scope_sees(r->db, r->staff, SCOPE_COMMUNITY, f->community)) {
		field_error(errors, "community_id", "not_found",
		    "不是你所在中心的社区");
		return;
	}
	if (f->grid != 0)
		check_grid(r, f->grid, f->community, errors);
	if (f->household != 0) {
		rc = db_query(r->db, &st, "SELECT 1 FROM households WHERE "
		    "id = ? AND community_id = ?", "ll", f->household,
		    f->community);
		db_reset(st);
		if (rc != 1)
			field_error(errors, "household_id", "not_found",
			    "该社区没有这个户");
	}
}

/* 409 when the ID number is registered, naming the resident if the
 * caller may see them; 0 when it is free. */
static int
check_unique(struct req *r, const char *id_number)
{
	struct db_stmt	*st;
	cJSON		*ext;
	long long	 existing;

	if (db_query(r->db, &st, "SELECT id FROM residents WHERE "
	    "id_number = ?", "t", id_number) != 1) {
		db_reset(st);
		return (0);
	}
	existing = db_int(st, 0);
	db_reset(st);
	ext = cJSON_CreateObject();
	if (scope_sees(r->db, r->staff, SCOPE_RESIDENT, existing))
		cJSON_AddNumberToObject(ext, "existing_id", (double)existing);
	reply_problem_ext(r, 409, "conflict", "Conflict",
	    "该身份证号已登记", ext);
	return (-1);
}

/* Sorts a comma-separated tag list by the vocabulary's order. */
static void
sort_tags(char *list, size_t len)
{
	const char *const	*vocab = valid_tags();
	char			*wrapped = xasprintf(",%s,", list);
	char			 needle[40];
	size_t			 i;

	list[0] = '\0';
	for (i = 0; vocab[i] != NULL; i++) {
		snprintf(needle, sizeof needle, ",%s,", vocab[i]);
		if (strstr(wrapped, needle) != NULL)
			snprintf(list + strlen(list), len - strlen(list),
			    "%s%s", list[0] != '\0' ? "," : "", vocab[i]);
	}
	free(wrapped);
}

/* Inserts the resident; its new id, or 0. */
static long long
insert_resident(struct req *r, struct fields *f)
{
	struct idnum_info	info;
	char			birth[11], initials[64], at[32];
	size_t			n = strlen(f->tags);

	idnum_check(f->id_number, clock_now(), &info);
	snprintf(birth, sizeof birth, "%04d-%02d-%02d", info.year, info.month,
	    info.day);
	if (idnum_age(&info, clock_now()) >= 80)
		snprintf(f->tags + n, sizeof f->tags - n, "%s%s",
		    n > 0 ? "," : "", TAG_ELDERLY);
	sort_tags(f->tags, sizeof f->tags);
	pinyin_initials(f->name, initials, sizeof initials);
	clock_rfc3339(clock_now(), at);
	return (db_insert(r->db, "INSERT INTO residents (id_number, name, "
	    "sex, birth_date, ethnicity, phone, address, community_id, "
	    "grid_id, household_id, relation, tags, version, updated_at, "
	    "initials) VALUES (?, ?, ?, ?, coalesce(?, '汉族'), ?, ?, ?, ?, "
	    "?, coalesce(?, '户主'), ?, 1, ?, ?) RETURNING id",
	    "tttttttlLLtttt",
	    f->id_number, f->name, info.sex == 'M' ? "M" : "F", birth,
	    f->ethnicity, f->has_phone ? f->phone : NULL, f->address,
	    f->community, f->grid, f->household, f->relation, f->tags, at,
	    initials));
}

/* POST /residents: registers a resident of the caller's communities. */
static void
resident_create(struct req *r)
{
	struct fields	 f;
	cJSON		*errors = NULL;
	long long	 id;
	char		 object[48];

	read_new(req_body(r), &f, &errors);
	if (f.community != 0)
		check_places(r, &f, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if (db_begin(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	if (check_unique(r, f.id_number) != 0) {
		db_rollback(r->db);
		return;
	}
	if ((id = insert_resident(r, &f)) == 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	snprintf(object, sizeof object, "resident/%lld", id);
	audit_req(r, "create", object, NULL);
	req_note(r, "resident %lld registered", id);
	resident_reply(r, id, 201);
}

/* What a PATCH asks for; a has_ flag per member present. */
struct patch {
	int		 has_phone, has_address, has_grid, has_tags, has_eth;
	int		 has_residence, has_presence;
	char		 phone[16];
	const char	*address, *ethnicity, *residence, *presence, *reason;
	long long	 grid;
	char		 tags[160];
};

/* The resident as stored, for comparing and checking a patch. */
struct current {
	long long	 community, grid, version;
	char		 phone[16], address[256], ethnicity[40], tags[160];
	char		 residence[20], presence[24];
};

/* Residence types (户籍, 流动, 寄住) and 人户 states (人户一致,
 * 人在户不在, 户在人不在). */
static const char *const residences[] = { "registered", "floating",
    "lodging", NULL };
static const char *const presences[] = { "consistent",
    "here_not_registered", "registered_not_here", NULL };

/* Reads the patch's members (RFC 7396: null removes); -1 with errors. */
static int
read_patch(cJSON *body, struct patch *p, cJSON **errors)
{
	static const char *const	 patchable[] = { "phone", "address",
	    "grid_id", "tags", "ethnicity", "residence", "presence",
	    "reason", NULL };
	static const char *const	 fixed[] = { "id", "name", "sex",
	    "age", "id_number", "id_number_masked", "phone_masked",
	    "community", "community_id", "household", "household_id",
	    "relation", "grid", "version", "updated_at", "birth_date",
	    "status", "moved_in", "moved_out", "death", "flags", NULL };
	cJSON				*m;
	size_t				 i;

	memset(p, 0, sizeof *p);
	cJSON_ArrayForEach(m, body) {
		for (i = 0; patchable[i] != NULL; i++) {
			if (strcmp(patchable[i], m->string) == 0)
				break;
		}
		if (patchable[i] != NULL)
			continue;
		for (i = 0; fixed[i] != NULL; i++) {
			if (strcmp(fixed[i], m->string) == 0)
				break;
		}
		field_error(errors, m->string, fixed[i] != NULL ?
		    "not_patchable" : "unknown_field", fixed[i] != NULL ?
		    "此项不能修改" : "未定义的字段");
	}
	p->has_phone = cJSON_GetObjectItem(body, "phone") != NULL;
	if (read_phone(body, p->phone, errors) == 0)
		p->phone[0] = '\0';
	if ((p->has_address = cJSON_GetObjectItem(body, "address") != NULL))
		p->address = json_string(body, "address", 1, 100, NULL, errors);
	if ((p->has_grid = cJSON_GetObjectItem(body, "grid_id") != NULL))
		json_integer(body, "grid_id", 1, JSON_MAX_ID, 0, NULL, errors,
		    &p->grid);
	if ((p->has_tags = cJSON_GetObjectItem(body, "tags") != NULL))
		read_tags(cJSON_GetObjectItem(body, "tags"), 1, p->tags,
		    sizeof p->tags, errors);
	if ((p->has_eth = cJSON_GetObjectItem(body, "ethnicity") != NULL))
		p->ethnicity = read_ethnicity(body, errors);
	if ((p->has_residence = cJSON_GetObjectItem(body, "residence") !=
	    NULL))
		p->residence = json_option(body, "residence", residences,
		    JF_REQUIRED, NULL, errors);
	if ((p->has_presence = cJSON_GetObjectItem(body, "presence") !=
	    NULL))
		p->presence = json_option(body, "presence", presences,
		    JF_REQUIRED, NULL, errors);
	p->reason = json_string(body, "reason", 0, 200, NULL, errors);
	return (*errors == NULL ? 0 : -1);
}

/* Loads the resident if the caller may see it; 0 or -1. */
static int
load_current(struct req *r, long long id, struct current *c)
{
	struct db_stmt	*st;
	int		 rc;

	if (!scope_sees(r->db, r->staff, SCOPE_RESIDENT, id))
		return (-1);
	rc = db_query(r->db, &st, "SELECT r.community_id, "
	    "coalesce(r.grid_id, 0), r.version, coalesce(r.phone, ''), "
	    "r.address, r.ethnicity, r.tags, r.residence, r.presence FROM "
	    "residents r WHERE r.id = ?", "l", id);
	if (rc == 1) {
		c->community = db_int(st, 0);
		c->grid = db_int(st, 1);
		c->version = db_int(st, 2);
		snprintf(c->phone, sizeof c->phone, "%s", db_text(st, 3));
		snprintf(c->address, sizeof c->address, "%s", db_text(st, 4));
		snprintf(c->ethnicity, sizeof c->ethnicity, "%s",
		    db_text(st, 5));
		snprintf(c->tags, sizeof c->tags, "%s", db_text(st, 6));
		snprintf(c->residence, sizeof c->residence, "%s",
		    db_text(st, 7));
		snprintf(c->presence, sizeof c->presence, "%s",
		    db_text(st, 8));
	}
	db_reset(st);
	return (rc == 1 ? 0 : -1);
}

/* The checks that need the stored row: the grid's community and the
 * server-kept elderly_80 tag. */
static int
check_patch(struct req *r, const struct patch *p, const struct current *c)
{
	cJSON		*errors = NULL;
	int		 had, has;

	if (p->has_grid && p->grid != 0)
		check_grid(r, p->grid, c->community, &errors);
	had = strstr(c->tags, TAG_ELDERLY) != NULL;
	has = strstr(p->tags, TAG_ELDERLY) != NULL;
	if (p->has_tags && had != has)
		field_error(&errors, "tags", "not_patchable",
		    "高龄标签由系统维护，不能增删");
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* One changed member: its name into b and a history row; 0 or -1. */
static int
note_change(struct req *r, long long id, const struct patch *p, struct buf *b,
    const char *field, const char *old, const char *new)
{
	buf_adds(b, ",");
	buf_adds(b, field);
	return (history_add(r, id, "update", field, old, new, p->reason));
}

/* A phone for the history: masked as the API shows it. */
static int
changed_phone(struct req *r, long long id, const struct patch *p,
    struct buf *b, const char *old)
{
	char	*o = old[0] != '\0' ? mask_phone(old) : NULL;
	char	*n = p->phone[0] != '\0' ? mask_phone(p->phone) : NULL;
	int	 rc = note_change(r, id, p, b, "phone", o, n);

	free(o);
	free(n);
	return (rc);
}

/* Names of the members whose value differs, comma-separated, into b,
 * each kept in the history with its old value; 0 or -1. */
static int
changed_fields(struct req *r, long long id, const struct patch *p,
    const struct current *c, struct buf *b)
{
	const char	*eth = p->ethnicity != NULL ? p->ethnicity : "";
	char		 og[24], ng[24];
	int		 rc = 0;

	snprintf(og, sizeof og, "%lld", c->grid);
	snprintf(ng, sizeof ng, "%lld", p->grid);
	if (p->has_phone && strcmp(p->phone, c->phone) != 0)
		rc |= changed_phone(r, id, p, b, c->phone);
	if (p->has_address && strcmp(p->address, c->address) != 0)
		rc |= note_change(r, id, p, b, "address", c->address, p->address);
	if (p->has_grid && p->grid != c->grid)
		rc |= note_change(r, id, p, b, "grid_id", c->grid != 0 ? og : NULL,
		    p->grid != 0 ? ng : NULL);
	if (p->has_tags && strcmp(p->tags, c->tags) != 0)
		rc |= note_change(r, id, p, b, "tags", c->tags, p->tags);
	if (p->has_eth && strcmp(eth, c->ethnicity) != 0)
		rc |= note_change(r, id, p, b, "ethnicity", c->ethnicity, eth);
	if (p->has_residence && strcmp(p->residence, c->residence) != 0)
		rc |= note_change(r, id, p, b, "residence", c->residence,
		    p->residence);
	if (p->has_presence && strcmp(p->presence, c->presence) != 0)
		rc |= note_change(r, id, p, b, "presence", c->presence,
		    p->presence);
	return (rc != 0 ? -1 : 0);
}

/* Writes the patch over the stored row, version and all. */
static int
apply_patch(struct req *r, long long id, const struct patch *p,
    const struct current *c)
{
	char	at[32];

	clock_rfc3339(clock_now(), at);
	return (db_exec(r->db, "UPDATE residents SET phone = ?, address = ?, "
	    "grid_id = ?, tags = ?, ethnicity = ?, residence = ?, "
	    "presence = ?, version = version + 1, updated_at = ? WHERE id = ? "
	    "AND version = ?", "ttLtttttll",
	    p->has_phone ? (p->phone[0] != '\0' ? p->phone : NULL) :
	    (c->phone[0] != '\0' ? c->phone : NULL),
	    p->has_address ? p->address : c->address,
	    p->has_grid ? p->grid : c->grid, p->has_tags ? p->tags : c->tags,
	    p->has_eth ? (p->ethnicity != NULL ? p->ethnicity : "") :
	    c->ethnicity, p->has_residence ? p->residence : c->residence,
	    p->has_presence ? p->presence : c->presence, at, id, c->version));
}

/* PATCH /residents/{id}: the fields a clerk may change, at If-Match. */
static void
resident_patch(struct req *r)
{
	struct patch	 p;
	struct current	 c;
	struct buf	 changed;
	cJSON		*errors = NULL;
	long long	 id;
	char		 object[48];
	int		 rc;

	if ((id = req_id(r, 0)) < 0)
		return;
	if (read_patch(req_body(r), &p, &errors) != 0) {
		reply_validation(r, errors);
		return;
	}
	if (db_begin(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	if (load_current(r, id, &c) != 0) {
		db_rollback(r->db);
		reply_not_found(r);
		return;
	}
	if (c.version != r->if_match) {
		db_rollback(r->db);
		resident_stale(r, c.version);
		return;
	}
	if (check_patch(r, &p, &c) != 0) {
		db_rollback(r->db);
		return;
	}
	buf_init(&changed);
	rc = changed_fields(r, id, &p, &c, &changed);
	if (rc != 0 || changed.len > 0) {
		snprintf(object, sizeof object, "resident/%lld", id);
		if (rc != 0 || apply_patch(r, id, &p, &c) != 0 ||
		    audit_req(r, "update", object, changed.data + 1) != 0) {
			buf_free(&changed);
			db_rollback(r->db);
			reply_unavailable(r, NULL);
			return;
		}
	}
	req_note(r, "resident %lld: %s changed", id, changed.len > 0 ?
	    changed.data + 1 : "nothing");
	buf_free(&changed);
	resident_reply(r, id, 200);
}

/* POST /residents/{id}/reveal: the full numbers, with a reason, audited. */
static void
resident_reveal(struct req *r)
{
	static const char *const	 members[] = { "reason", NULL };
	struct db_stmt			*st;
	cJSON				*errors = NULL, *o;
	const char			*reason;
	long long			 id;
	char				 object[48];

	if ((id = req_id(r, 0)) < 0)
		return;
	json_members(req_body(r), members, NULL, &errors);
	reason = json_string(req_body(r), "reason", 2, 200, NULL, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if (!scope_sees(r->db, r->staff, SCOPE_RESIDENT, id)) {
		reply_not_found(r);
		return;
	}
	if (db_query(r->db, &st, "SELECT id_number, phone, birth_date FROM "
	    "residents WHERE id = ?", "l", id) != 1) {
		db_reset(st);
		reply_not_found(r);
		return;
	}
	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)id);
	cJSON_AddStringToObject(o, "id_number", db_text(st, 0));
	view_text_or_null(o, "phone", st, 1);
	cJSON_AddStringToObject(o, "birth_date", db_text(st, 2));
	db_reset(st);
	snprintf(object, sizeof object, "resident/%lld", id);
	if (audit_req(r, "reveal", object, reason) != 0) {
		cJSON_Delete(o);
		reply_unavailable(r, "审计记录无法写入");
		return;
	}
	req_note(r, "resident %lld: full numbers shown", id);
	reply_json(r, 200, o);
}

const struct route routes_resident_edit[] = {
	{ "POST", "/api/v1/residents", resident_create,
	    ROUTE_IDEM | ROUTE_BODY, ROLE_ANY },
	{ "PATCH", "/api/v1/residents/{id}", resident_patch,
	    ROUTE_IF_MATCH | ROUTE_BODY_OPT | ROUTE_PATCH, ROLE_ANY },
	{ "POST", "/api/v1/residents/{id}/reveal", resident_reveal,
	    ROUTE_BODY, ROLE_ANY },
	{ NULL, NULL, NULL, 0, 0 }
};
