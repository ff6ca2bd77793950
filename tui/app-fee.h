/*
 * An application's fee on its screen (docs/api.md 22, app-fee.c): what
 * it owes and why, Y to take the payment (cash, a scanned payment code
 * with its transaction reference, or waived with a reason) and print
 * its receipt (收款收据), U to ask for a refund or a void, or, for a
 * supervisor, to decide one and print the red-letter receipt (冲红).
 */
#ifndef TUI_APP_FEE_H
#define TUI_APP_FEE_H

#include "../api/payments.h"
#include "pay-offline.h"

struct app_detail;

/* The fee's part of an application's screen; lives in the screen's
 * data (owner), whose requests the kit cancels when it goes. */
struct app_pay {
	const void		*owner;
	int			 slot;		/* taking, asking, deciding */
	int			 list_slot;	/* the payments */
	long long		 id;		/* the application */
	long long		 due_fen;
	long long		 payment_id;	/* in force, asked about */
	char			*basis;		/* for the receipt */
	char			*kind;		/* refund or void, asked */
	struct payment_page	*list;		/* the application's */
	struct reversal_page	*pending;	/* to decide */
	long long		 reversal;	/* the one decided */
	long long		 reprint_of;	/* the receipt printed again */
	struct pay_sent		 sent;		/* the payment in flight */
	/* the payment of application ob_app waiting in the outbox, read
	 * again only after the outbox changed (app.ob_changes) */
	int			 ob_read;
	unsigned		 ob_changes;
	long long		 ob_app;
	long long		 ob_waiting;
	int			 ob_refused;
};

/* The application's payments and red-letter records, again. */
void	app_pay_load(struct app_pay *, long long application_id);
/* Y: the payment dialog when the fee is unpaid, else its receipt
 * printed if it was not yet (L prints it again). */
void	app_pay_take(struct app_pay *, const struct app_detail *);
/* L: a receipt of the application (a payment's or a red-letter
 * record's) printed again, its reason asked and recorded first, the
 * paper marked 补打（第N次）. */
void	app_pay_reprint(struct app_pay *, const struct app_detail *);
/* U: a refund or void asked for; a supervisor decides one asked. */
void	app_pay_reverse(struct app_pay *, const struct app_detail *);
/* A supervisor's decision of v, asked in a dialog (Approve first, or
 * Reject when reject); from the application or the list of those
 * waiting (W). */
void	app_pay_decide(struct app_pay *, const struct reversal *,
	    int reject);
/* The fee's lines from row y; returns the next row. */
int	app_pay_draw(struct app_pay *, const struct app_detail *,
	    int y, int cols);
/* A refusal of collect while the fee is unpaid, said; 1 if it was. */
int	app_pay_refusal(const struct api_result *,
	    const struct app_detail *);
void	app_pay_clear(struct app_pay *);
/* Before an application is taken: the fee the resident will owe for
 * the service and why, into *line (owner's, replaced; left alone for a
 * free service), in owner's request slot; fields as api_fee_quote()
 * takes them. */
void	app_fee_quote(const void *owner, int slot, long long service_id,
	    long long resident_id, const char *fields, char **line);

#endif
