/*
 * The grid event's state table (docs/api.md 12), as pure functions: for
 * each action, the statuses it starts from, where it leads, and who may
 * take it, from the caller's relation to the event. No database here:
 * the routes fill in a struct event_party and ask.
 */
#ifndef SERVER_EVENT_FLOW_H
#define SERVER_EVENT_FLOW_H

#include <cjson/cJSON.h>

enum event_action {
	EA_SIGN,		/* 签收 */
	EA_FEEDBACK,		/* 反馈 */
	EA_SELF_RESOLVE,	/* 自办自结 */
	EA_RESUBMIT,		/* 重新上报 */
	EA_RETURN,		/* 退回 */
	EA_ESCALATE,		/* 上报上级 */
	EA_CHECK,		/* 核查 */
	EA_CLOSE,		/* 结案 */
	EA_EXTEND,		/* 申请延期 */
	EA_APPROVE_EXTENSION,	/* 批准延期 */
	EA_REFUSE_EXTENSION,	/* 驳回延期 */
	EA_SUPERVISE,		/* 督办 */
	EA_COUNT
};

/* The event as an action sees it, and who the caller is to it. */
struct event_party {
	const char	*status;
	int		 boss;		/* supervisor or admin of its centre */
	int		 reporter;	/* the caller reported it */
	int		 assignee;	/* the caller is its assignee */
	int		 unit_held;	/* escalated: a unit holds it */
	int		 self_resolved;	/* resolved by its reporter (自办自结) */
	int		 pending;	/* a 延期 request waits */
};

/* The action's name in the API ("sign" ...), or NULL past the end. */
const char	*event_flow_name(enum event_action);
/* The action named, or -1. */
int		 event_flow_lookup(const char *name);
/* The status the action leads to from p->status: the same status for
 * the actions that keep it (延期, 督办); NULL when it does not start
 * from there (409). */
const char	*event_flow_target(enum event_action, const struct event_party *);
/* 1 if the caller may take the action from p->status (403 if not). */
int		 event_flow_may(enum event_action, const struct event_party *);
/* 1 if the caller has any part in the event (a supervisor of its
 * centre, its reporter or its assignee): anyone else, a grid member of
 * another grid or a clerk, is refused every action (403). */
int		 event_flow_party(const struct event_party *);
/* Appends the name of every action the caller may take now to list. */
void		 event_flow_actions(const struct event_party *, cJSON *list);
/* 1 if the status is one whose deadline still runs (not yet handled). */
int		 event_flow_open(const char *status);

#endif
