/*
 * A payment taken while the server cannot be reached (pay-offline.c):
 * kept in the outbox with its Idempotency-Key like every submission,
 * a provisional receipt (临时收据) printed at once; when the outbox
 * delivers it, the official receipt with its serial is offered, and a
 * refusal (already paid at another counter) is said as a conflict for
 * the clerk to settle, the item kept in the outbox (F8).
 */
#ifndef TUI_PAY_OFFLINE_H
#define TUI_PAY_OFFLINE_H

#include "../api/sender.h"

struct app_detail;

/* A payment as it was sent, kept until it is answered: what the
 * outbox and the provisional receipt need. Strings owned. */
struct pay_sent {
	long long	 app_id;
	long long	 fen;
	char		*number;
	char		*service;
	char		*txcode;
	char		*resident;
	char		*id_masked;
	char		*basis;		/* may be NULL */
	char		*channel;
	char		*reference;	/* may be NULL */
	char		*reason;	/* may be NULL */
	char		*body;
	char		 key[33];
};

/* The fee of d about to be taken (replacing what ps held). */
void		pay_sent_of(struct pay_sent *, const struct app_detail *d,
		    const char *basis);
/* How it is paid, as sent: the request's body and key. */
void		pay_sent_what(struct pay_sent *, const char *channel,
		    const char *reference, const char *reason,
		    const char *body, const char *key);
void		pay_sent_clear(struct pay_sent *);
/* The payment into the outbox with its key and its provisional receipt
 * printed. The outbox id (> 0), or 0 when it could not be kept (said
 * to the clerk). */
long long	pay_offline_queue(const struct pay_sent *);
/* The payment of application app_id still in the outbox: its outbox
 * id (> 0) or 0; *refused 1 when the server refused it for good. */
long long	pay_offline_waiting(long long app_id, int *refused);
/* Y on an application whose payment waits in the outbox: said, its
 * provisional receipt offered again (ps: the application's, as
 * pay_sent_of made it); 1 when there is one, 0 to take the fee. */
int		pay_offline_take(struct pay_sent *);
/* The outbox told of item it: 1 when it is a payment and was said. */
int		pay_offline_event(enum sender_event, const struct outbox_item *,
		    const struct api_result *);

#endif
