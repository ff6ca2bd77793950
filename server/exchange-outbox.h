/* The exchange outbox (docs/api.md 24): the messages to the upper
 * level, written in the transaction of the change they tell. */
#ifndef SERVER_EXCHANGE_OUTBOX_H
#define SERVER_EXCHANGE_OUTBOX_H

#include <cjson/cJSON.h>

struct db;

/* The message of the application's latest timeline entry, the
 * application as it is now: call it after the entry and the change of
 * the application, in their transaction. 0 or -1. */
int	 exchange_event(struct db *, long long application);
/* An application and a timeline entry as a message tells them, for a
 * message made from what a transaction wrote rather than read back.
 * NULL members are told as null. */
struct exchange_app {
	const char	*number, *item_code, *service_name;
	const char	*body_name, *body_uscc;	/* the implementing body */
	const char	*received_at, *accepted_at, *completed_at;
	const char	*due_date, *status;
};
struct exchange_entry {
	const char	*action, *from_status, *to_status, *at;
	const char	*department, *reason;
	const char	*missing_materials;	/* as stored: a JSON array */
};
/* The message of a new application, for the transaction that creates
 * it, from what it wrote: the first of the application's stream. The
 * stream is new and no other transaction can see it, so it is not
 * locked. 0 or -1. */
int	 exchange_event_first(struct db *, long long application,
	    const struct exchange_app *, const struct exchange_entry *);
/* The message of a rating just recorded, in its transaction, with its
 * level's Chinese name (非常满意 ...). */
int	 exchange_rating(struct db *, long long rating,
	    const char *level_name);

#endif
