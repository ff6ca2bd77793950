/*
 * The day's work at the counter beyond residents and applications: the
 * queue (docs/api.md 11), grid events (12), the day's figures (13), staff
 * (15), grids (6) and service categories (7), as models and asynchronous
 * calls. Every string in these structs was sanitized when it was parsed;
 * a member the server sends as null is "" (strings) or -1 (counts).
 */
#ifndef API_WORK_H
#define API_WORK_H

#include <stddef.h>

#include "client.h"

/* Where a list is in its paging (docs/api.md 1.7). */
struct page_info {
	long long	 total;
	int		 page;
	int		 per_page;
};

struct category {
	long long	 id;
	char		*code;		/* "05" */
	char		*name;		/* 养老服务 */
	char		*name_en;
	char		*queue_prefix;	/* "E" */
};

struct category_list {
	struct category	*items;
	size_t		 n;
};

struct ticket {
	long long	 id;
	char		*number;	/* E023 */
	long long	 category_id;
	char		*category;	/* its name */
	char		*status;	/* waiting, called, serving, ... */
	char		*issued_at;	/* RFC 3339 */
	char		*queued_at;
	char		*called_at;	/* "" when never */
	char		*counter;	/* "" when none */
	char		*called_by;	/* staff name, "" */
	char		*resident;	/* name, "" */
	int		 recalls;
	int		 waiting_ahead;	/* -1 unless waiting */
};

struct ticket_page {
	struct page_info pg;
	struct ticket	*items;
	size_t		 n;
	/* the centre's whole day, whatever the filters */
	int		 waiting, called, serving, done, skipped;
};

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

struct grid {
	long long	 id;
	char		*name;
	char		*community;
	long long	 member_id;	/* 0 when vacant */
	char		*member;	/* "" */
};

struct grid_page {
	struct page_info pg;
	struct grid	*items;
	size_t		 n;
};

struct staff {
	long long	 id;
	char		*username;
	char		*name;
	char		*role;
};

struct staff_page {
	struct page_info pg;
	struct staff	*items;
	size_t		 n;
};

struct service_count {
	char		*txcode;
	char		*name;
	int		 received;
	int		 completed;
};

struct daily_stats {
	char			*date;
	char			*centre;
	int			 received, accepted, completed, rejected;
	int			 collected, overdue, certificates;
	int			 tickets_issued, tickets_done;
	int			 avg_wait_s;	/* -1: none called */
	int			 per_hour[24];
	struct service_count	*services;
	size_t			 nservices;
	char			*calendar_until;	/* "" when none */
	int			 calendar_short;	/* needs next year */
};

/* An application as lists show it (ApplicationSummary), or an overdue
 * one (OverdueApplication, with overdue_days). */
struct app_row {
	long long	 id;
	char		*number;
	char		*txcode;
	char		*service;
	char		*resident;
	char		*id_masked;
	char		*community;
	char		*status;
	char		*counter;	/* "" */
	char		*staff;
	char		*created_at;
	char		*due_date;	/* "" */
	int		 overdue;
	int		 overdue_days;	/* -1 when not sent */
};

struct app_rows {
	struct page_info pg;
	struct app_row	*items;
	size_t		 n;
};

/* Models: each parser fills a zeroed struct or returns -1 with a static
 * English *cause; each free accepts NULL. */
int	model_category_list_parse(const cJSON *, struct category_list *,
	    const char **);
void	model_category_list_free(void *);
int	model_ticket_parse(const cJSON *, struct ticket *, const char **);
void	model_ticket_free(void *);
int	model_ticket_page_parse(const cJSON *, struct ticket_page *,
	    const char **);
void	model_ticket_page_free(void *);
int	model_event_parse(const cJSON *, struct event *, const char **);
void	model_event_free(void *);
int	model_event_page_parse(const cJSON *, struct event_page *,
	    const char **);
void	model_event_page_free(void *);
int	model_grid_page_parse(const cJSON *, struct grid_page *,
	    const char **);
void	model_grid_page_free(void *);
int	model_staff_page_parse(const cJSON *, struct staff_page *,
	    const char **);
void	model_staff_page_free(void *);
int	model_daily_stats_parse(const cJSON *, struct daily_stats *,
	    const char **);
void	model_daily_stats_free(void *);
int	model_app_rows_parse(const cJSON *, struct app_rows *, const char **);
void	model_app_rows_free(void *);

/* The queue. Every action takes an Idempotency-Key (key), kept by the
 * caller and used again when the same action is retried after no
 * answer. model: struct ticket, unless said otherwise. */
/* model: struct category_list. */
struct api_call	*api_categories(struct api *, api_cb, void *);
/* Today's tickets; status may be NULL (all) or "waiting,skipped";
 * counter may be NULL. model: struct ticket_page. */
struct api_call	*api_tickets(struct api *, const char *status,
		    const char *counter, int per_page, api_cb, void *);
struct api_call	*api_ticket_issue(struct api *, long long category_id,
		    const char *key, api_cb, void *);
struct api_call	*api_call_next(struct api *, const char *counter,
		    const char *key, api_cb, void *);
/* action: "recall", "skip" or "done". */
struct api_call	*api_ticket_action(struct api *, long long id,
		    const char *action, const char *key, api_cb, void *);
/* To a counter (category_id 0) or to a category (counter NULL). */
struct api_call	*api_ticket_transfer(struct api *, long long id,
		    const char *counter, long long category_id,
		    const char *key, api_cb, void *);

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
/* model: struct grid_page. */
struct api_call	*api_grids(struct api *, api_cb, void *);
/* Active staff of the caller's centre who may be assigned events.
 * model: struct staff_page. */
struct api_call	*api_staff(struct api *, api_cb, void *);

/* The day's figures; counter NULL for the whole centre. model: struct
 * daily_stats. */
struct api_call	*api_stats_daily(struct api *, const char *counter,
		    api_cb, void *);
/* model: struct app_rows (with overdue_days). */
struct api_call	*api_stats_overdue(struct api *, const char *counter,
		    api_cb, void *);
/* Applications created on date (YYYY-MM-DD), one page of 100; counter
 * may be NULL. model: struct app_rows. */
struct api_call	*api_applications_of_day(struct api *, const char *date,
		    const char *counter, int page, api_cb, void *);
/* Open applications (submitted, accepted, materials requested,
 * forwarded), the first 100; counter may be NULL. model: struct
 * app_rows. */
struct api_call	*api_applications_open(struct api *, const char *counter,
		    api_cb, void *);

#endif
