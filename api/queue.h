/*
 * The queue (docs/api.md 11): tickets and the actions on them. Every
 * action takes an Idempotency-Key (key), kept by the caller and used
 * again when the same action is retried after no answer.
 */
#ifndef API_QUEUE_H
#define API_QUEUE_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "client.h"
#include "page.h"

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

int	model_ticket_parse(const cJSON *, struct ticket *, const char **);

void	model_ticket_free(void *);

int	model_ticket_page_parse(const cJSON *, struct ticket_page *,
	    const char **);

void	model_ticket_page_free(void *);

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

#endif
