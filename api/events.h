/*
 * Grid events (docs/api.md 12): reports, assignment, updates. A member
 * the server sends as null is "" (strings) or -1 (counts).
 */
#ifndef API_EVENTS_H
#define API_EVENTS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "client.h"
#include "page.h"

struct event_update {
	char		*at;
	char		*action;	/* report, assign, note, sign ... */
	char		*staff;
	char		*status;	/* "" for a step that keeps it */
	char		*assignee;	/* "" unless an assignment */
	char		*unit;		/* "" unless a unit's step */
	int		 rating;	/* -1 unless a check */
	char		*until;		/* "" unless a 延期's step */
	char		*note;
};

/* A unit events are escalated to (上报上级). */
struct event_unit {
	long long	 id;
	char		*code;
	char		*name;
	char		*level;		/* street, department */
};

struct event_unit_page {
	struct page_info	 pg;
	struct event_unit	*items;
	size_t			 n;
};

struct event {
	long long		 id;
	char			*category;	/* environment, facilities ... */
	char			*location;
	char			*description;
	char			*urgency;	/* low, normal, high, urgent */
	long long		 grid_id;
	char			*grid;
	char			*community;
	char			*resident;	/* "" */
	char			*status;
	char			*reporter;
	long long		 assignee_id;	/* 0 when none */
	char			*assignee;	/* "" */
	char			*unit;		/* "" while with the centre */
	char			*reported_at;
	char			*updated_at;
	char			*due_date;	/* "" when none */
	int			 due_soon;
	int			 overdue;
	char			*ext_until;	/* "" unless a 延期 waits */
	char			*ext_reason;
	char			*ext_by;
	int			 self_resolved;
	int			 rating;	/* -1 until checked */
	int			 supervisions;
	long long		 version;
	struct event_update	*updates;	/* only from a single event */
	size_t			 nupdates;
	char			**actions;	/* what the caller may do now:
						   only from a single event */
	size_t			 nactions;
};

struct event_page {
	struct page_info pg;
	struct event	*items;
	size_t		 n;
};

int	model_event_parse(const cJSON *, struct event *, const char **);

void	model_event_free(void *);

int	model_event_page_parse(const cJSON *, struct event_page *,
	    const char **);

void	model_event_page_free(void *);

/* 1 if the event's actions (from a single event) hold name. */
int	event_allows(const struct event *, const char *name);

/* Events. filter: "mine" (assigned to me), "open" (not closed),
 * "soon" (not handled, due today or the next working day), "overdue"
 * (not handled, past the deadline) or NULL (all). model: struct
 * event_page. */
struct api_call	*api_events(struct api *, const char *filter, int page,
		    api_cb, void *);

/* model: struct event (with its updates). */
struct api_call	*api_event_get(struct api *, long long id, api_cb, void *);

/* resident_id 0: none. model: struct event. */
struct api_call	*api_event_report(struct api *, const char *category,
		    const char *location, const char *description,
		    const char *urgency, long long grid_id,
		    long long resident_id, const char *key, api_cb, void *);

/* note may be NULL. model: struct event. */
struct api_call	*api_event_assign(struct api *, long long id,
		    long long version, long long assignee_id,
		    const char *note, const char *key, api_cb, void *);

/* status or note may be NULL (not both). model: struct event. */
struct api_call	*api_event_update(struct api *, long long id,
		    long long version, const char *status, const char *note,
		    const char *key, api_cb, void *);

/* One step of the loop (docs/api.md 12): action "sign", "feedback" ...;
 * note NULL or "" for none, rating 0, unit_id 0 and until NULL when
 * not the action's. model: struct event. */
struct api_call	*api_event_act(struct api *, long long id, long long version,
		    const char *action, const char *note, int rating,
		    long long unit_id, const char *until, const char *key,
		    api_cb, void *);

/* The units events are escalated to. model: struct event_unit_page. */
struct api_call	*api_event_units(struct api *, api_cb, void *);

void	model_event_unit_page_free(void *);

#endif
