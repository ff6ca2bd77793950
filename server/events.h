/* Grid events as their routes need them (events.c): the Event and its
 * timeline as JSON, the caller's part in it, the opening of a change
 * at the If-Match version, and the recording of a step. */
#ifndef SERVER_EVENTS_H
#define SERVER_EVENTS_H

#include <cjson/cJSON.h>

struct db_stmt;
struct event_party;
struct req;

/* The EventSummary columns and joins; e.* is the event, c.* its
 * community (whose centre_id scopes it). */
#define EVENT_COLS "e.id, e.category, e.location, e.description, " \
	"e.urgency, g.id, g.name, c.id, c.name, r.id, r.name, r.id_number, " \
	"e.status, rp.id, rp.name, a.id, a.name, e.reported_at, " \
	"e.updated_at, e.version, c.centre_id, e.due_date, u.id, u.code, " \
	"u.name, u.level, e.self_resolved, e.rating, e.supervisions, " \
	"e.ext_until, e.ext_reason, xb.id, xb.name, e.ext_at, " \
	"e.reported_date"
#define EVENT_FROM " FROM events e JOIN grids g ON g.id = e.grid_id JOIN " \
	"communities c ON c.id = e.community_id LEFT JOIN residents r ON " \
	"r.id = e.resident_id JOIN staff rp ON rp.id = e.reporter_id LEFT " \
	"JOIN staff a ON a.id = e.assignee_id LEFT JOIN event_units u ON " \
	"u.id = e.unit_id LEFT JOIN staff xb ON xb.id = e.ext_by"

/* What an action needs of the stored event. */
struct event_state {
	char		 status[16];
	char		 urgency[16];
	char		 due[11];		/* "" when none */
	char		 ext_until[11];		/* the pending 延期's date */
	long long	 version, assignee, reporter, centre, unit;
	int		 self_resolved;
	int		 pending;		/* a 延期 request waits */
};

/* One step of the timeline; members 0 or NULL are left out. */
struct event_step {
	const char	*action;
	const char	*status;	/* the new status; NULL: kept */
	long long	 assignee;
	long long	 unit;
	int		 rating;
	const char	*until;
	const char	*note;
};

/* The statuses, in the order of the state table. */
extern const char *const event_statuses[];

/* An EventSummary from a row of EVENT_COLS; today is the service's
 * date, for its deadline marks. */
cJSON		*event_json(struct db_stmt *, const char *today);
/* The Event with its timeline and the actions the caller may take, if
 * the caller may see it, else NULL; s (may be NULL) is filled in. */
cJSON		*event_full(struct req *, long long id, struct event_state *);
/* The caller's part in the event. */
void		 event_party_of(struct req *, const struct event_state *,
		    struct event_party *);
/* Opens the transaction on the visible event of the path's id; the id,
 * or -1 having replied 404 (or 503). */
long long	 event_begin(struct req *, struct event_state *);
/* 0, or -1 having rolled back and replied 412 when If-Match is not the
 * event's version. */
int		 event_stale(struct req *, const struct event_state *);
/* Appends the step to the timeline and bumps the event (its status,
 * assignee when given, updated_at, version); 0 or -1. */
int		 event_record(struct req *, long long id,
		    const struct event_step *);
/* Answers with the event after a write and commits. */
void		 event_reply(struct req *, long long id, int status);
/* 409 invalid-transition: the event's status, the statuses the caller
 * may set through /updates (allowed) and the actions he may take. */
void		 event_refuse(struct req *, const struct event_party *,
		    const char *detail);

#endif
