/* A resident's status (docs/api.md 4): 迁入, 迁出, a death reported (待确认)
 * and confirmed or rejected by a supervisor, as actions at If-Match,
 * each kept in the resident's history and audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "json.h"
#include "reply.h"
#include "req.h"
#include "resident-history.h"
#include "residents.h"
#include "route.h"
#include "scope.h"
#include "valid.h"

/* The action table: from which statuses, to which, who may, and the
 * members each needs besides action (reason is always allowed). */
static const struct {
	const char	*action;
	const char	*from[2];
	const char	*to;
	int		 roles;
	int		 date, place, source, reason;	/* 1 needed, 0 not
							   taken */
	const char	*zh;
} actions[] = {
	{ "move_in", { "active", "moved_out" }, "active", ROLE_ANY,
	  1, 1, 0, 0, "迁入" },
	{ "move_out", { "active" }, "moved_out", ROLE_ANY, 1, 1, 0, 0,
	  "迁出" },
	{ "report_death", { "active" }, "death_reported", ROLE_ANY, 1, 0, 0,
	  0, "报告死亡" },
	{ "confirm_death", { "death_reported" }, "deceased",
	  ROLE_SUPER | ROLE_ADMIN, 0, 0, 1, 0, "确认死亡" },
	{ "reject_death", { "death_reported" }, "active",
	  ROLE_SUPER | ROLE_ADMIN, 0, 0, 0, 1, "撤销死亡报告" },
};
#define NACTIONS (sizeof actions / sizeof *actions)

/* What an action asks for. */
struct change {
	size_t		 i;		/* in actions[] */
	const char	*date, *place, *source, *reason;
};

/* The stored state a change starts from. */
struct state {
	char		 status[20], date[11], place[128];
	long long	 version;
};

/* Chinese names of the statuses, for messages. */
static const char *
status_zh(const char *s)
{
	if (strcmp(s, "moved_out") == 0)
		return ("已迁出");
	if (strcmp(s, "death_reported") == 0)
		return ("死亡待确认");
	if (strcmp(s, "deceased") == 0)
		return ("已死亡");
	return ("正常");
}

/* date: a real date, not after today (Beijing). */
static const char *
read_date(cJSON *body, cJSON **errors)
{
	const char	*d = json_string(body, "date", 1, 10, NULL, errors);
	char		 today[11];

	clock_date(clock_now(), today);
	if (d != NULL && (!valid_date(d) || strcmp(d, today) > 0)) {
		field_error(errors, "date", "date", "日期无效或晚于今天");
		return (NULL);
	}
	return (d);
}

/* Reads the body for its action; 0 or -1 having replied 400. */
static int
read_change(struct req *r, struct change *c)
{
	static const char *const	 names[] = { "move_in", "move_out",
	    "report_death", "confirm_death", "reject_death", NULL };
	const char			*allowed[6] = { "action", "reason" };
	cJSON				*body = req_body(r), *errors = NULL;
	const char			*action;
	size_t				 n = 2;

	memset(c, 0, sizeof *c);
	action = json_option(body, "action", names, JF_REQUIRED, NULL,
	    &errors);
	for (c->i = 0; action != NULL && c->i < NACTIONS; c->i++) {
		if (strcmp(actions[c->i].action, action) == 0)
			break;
	}
	if (action == NULL) {
		reply_validation(r, errors);
		return (-1);
	}
	if (actions[c->i].date)
		allowed[n++] = "date";
	if (actions[c->i].place)
		allowed[n++] = "place";
	if (actions[c->i].source)
		allowed[n++] = "source";
	json_members(body, allowed, NULL, &errors);
	if (actions[c->i].date)
		c->date = read_date(body, &errors);
	if (actions[c->i].place)
		c->place = json_string(body, "place", 1, 100, NULL, &errors);
	if (actions[c->i].source)
		c->source = json_string(body, "source", 2, 100, NULL, &errors);
	c->reason = json_string(body, "reason", actions[c->i].reason ? 2 : 0,
	    200, NULL, &errors);
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* The status and version, with the date and place the action will
 * replace, if the caller may see the resident. */
static int
load_state(struct req *r, long long id, const struct change *c,
    struct state *s)
{
	struct db_stmt	*st;
	int		 rc;

	if (!scope_sees(r->db, r->staff, SCOPE_RESIDENT, id))
		return (-1);
	rc = db_query(r->db, &st, "SELECT status, version, "
	    "coalesce(moved_in_on, ''), coalesce(moved_in_from, ''), "
	    "coalesce(moved_out_on, ''), coalesce(moved_out_to, ''), "
	    "coalesce(death_date, '') FROM residents WHERE id = ?", "l", id);
	if (rc == 1) {
		snprintf(s->status, sizeof s->status, "%s", db_text(st, 0));
		s->version = db_int(st, 1);
		if (strcmp(actions[c->i].action, "move_in") == 0) {
			snprintf(s->date, sizeof s->date, "%s", db_text(st, 2));
			snprintf(s->place, sizeof s->place, "%s",
			    db_text(st, 3));
		} else if (strcmp(actions[c->i].action, "move_out") == 0) {
			snprintf(s->date, sizeof s->date, "%s", db_text(st, 4));
			snprintf(s->place, sizeof s->place, "%s",
			    db_text(st, 5));
		} else {
			snprintf(s->date, sizeof s->date, "%s", db_text(st, 6));
			s->place[0] = '\0';
		}
	}
	db_reset(st);
	return (rc == 1 ? 0 : -1);
}

/* The status the action leads to from status, or NULL. */
static const char *
next_status(const char *status, size_t i)
{
	int	j;

	for (j = 0; j < 2 && actions[i].from[j] != NULL; j++) {
		if (strcmp(actions[i].from[j], status) == 0)
			return (actions[i].to);
	}
	return (NULL);
}

/* 409 invalid-transition with the status and what it allows. */
static void
refuse(struct req *r, const char *status, size_t i)
{
	cJSON	*ext = cJSON_CreateObject(), *allowed;
	char	 detail[160];
	size_t	 k;

	snprintf(detail, sizeof detail, "居民当前状态“%s”不能%s",
	    status_zh(status), actions[i].zh);
	cJSON_AddStringToObject(ext, "current_status", status);
	allowed = cJSON_AddArrayToObject(ext, "allowed");
	for (k = 0; k < NACTIONS; k++) {
		if (next_status(status, k) != NULL &&
		    scope_allows(r->staff, actions[k].roles))
			cJSON_AddItemToArray(allowed,
			    cJSON_CreateString(actions[k].action));
	}
	reply_problem_ext(r, 409, "invalid-transition", "Invalid transition",
	    detail, ext);
}

/* Writes the new status and what goes with it, and the history. */
static int
apply(struct req *r, long long id, const struct change *c,
    const struct state *s)
{
	const char	*a = actions[c->i].action, *to = actions[c->i].to;
	char		 at[32];
	int		 rc = 0;

	clock_rfc3339(clock_now(), at);
	if (strcmp(a, "move_in") == 0)
		rc = db_exec(r->db, "UPDATE residents SET moved_in_on = ?, "
		    "moved_in_from = ? WHERE id = ?", "ttl", c->date, c->place,
		    id);
	else if (strcmp(a, "move_out") == 0)
		rc = db_exec(r->db, "UPDATE residents SET moved_out_on = ?, "
		    "moved_out_to = ? WHERE id = ?", "ttl", c->date, c->place,
		    id);
	else if (strcmp(a, "report_death") == 0 ||
	    strcmp(a, "reject_death") == 0)
		rc = db_exec(r->db, "UPDATE residents SET death_date = ? "
		    "WHERE id = ?", "tl", c->date, id);
	else
		rc = db_exec(r->db, "UPDATE residents SET death_source = ? "
		    "WHERE id = ?", "tl", c->source, id);
	if (rc == 0)
		rc = db_exec(r->db, "UPDATE residents SET status = ?, "
		    "version = version + 1, updated_at = ? WHERE id = ?",
		    "ttl", to, at, id);
	if (rc == 0 && strcmp(s->status, to) != 0)
		rc = history_add(r, id, a, "status", s->status, to, c->reason);
	if (rc == 0 && actions[c->i].date)
		rc = history_add(r, id, a, strcmp(a, "move_in") == 0 ?
		    "moved_in_on" : strcmp(a, "move_out") == 0 ?
		    "moved_out_on" : "death_date", s->date, c->date,
		    c->reason);
	if (rc == 0 && actions[c->i].place)
		rc = history_add(r, id, a, strcmp(a, "move_in") == 0 ?
		    "moved_in_from" : "moved_out_to", s->place, c->place,
		    c->reason);
	if (rc == 0 && actions[c->i].source)
		rc = history_add(r, id, a, "death_source", NULL, c->source,
		    c->reason);
	if (rc == 0 && strcmp(a, "reject_death") == 0)
		rc = history_add(r, id, a, "death_date", s->date, NULL,
		    c->reason);
	return (rc);
}

/* POST /residents/{id}/transitions: one change of status at If-Match. */
static void
transition(struct req *r)
{
	struct change	 c;
	struct state	 s;
	long long	 id;
	char		 object[48];

	if ((id = req_id(r, 0)) < 0 || read_change(r, &c) != 0)
		return;
	if (!scope_allows(r->staff, actions[c.i].roles)) {
		req_note(r, "refused: %s not for a %s", actions[c.i].action,
		    r->staff->role);
		reply_forbidden(r, "只有站长可以确认或撤销死亡报告");
		return;
	}
	if (db_begin(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	if (load_state(r, id, &c, &s) != 0) {
		db_rollback(r->db);
		reply_not_found(r);
		return;
	}
	if (s.version != r->if_match) {
		db_rollback(r->db);
		resident_stale(r, s.version);
		return;
	}
	if (next_status(s.status, c.i) == NULL) {
		db_rollback(r->db);
		refuse(r, s.status, c.i);
		return;
	}
	snprintf(object, sizeof object, "resident/%lld", id);
	if (apply(r, id, &c, &s) != 0 || audit_req(r, "transition", object,
	    actions[c.i].action) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "resident %lld: %s -> %s (%s)", id, s.status,
	    actions[c.i].to, actions[c.i].action);
	resident_reply(r, id, 200);
}

const struct route routes_resident_status[] = {
	{ "POST", "/api/v1/residents/{id}/transitions", transition,
	    ROUTE_IDEM | ROUTE_IF_MATCH | ROUTE_BODY, ROLE_ANY },
	{ NULL, NULL, NULL, 0, 0 }
};
