/*
 * Fees and payments (docs/api.md 22): the fee an application owes and
 * whether it is paid, the payments taken against it with the serials of
 * their receipts, and the refunds and voids a clerk asks for and a
 * supervisor decides, approved ones written as red-letter (冲红)
 * records. Money is integer fen. Every string was sanitized when it was
 * parsed; a member of the wrong type refuses the whole reply.
 */
#ifndef API_PAYMENTS_H
#define API_PAYMENTS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "client.h"
#include "page.h"

/* An application's fee (FeeState): what it owes, why, and whether it is
 * paid. status "" when the server sent no fee. */
struct app_fee {
	long long	 standard_fen;
	long long	 due_fen;
	char		*reason;
	char		*basis;		/* "" when none */
	char		*status;	/* free, unpaid, paid, waived */
	long long	 payment_id;	/* the payment in force; 0 */
	char		*serial;	/* its receipt's; "" */
	char		*channel;	/* cash, code, waived; "" */
};

/* What a resident owes for a service, and why (FeeQuote). */
struct fee_quote {
	long long	 standard_fen;
	long long	 due_fen;
	char		*reason;
	char		*basis;		/* "" when none */
};

/* A payment or a red-letter record (Payment). */
struct payment {
	long long	 id;
	char		*serial;
	char		*kind;		/* payment, refund, void */
	char		*status;	/* in_force, reversal_pending,
					   refunded, voided, red_letter */
	long long	 application_id;
	char		*number;	/* the application's */
	char		*service;
	char		*txcode;
	char		*resident;
	char		*id_masked;
	char		*centre;
	char		*channel;	/* cash, code, waived */
	long long	 amount_fen;
	char		*reference;	/* "" when none */
	char		*reason;	/* "" when none */
	char		*counter;
	char		*staff;
	char		*at;		/* RFC 3339, UTC */
	char		*date;		/* YYYY-MM-DD, local */
	char		*original;	/* a red-letter record's: the serial
					   it reverses; "" */
	char		*reversed_by;	/* a payment's red-letter serial; "" */
	char		*approved_by;	/* "" */
	int		 reprints;	/* its receipt printed again */
};

/* A receipt printed again (补打), recorded (PaymentReprint). */
struct pay_reprint {
	long long	 id;
	long long	 payment_id;
	int		 reprint_no;	/* 补打（第N次） */
	char		*reason;
};

struct payment_page {
	struct page_info	 pg;
	struct payment		*items;
	size_t			 n;
};

/* A refund or void asked for (PaymentReversal). */
struct reversal {
	long long	 id;
	char		*kind;		/* refund, void */
	char		*reason;
	char		*status;	/* pending, approved, rejected */
	char		*requested_by;
	long long	 requested_by_id;
	char		*requested_at;
	char		*decided_by;	/* "" */
	char		*note;		/* "" */
	struct payment	 payment;
	struct payment	*record;	/* the red-letter record; NULL */
};

struct reversal_page {
	struct page_info	 pg;
	struct reversal		*items;
	size_t			 n;
};

/* The Application's fee member into f (all "" and 0 when absent). */
int	app_fee_parse(const cJSON *fee, struct app_fee *f, const char **);
void	app_fee_clear(struct app_fee *);

int	model_fee_quote_parse(const cJSON *, struct fee_quote *,
	    const char **);
void	model_fee_quote_free(void *);
int	model_payment_parse(const cJSON *, struct payment *, const char **);
void	model_payment_free(void *);
int	model_payment_page_parse(const cJSON *, struct payment_page *,
	    const char **);
void	model_payment_page_free(void *);
int	model_pay_reprint_parse(const cJSON *, struct pay_reprint *,
	    const char **);
void	model_pay_reprint_free(void *);
int	model_reversal_parse(const cJSON *, struct reversal *,
	    const char **);
void	model_reversal_free(void *);
int	model_reversal_page_parse(const cJSON *, struct reversal_page *,
	    const char **);
void	model_reversal_page_free(void *);

/* What a payment is: channel "cash", "code" (reference, the scanned
 * transaction reference) or "waived" (reason); amount_fen is the fee
 * owed, exactly. */
struct payment_new {
	const char	*channel;
	long long	 amount_fen;
	const char	*reference;
	const char	*reason;
};

/* The fee the resident will owe for the service, asked before the
 * application is taken; fields (NULL: none) are the form's values its
 * fee cases read, "&name=value" each, escaped. model: struct fee_quote. */
struct api_call	*api_fee_quote(struct api *, long long service_id,
		    long long resident_id, const char *fields, api_cb,
		    void *);
/* The request body of a payment. Caller frees. */
char		*api_payment_body(const struct payment_new *);
/* Pays application id's fee; key is the Idempotency-Key, the same for
 * every retry. model: struct payment. */
struct api_call	*api_payment_create(struct api *, long long application_id,
		    const struct payment_new *, const char *key, api_cb,
		    void *);
/* The application's payments and red-letter records, oldest first.
 * model: struct payment_page. */
struct api_call	*api_payments_of(struct api *, long long application_id,
		    api_cb, void *);
/* model: struct payment. */
struct api_call	*api_payment_get(struct api *, long long id, api_cb,
		    void *);
/* Records a reprint of the receipt of payment or red-letter record
 * id, with the reason, before it is printed again. model: struct
 * pay_reprint. */
struct api_call	*api_payment_reprint(struct api *, long long id,
		    const char *reason, const char *key, api_cb, void *);
/* Asks for a refund or a void (kind) with the reason. model: struct
 * reversal. */
struct api_call	*api_reversal_ask(struct api *, long long payment_id,
		    const char *kind, const char *reason, const char *key,
		    api_cb, void *);
/* The reversals waiting for a decision, oldest first, 100 a page.
 * model: struct reversal_page. */
struct api_call	*api_reversals_pending(struct api *, api_cb, void *);
/* The supervisor's decision; note may be NULL. model: struct
 * reversal. */
struct api_call	*api_reversal_decide(struct api *, long long id,
		    int approve, const char *note, const char *key, api_cb,
		    void *);

#endif
