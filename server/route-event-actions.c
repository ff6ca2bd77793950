/* POST /api/v1/events/{id}/actions: the steps of the event loop
 * beyond assigning and progress notes (docs/api.md 12): 签收, 反馈,
 * 自办自结, 重新上报, 退回, 上报上级, 核查, 结案, 延期 asked, approved
 * or refused, and 督办; and GET /api/v1/event-units, the units an
 * event may be escalated to. Each step is a row of the timeline. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "event-flow.h"
#include "events.h"
#include "json.h"
#include "listq.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"
#include "valid.h"

/* The actions' names, as json_option() takes them (event-flow.c's
 * order), and as the clerk reads them. */
static const char *const action_names[] = {
	"sign", "feedback", "self_resolve", "resubmit", "return", "escalate",
	"check", "close", "extend", "approve_extension", "refuse_extension",
	"supervise", NULL
};
static const char *const action_zh[] = {
	"签收", "反馈", "自办自结", "重新上报", "退回", "上报上级", "核查",
	"结案", "申请延期", "批准延期", "驳回延期", "督办"
};

/* What the caller asked. */
struct ask {
	enum event_action	 action;
	const char		*note;
	long long		 rating, unit;
	const char		*until;
};

/* The members that belong to one action alone: mismatch elsewhere. */
static void
only_for(const char *member, int given, int wanted, cJSON **errors)
{
	if (given && !wanted)
		field_error(errors, member, "mismatch", "此操作不需要此项");
}

/* The actions a note is required for. */
static int
needs_note(enum event_action a)
{
	return (a == EA_FEEDBACK || a == EA_SELF_RESOLVE || a == EA_RETURN ||
	    a == EA_ESCALATE || a == EA_EXTEND || a == EA_SUPERVISE);
}

/* The body as an ask; -1 having replied 400. */
static int
parse(struct req *r, struct ask *k)
{
	static const char *const	 members[] = { "action", "note",
	    "rating", "unit_id", "until", NULL };
	cJSON				*b = req_body(r), *errors = NULL;
	const char			*name;
	int				 a = -1, hr, hu;

	memset(k, 0, sizeof *k);
	json_members(b, members, NULL, &errors);
	if ((name = json_option(b, "action", action_names, JF_REQUIRED, NULL,
	    &errors)) != NULL)
		a = event_flow_lookup(name);
	k->note = json_text(b, "note", 0, 1000, JF_MULTILINE, NULL, &errors);
	if (k->note != NULL && *k->note == '\0')
		k->note = NULL;
	hr = json_integer(b, "rating", 1, 5, 0, NULL, &errors, &k->rating);
	hu = json_integer(b, "unit_id", 1, JSON_MAX_ID, 0, NULL, &errors,
	    &k->unit);
	if ((k->until = json_string(b, "until", 0, 10, NULL, &errors)) !=
	    NULL && *k->until != '\0' && !valid_date(k->until))
		field_error(&errors, "until", "date",
		    "须为 YYYY-MM-DD 格式的日期");
	if (k->until != NULL && *k->until == '\0')
		k->until = NULL;
	if (a >= 0) {
		k->action = a;
		if (needs_note(a) && k->note == NULL)
			field_error(&errors, "note", "required", a == EA_RETURN
			    || a == EA_EXTEND ? "请填写理由" : "请填写说明");
		if (a == EA_CHECK && hr == 0)
			field_error(&errors, "rating", "required",
			    "请评分（1 至 5）");
		if (a == EA_ESCALATE && hu == 0)
			field_error(&errors, "unit_id", "required",
			    "请选择上报的单位");
		if (a == EA_EXTEND && k->until == NULL)
			field_error(&errors, "until", "required",
			    "请填写延期至哪一天");
		only_for("rating", hr == 1, a == EA_CHECK, &errors);
		only_for("unit_id", hu == 1, a == EA_ESCALATE, &errors);
		only_for("until", k->until != NULL, a == EA_EXTEND,
		    &errors);
	}
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* The status as the detail of a refusal says it. */
static const char *
status_zh(const char *status)
{
	static const char *const	 zh[] = { "已上报", "已退回", "待签收",
	    "已上报上级", "处置中", "已反馈", "已核查", "已结案" };
	int				 i;

	for (i = 0; event_statuses[i] != NULL; i++) {
		if (strcmp(event_statuses[i], status) == 0)
			return (zh[i]);
	}
	return (status);
}

/* 409: the step does not start from the event's status. */
static void
wrong_state(struct req *r, const struct ask *k, const struct event_party *p)
{
	char	detail[160];

	if (k->action == EA_EXTEND && p->pending)
		snprintf(detail, sizeof detail, "已有延期申请待审批");
	else if ((k->action == EA_APPROVE_EXTENSION || k->action ==
	    EA_REFUSE_EXTENSION) && !p->pending)
		snprintf(detail, sizeof detail, "没有待审批的延期申请");
	else
		snprintf(detail, sizeof detail, "事件当前为“%s”，不能%s",
		    status_zh(p->status), action_zh[k->action]);
	event_refuse(r, p, detail);
}

/* 403: the step is not the caller's to take. */
static void
wrong_role(struct req *r, const struct ask *k, const struct event_party *p)
{
	char	detail[160];

	switch (k->action) {
	case EA_CHECK:
		snprintf(detail, sizeof detail, "核查须由上报人或站长办理；"
		    "自办自结的事件由站长核查");
		break;
	case EA_SELF_RESOLVE:
	case EA_RESUBMIT:
		snprintf(detail, sizeof detail, "只有上报人可以%s",
		    action_zh[k->action]);
		break;
	default:
		snprintf(detail, sizeof detail, "%s须由%s办理",
		    action_zh[k->action], p->unit_held ?
		    "站长代上级单位" : strcmp(p->status, "resolved") == 0 ?
		    "上报人或站长" : k->action == EA_SIGN || k->action ==
		    EA_FEEDBACK || k->action == EA_EXTEND || (k->action ==
		    EA_RETURN && strcmp(p->status, "assigned") == 0) ?
		    "被指派人或站长" : "站长");
	}
	reply_forbidden(r, detail);
}

/* The checks that need the stored event; -1 having replied 400. */
static int
business(struct req *r, const struct ask *k, const struct event_state *s)
{
	struct db_stmt	*st;
	cJSON		*errors = NULL;
	char		 today[11];

	if (k->action == EA_CLOSE && strcmp(s->status, "reported") == 0 &&
	    k->note == NULL)
		field_error(&errors, "note", "required",
		    "未经处置即结案须说明理由（如重复上报、不实）");
	if (k->action == EA_ESCALATE) {
		if (db_query(r->db, &st, "SELECT 1 FROM event_units WHERE "
		    "id = ? AND (centre_id IS NULL OR centre_id = ?)", "ll",
		    k->unit, s->centre) != 1)
			field_error(&errors, "unit_id", "not_found",
			    "没有这个单位");
		db_reset(st);
	}
	if (k->action == EA_EXTEND) {
		clock_date(clock_now(), today);
		if (strcmp(k->until, *s->due != '\0' ? s->due : today) <= 0)
			field_error(&errors, "until", "date",
			    "延期后的期限须晚于当前期限");
	}
	if (errors == NULL)
		return (0);
	db_rollback(r->db);
	reply_validation(r, errors);
	return (-1);
}

/* What a step changes of the event besides its status and the
 * timeline; the step's unit and date are filled in. */
static int
effects(struct req *r, long long id, const struct ask *k,
    const struct event_state *s, const char *to, struct event_step *e)
{
	char	now[32];
	int	rc = 0;

	clock_rfc3339(clock_now(), now);
	/* the steps a supervisor takes for the unit name it */
	if (k->action == EA_SIGN || k->action == EA_FEEDBACK || k->action ==
	    EA_RETURN || k->action == EA_EXTEND)
		e->unit = s->unit;
	switch (k->action) {
	case EA_SELF_RESOLVE:
		rc = db_exec(r->db, "UPDATE events SET self_resolved = 1 "
		    "WHERE id = ?", "l", id);
		break;
	case EA_RETURN:
		rc = db_exec(r->db, "UPDATE events SET self_resolved = 0, "
		    "assignee_id = CASE WHEN ? = 'reported' THEN NULL ELSE "
		    "assignee_id END, unit_id = CASE WHEN ? = 'reported' THEN "
		    "NULL ELSE unit_id END WHERE id = ?", "ttl", to, to, id);
		break;
	case EA_ESCALATE:
		e->unit = k->unit;
		rc = db_exec(r->db, "UPDATE events SET unit_id = ?, "
		    "assignee_id = NULL WHERE id = ?", "ll", k->unit, id);
		break;
	case EA_CHECK:
		e->rating = (int)k->rating;
		rc = db_exec(r->db, "UPDATE events SET rating = ? WHERE id = ?",
		    "ll", k->rating, id);
		break;
	case EA_EXTEND:
		e->until = k->until;
		rc = db_exec(r->db, "UPDATE events SET ext_until = ?, "
		    "ext_reason = ?, ext_by = ?, ext_at = ? WHERE id = ?",
		    "ttltl", k->until, k->note, r->staff->id, now, id);
		break;
	case EA_APPROVE_EXTENSION:
		e->until = s->ext_until;
		rc = db_exec(r->db, "UPDATE events SET due_date = ext_until "
		    "WHERE id = ?", "l", id);
		break;
	case EA_SUPERVISE:
		rc = db_exec(r->db, "UPDATE events SET supervisions = "
		    "supervisions + 1 WHERE id = ?", "l", id);
		break;
	default:
		break;
	}
	/* a request answered, or moot once the event is handled */
	if (rc == 0 && (k->action == EA_APPROVE_EXTENSION || k->action ==
	    EA_REFUSE_EXTENSION || (s->pending && !event_flow_open(to)))) {
		if (k->action == EA_REFUSE_EXTENSION)
			e->until = s->ext_until;
		rc = db_exec(r->db, "UPDATE events SET ext_until = NULL, "
		    "ext_reason = NULL, ext_by = NULL, ext_at = NULL WHERE "
		    "id = ?", "l", id);
	}
	return (rc);
}

/* POST /events/{id}/actions */
static void
act(struct req *r)
{
	struct event_state	 s;
	struct event_party	 p;
	struct event_step	 e;
	struct ask		 k;
	const char		*to;
	long long		 id;
	char			 object[40];

	if (parse(r, &k) != 0 || (id = event_begin(r, &s)) < 0)
		return;
	event_party_of(r, &s, &p);
	if (!event_flow_party(&p)) {
		db_rollback(r->db);
		req_note(r, "refused: %s has no part in event %lld",
		    r->staff->username, id);
		reply_forbidden(r, "只有上报人、被指派人或站长可以办理此事件");
		return;
	}
	if (event_stale(r, &s) != 0)
		return;
	if ((to = event_flow_target(k.action, &p)) == NULL) {
		db_rollback(r->db);
		wrong_state(r, &k, &p);
		return;
	}
	if (!event_flow_may(k.action, &p)) {
		db_rollback(r->db);
		wrong_role(r, &k, &p);
		return;
	}
	if (business(r, &k, &s) != 0)
		return;
	memset(&e, 0, sizeof e);
	e.action = event_flow_name(k.action);
	e.status = strcmp(to, s.status) != 0 || k.action == EA_ESCALATE ? to :
	    NULL;
	e.note = k.note;
	snprintf(object, sizeof object, "event/%lld", id);
	if (effects(r, id, &k, &s, to, &e) != 0 || event_record(r, id, &e) !=
	    0 || audit_req(r, "event_action", object, e.action) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "event %lld: %s, %s -> %s", id, e.action, s.status, to);
	event_reply(r, id, 200);
}

/* GET /event-units: the units the caller's centre escalates to, the
 * street first. */
static void
units(struct req *r)
{
	struct listq	*q;
	struct db_stmt	*st;
	cJSON		*errors = NULL, *o;
	long long	 centre = scope_centre(r->staff);

	if ((q = listq_req(r, "id, code, name, level", " FROM event_units"))
	    == NULL)
		return;
	q_check(r, (const char *const []){ NULL }, 1, &errors);
	if (errors != NULL) {
		listq_free(q);
		reply_validation(r, errors);
		return;
	}
	if (centre != 0)
		listq_where(q, "(centre_id IS NULL OR centre_id = ?)", "l",
		    centre);
	listq_order(q, "CASE level WHEN 'street' THEN 0 ELSE 1 END, id");
	while ((st = listq_next(q)) != NULL) {
		o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "id", db_int(st, 0));
		cJSON_AddStringToObject(o, "code", db_text(st, 1));
		cJSON_AddStringToObject(o, "name", db_text(st, 2));
		cJSON_AddStringToObject(o, "level", db_text(st, 3));
		listq_add(q, o);
	}
	reply_json(r, 200, listq_page(q));
}

const struct route routes_event_actions[] = {
	{ "POST", "/api/v1/events/{id}/actions", act,
	    ROUTE_IDEM | ROUTE_IF_MATCH | ROUTE_BODY, ROLE_ANY },
	{ "GET", "/api/v1/event-units", units, 0, ROLE_ANY },
	{ NULL, NULL, NULL, 0, 0 }
};
