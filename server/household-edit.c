/* Making and changing households (docs/api.md 5): a new household, a
 * member added (or moved here from another household), removed, given
 * another relation to the head, a new head, and a split into a new
 * household. Each change is at the household's If-Match version; every
 * resident whose household or relation changes keeps it in the history,
 * and the members of every household touched get a new version, since
 * their profiles show the household's members. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "households.h"
#include "json.h"
#include "reply.h"
#include "req.h"
#include "resident-history.h"
#include "route.h"
#include "scope.h"

#define HEAD		"户主"
#define MAX_SPLIT	20

/* A household as stored. */
struct hh {
	long long	 id, version, community, grid;
	char		 address[256];
};

/* A resident as a member. */
struct member {
	long long	 id, household, community;
	char		 relation[40];
};

/* Loads the household if the caller may see it; 0 or -1. */
static int
hh_load(struct req *r, long long id, struct hh *h)
{
	struct db_stmt	*st;
	int		 rc;

	if (!scope_sees(r->db, r->staff, SCOPE_HOUSEHOLD, id))
		return (-1);
	rc = db_query(r->db, &st, "SELECT version, community_id, "
	    "coalesce(grid_id, 0), address FROM households WHERE id = ?",
	    "l", id);
	if (rc == 1) {
		h->id = id;
		h->version = db_int(st, 0);
		h->community = db_int(st, 1);
		h->grid = db_int(st, 2);
		snprintf(h->address, sizeof h->address, "%s", db_text(st, 3));
	}
	db_reset(st);
	return (rc == 1 ? 0 : -1);
}

/* Loads a resident the caller may see; 0, or -1 with a field error. */
static int
member_load(struct req *r, long long id, const char *field,
    struct member *m, cJSON **errors)
{
	struct db_stmt	*st;
	int		 rc = 0;

	if (scope_sees(r->db, r->staff, SCOPE_RESIDENT, id) &&
	    (rc = db_query(r->db, &st, "SELECT coalesce(household_id, 0), "
	    "community_id, relation FROM residents WHERE id = ?", "l",
	    id)) == 1) {
		m->id = id;
		m->household = db_int(st, 0);
		m->community = db_int(st, 1);
		snprintf(m->relation, sizeof m->relation, "%s",
		    db_text(st, 2));
	}
	if (rc != 0)
		db_reset(st);
	if (rc == 1)
		return (0);
	field_error(errors, field, "not_found", "没有这个居民");
	return (-1);
}

/* The household's head, or 0; and how many members it has. */
static long long
head_of(struct req *r, long long hh, long long *count)
{
	struct db_stmt	*st;
	long long	 head = 0;

	if (db_query(r->db, &st, "SELECT count(*), (SELECT min(id) FROM "
	    "residents WHERE household_id = ?1 AND relation = '户主') FROM "
	    "residents WHERE household_id = ?1", "l", hh) == 1) {
		*count = db_int(st, 0);
		head = db_int(st, 1);
	}
	db_reset(st);
	return (head);
}

/* 409 household-head: the resident heads a household that keeps other
 * members, so may not leave it before another head is chosen. 1 if
 * answered, 0 when the resident may leave. */
static int
head_stays(struct req *r, const struct member *m, int leaving)
{
	cJSON		*ext;
	long long	 count = 0;

	if (m->household == 0 || head_of(r, m->household, &count) != m->id ||
	    count <= leaving)
		return (0);
	ext = cJSON_CreateObject();
	cJSON_AddNumberToObject(ext, "household_id", (double)m->household);
	reply_problem_ext(r, 409, "household-head", "Household head",
	    "该居民是户主，户内还有其他成员：请先变更户主", ext);
	return (1);
}

/* A relation other than 户主, 1 to 8 characters; NULL with an error. */
static const char *
read_relation(cJSON *o, const char *key, size_t min, cJSON **errors)
{
	const char	*rel = json_string(o, key, min, 8, NULL, errors);

	if (rel != NULL && strcmp(rel, HEAD) == 0) {
		field_error(errors, key, "option",
		    "户主须通过变更户主指定");
		return (NULL);
	}
	return (rel);
}

/* Puts the resident into household hh (0: none) with relation, keeping
 * the change in the history; 0 or -1. */
static int
set_member(struct req *r, const struct member *m, long long hh,
    const char *relation, const char *reason)
{
	int	rc;

	rc = db_exec(r->db, "UPDATE residents SET household_id = ?, "
	    "relation = ? WHERE id = ?", "Ltl", hh, relation, m->id);
	if (rc == 0 && hh != m->household)
		rc = history_add_ids(r, m->id, "household", "household_id",
		    m->household, hh, reason);
	if (rc == 0 && strcmp(relation, m->relation) != 0)
		rc = history_add(r, m->id, "household", "relation", m->relation,
		    relation, reason);
	return (rc);
}

/* New versions for the households touched and for every member of
 * them, and for the resident who left (0 for none). */
static int
bump(struct req *r, long long a, long long b, long long resident)
{
	char	at[32];

	clock_rfc3339(clock_now(), at);
	if (db_exec(r->db, "UPDATE households SET version = version + 1 "
	    "WHERE id = ? OR id = ?", "ll", a, b) != 0)
		return (-1);
	return (db_exec(r->db, "UPDATE residents SET version = version + 1, "
	    "updated_at = ? WHERE household_id = ? OR household_id = ? OR "
	    "id = ?", "tlll", at, a, b, resident));
}

/* Audits the change and answers with the household. */
static void
done(struct req *r, long long id, int status, const char *action,
    const char *detail)
{
	char	object[48];

	snprintf(object, sizeof object, "household/%lld", id);
	if (audit_req(r, action, object, detail) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "household %lld: %s", id, detail);
	household_reply(r, id, status);
}

/* The new household's grid: one of the community's the caller may
 * use (a grid member his own); 0 or -1 with an error. */
static int
check_grid(struct req *r, long long grid, long long community,
    cJSON **errors)
{
	long long	of = scope_grid_community(r->db, r->staff, grid);

	if (of == 0 || !scope_grid_ok(r->db, r->staff, grid)) {
		field_error(errors, "grid_id", "not_found", "没有这个网格");
		return (-1);
	}
	if (of != community) {
		field_error(errors, "grid_id", "mismatch", "网格不属于该社区");
		return (-1);
	}
	return (0);
}

/* Inserts a household; its id, or 0. */
static long long
insert_hh(struct req *r, long long community, long long grid,
    const char *address)
{
	return (db_insert(r->db, "INSERT INTO households (community_id, "
	    "grid_id, address, version) VALUES (?, ?, ?, 1) RETURNING id",
	    "lLt", community, grid, address));
}

/* POST /households: a new household, with its head if one is named. */
static void
hh_create(struct req *r)
{
	static const char *const	 members[] = { "community_id",
	    "grid_id", "address", "head_id", "reason", NULL };
	cJSON				*body = req_body(r), *errors = NULL;
	struct member			 head;
	const char			*address, *reason;
	long long			 community = 0, grid = 0, head_id = 0, id;

	json_members(body, members, NULL, &errors);
	json_integer(body, "community_id", 1, JSON_MAX_ID, JF_REQUIRED, NULL,
	    &errors, &community);
	json_integer(body, "grid_id", 1, JSON_MAX_ID, 0, NULL, &errors,
	    &grid);
	json_integer(body, "head_id", 1, JSON_MAX_ID, 0, NULL, &errors,
	    &head_id);
	address = json_string(body, "address", 1, 100, NULL, &errors);
	reason = json_string(body, "reason", 0, 200, NULL, &errors);
	if (errors == NULL && !scope_sees(r->db, r->staff, SCOPE_COMMUNITY,
	    community))
		field_error(&errors, "community_id", "not_found",
		    "不是你所在中心的社区");
	else if (errors == NULL && grid != 0)
		check_grid(r, grid, community, &errors);
	else if (errors == NULL && scope_role(r->staff) == ROLE_GRID)
		field_error(&errors, "grid_id", "required", "请选择你的网格");
	if (errors == NULL && head_id != 0 && member_load(r, head_id,
	    "head_id", &head, &errors) == 0 && head.community != community)
		field_error(&errors, "head_id", "mismatch",
		    "居民不属于该社区");
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if (db_begin(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	if (head_id != 0 && head_stays(r, &head, 1)) {
		db_rollback(r->db);
		return;
	}
	if ((id = insert_hh(r, community, grid, address)) == 0 ||
	    (head_id != 0 && (set_member(r, &head, id, HEAD, reason) != 0 ||
	    bump(r, head.household, 0, head.id) != 0))) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	done(r, id, 201, "create", NULL);
}

/* What an action asks for. */
struct change {
	const char	*action, *relation, *former, *reason;
	long long	 resident;
};

/* Reads the action's body; 0 or -1 having replied 400. */
static int
read_change(struct req *r, struct change *c)
{
	static const char *const	 names[] = { "add_member",
	    "remove_member", "set_relation", "change_head", NULL };
	const char			*allowed[6] = { "action", "resident_id",
	    "reason" };
	cJSON				*body = req_body(r), *errors = NULL;

	memset(c, 0, sizeof *c);
	c->action = json_option(body, "action", names, JF_REQUIRED, NULL,
	    &errors);
	if (c->action != NULL && strcmp(c->action, "change_head") == 0)
		allowed[3] = "former_head_relation";
	else if (c->action != NULL && strcmp(c->action, "remove_member") != 0)
		allowed[3] = "relation";
	if (c->action != NULL)
		json_members(body, allowed, NULL, &errors);
	json_integer(body, "resident_id", 1, JSON_MAX_ID, JF_REQUIRED, NULL,
	    &errors, &c->resident);
	if (allowed[3] != NULL && strcmp(allowed[3], "relation") == 0)
		c->relation = read_relation(body, "relation",
		    strcmp(c->action, "set_relation") == 0, &errors);
	else if (allowed[3] != NULL)
		c->former = read_relation(body, "former_head_relation", 0,
		    &errors);
	c->reason = json_string(body, "reason", 0, 200, NULL, &errors);
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* The checks of the resident against the household; 0 or -1 with an
 * error. */
static int
check_member(struct req *r, const struct change *c, const struct hh *h,
    struct member *m, cJSON **errors)
{
	int	add = strcmp(c->action, "add_member") == 0;

	if (member_load(r, c->resident, "resident_id", m, errors) != 0)
		return (-1);
	if (add && m->household == h->id)
		field_error(errors, "resident_id", "mismatch", "已是本户成员");
	else if (add && m->community != h->community)
		field_error(errors, "resident_id", "mismatch",
		    "居民不属于该户所在社区");
	else if (!add && m->household != h->id)
		field_error(errors, "resident_id", "not_found", "不是本户成员");
	else if (!add && strcmp(c->action, "remove_member") != 0 &&
	    strcmp(m->relation, HEAD) == 0)
		field_error(errors, "resident_id", "mismatch", "已是户主");
	return (*errors == NULL ? 0 : -1);
}

/* change_head: the member becomes 户主, the former head takes the
 * relation given. 0, -1 having replied 400, -2 on a database error. */
static int
change_head(struct req *r, const struct change *c, const struct hh *h,
    const struct member *m)
{
	struct member	 old;
	cJSON		*errors = NULL;
	long long	 count, head = head_of(r, h->id, &count);

	if (head != 0 && c->former == NULL) {
		field_error(&errors, "former_head_relation", "required",
		    "请填写原户主与新户主的关系");
		reply_validation(r, errors);
		return (-1);
	}
	if (head != 0 && (member_load(r, head, "resident_id", &old,
	    &errors) != 0 || set_member(r, &old, h->id, c->former,
	    c->reason) != 0)) {
		cJSON_Delete(errors);
		return (-2);
	}
	return (set_member(r, m, h->id, HEAD, c->reason) != 0 ? -2 : 0);
}

/* Applies the action; 0, -1 having replied, -2 on a database error. */
static int
apply(struct req *r, const struct change *c, const struct hh *h,
    const struct member *m)
{
	if (strcmp(c->action, "change_head") == 0)
		return (change_head(r, c, h, m));
	if (strcmp(c->action, "set_relation") == 0)
		return (set_member(r, m, h->id, c->relation, c->reason) != 0 ?
		    -2 : 0);
	if (head_stays(r, m, 1))
		return (-1);
	if (strcmp(c->action, "remove_member") == 0)
		return (set_member(r, m, 0, m->relation, c->reason) != 0 ?
		    -2 : 0);
	return (set_member(r, m, h->id, c->relation, c->reason) != 0 ? -2 :
	    0);
}

/* POST /households/{id}/actions: one change at If-Match. */
static void
hh_action(struct req *r)
{
	struct change	 c;
	struct hh	 h;
	struct member	 m;
	cJSON		*errors = NULL;
	long long	 id;
	int		 rc;

	if ((id = req_id(r, 0)) < 0 || read_change(r, &c) != 0)
		return;
	if (c.relation == NULL && strcmp(c.action, "add_member") == 0)
		c.relation = "其他";
	if (db_begin(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	if (hh_load(r, id, &h) != 0) {
		db_rollback(r->db);
		reply_not_found(r);
		return;
	}
	if (check_member(r, &c, &h, &m, &errors) != 0) {
		db_rollback(r->db);
		reply_validation(r, errors);
		return;
	}
	if (h.version != r->if_match) {
		db_rollback(r->db);
		household_stale(r, h.version);
		return;
	}
	if ((rc = apply(r, &c, &h, &m)) == 0)
		rc = bump(r, h.id, m.household, m.id) != 0 ? -2 : 0;
	if (rc != 0) {
		db_rollback(r->db);
		if (rc == -2)
			reply_unavailable(r, NULL);
		return;
	}
	done(r, id, 200, "household_change", c.action);
}

/* The members a split takes: each a member of h, with a relation,
 * exactly one 户主. -1 with errors. */
static int
read_split(struct req *r, const struct hh *h, cJSON *list,
    struct member *ms, const char **rels, int *n, cJSON **errors)
{
	cJSON	*e;
	char	 field[40];
	int	 heads = 0, i, j;

	*n = 0;
	if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) == 0 ||
	    cJSON_GetArraySize(list) > MAX_SPLIT) {
		field_error(errors, "members", cJSON_IsArray(list) ?
		    "too_long" : "required", "须为 1 至 20 名成员");
		return (-1);
	}
	cJSON_ArrayForEach(e, list) {
		i = (*n)++;
		snprintf(field, sizeof field, "members[%d].resident_id", i);
		json_integer(e, "resident_id", 1, JSON_MAX_ID, JF_REQUIRED,
		    field, errors, &ms[i].id);
		snprintf(field, sizeof field, "members[%d].relation", i);
		rels[i] = json_string(e, "relation", 1, 8, field, errors);
		if (*errors != NULL)
			continue;
		heads += strcmp(rels[i], HEAD) == 0;
		snprintf(field, sizeof field, "members[%d].resident_id", i);
		for (j = 0; j < i; j++) {
			if (ms[j].id == ms[i].id)
				field_error(errors, field, "duplicate",
				    "成员重复");
		}
		if (*errors == NULL && member_load(r, ms[i].id, field, &ms[i], errors) == 0 &&
		    ms[i].household != h->id)
			field_error(errors, field, "not_found", "不是本户成员");
	}
	if (*errors == NULL && heads != 1)
		field_error(errors, "members", "mismatch",
		    "新户须有且只有一名户主");
	return (*errors == NULL ? 0 : -1);
}

/* The split leaves someone in the household: -1 with an error; -2
 * when the head is among those leaving while others stay (a 409 once
 * the version is checked); else 0. */
static int
split_checks(struct req *r, const struct hh *h, const struct member *ms,
    int n, cJSON **errors)
{
	long long	count, head = head_of(r, h->id, &count);
	int		i;

	if (n >= count) {
		field_error(errors, "members", "mismatch",
		    "至少一名成员须留在原户");
		return (-1);
	}
	for (i = 0; i < n; i++) {
		if (ms[i].id == head)
			return (-2);
	}
	return (0);
}

/* Which of the split's members is the household's head. */
static int
head_index(const struct hh *h, const struct member *ms, int n,
    struct req *r)
{
	long long	count, head = head_of(r, h->id, &count);
	int		i;

	for (i = 0; i < n; i++) {
		if (ms[i].id == head)
			return (i);
	}
	return (0);
}

/* POST /households/{id}/split: some members into a new household. */
static void
hh_split(struct req *r)
{
	static const char *const	 allowed[] = { "members", "address",
	    "reason", NULL };
	struct member			 ms[MAX_SPLIT];
	const char			*rels[MAX_SPLIT], *address, *reason;
	cJSON				*body = req_body(r), *errors = NULL;
	struct hh			 h;
	long long			 id, nid;
	char				 detail[64];
	int				 n, i, rc;

	if ((id = req_id(r, 0)) < 0)
		return;
	json_members(body, allowed, NULL, &errors);
	address = json_string(body, "address", 0, 100, NULL, &errors);
	reason = json_string(body, "reason", 0, 200, NULL, &errors);
	if (errors != NULL) {
		reply_validation(r, errors);
		return;
	}
	if (db_begin(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	if (hh_load(r, id, &h) != 0) {
		db_rollback(r->db);
		reply_not_found(r);
		return;
	}
	if (read_split(r, &h, cJSON_GetObjectItem(body, "members"), ms, rels,
	    &n, &errors) != 0 || (rc = split_checks(r, &h, ms, n,
	    &errors)) == -1) {
		db_rollback(r->db);
		reply_validation(r, errors);
		return;
	}
	if (h.version != r->if_match) {
		db_rollback(r->db);
		household_stale(r, h.version);
		return;
	}
	if (rc == -2) {
		db_rollback(r->db);
		head_stays(r, &ms[head_index(&h, ms, n, r)], n);
		return;
	}
	if ((nid = insert_hh(r, h.community, h.grid, address != NULL &&
	    *address != '\0' ? address : h.address)) == 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	for (i = 0, rc = 0; i < n && rc == 0; i++)
		rc = set_member(r, &ms[i], nid, rels[i], reason);
	if (rc != 0 || bump(r, h.id, nid, 0) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	snprintf(detail, sizeof detail, "split from household/%lld", id);
	done(r, nid, 201, "household_split", detail);
}

const struct route routes_household_edit[] = {
	{ "POST", "/api/v1/households", hh_create, ROUTE_IDEM | ROUTE_BODY,
	    ROLE_ANY },
	{ "POST", "/api/v1/households/{id}/actions", hh_action,
	    ROUTE_IDEM | ROUTE_IF_MATCH | ROUTE_BODY, ROLE_ANY },
	{ "POST", "/api/v1/households/{id}/split", hh_split,
	    ROUTE_IDEM | ROUTE_IF_MATCH | ROUTE_BODY, ROLE_ANY },
	{ NULL, NULL, NULL, 0, 0 }
};
