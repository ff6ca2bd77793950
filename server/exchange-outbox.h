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
/* The same in two steps, for the transaction that creates the
 * application: the message as the application is now (NULL on
 * failure), then, once the caller has changed it as it changed the
 * application, written as the first of the application's stream (body
 * consumed): the stream is new and no other transaction can see it, so
 * it is not locked. 0 or -1. */
cJSON	*exchange_event_message(struct db *, long long application);
int	 exchange_event_first(struct db *, long long application,
	    cJSON *body);
/* The message of a rating just recorded, in its transaction, with its
 * level's Chinese name (非常满意 ...). */
int	 exchange_rating(struct db *, long long rating,
	    const char *level_name);

#endif
