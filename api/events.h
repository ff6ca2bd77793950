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
	char		*staff;
	char		*status;	/* "" for a note alone */
	char		*assignee;	/* "" unless an assignment */
	char		*note;
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
	char			*reported_at;
	char			*updated_at;
	long long		 version;
	struct event_update	*updates;	/* only from a single event */
	size_t			 nupdates;
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

/* Events. filter: "mine" (assigned to me), "open" (not closed), or
 * NULL (all). model: struct event_page. */
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

#endif
