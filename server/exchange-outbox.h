/* The exchange outbox (docs/api.md 24): the messages to the upper
 * level, written in the transaction of the change they tell. */
#ifndef SERVER_EXCHANGE_OUTBOX_H
#define SERVER_EXCHANGE_OUTBOX_H

struct db;

/* The message of the application's latest timeline entry, the
 * application as it is now: call it after the entry and the change of
 * the application, in their transaction. 0 or -1. */
int	 exchange_event(struct db *, long long application);
/* The message of a rating just recorded, in its transaction, with its
 * level's Chinese name (非常满意 ...). */
int	 exchange_rating(struct db *, long long rating,
	    const char *level_name);

#endif
