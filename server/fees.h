/*
 * Fees by rule (docs/api.md 22): a service's fee_fen is its standard
 * amount, fee_basis the legal source of it, and fee_reliefs the
 * waivers (免收) and reductions (减收) the law gives, each on a
 * catalogue Condition with its own source. The amount a resident owes
 * is the lowest of the standard and the reliefs whose condition they
 * meet. An application keeps what it was told at intake; its `fee`
 * says whether that is paid (fees.c).
 */
#ifndef SERVER_FEES_H
#define SERVER_FEES_H

#include <cjson/cJSON.h>

struct cond_subject;
struct db;

/* A fee worked out for a resident. relief and basis point into the
 * Service the quote was made from. */
struct fee_quote {
	long long	 standard_fen;
	long long	 due_fen;
	const cJSON	*relief;	/* the FeeRelief applied, or NULL */
	const char	*basis;		/* its basis or the fee's, or NULL */
	char		 reason[256];	/* why this amount, for the clerk */
};

/* Evaluates the fee rule of service (a Service: fee_fen, fee_basis,
 * fee_reliefs) for the resident. */
void	 fee_evaluate(const cJSON *service, const struct cond_subject *,
	    struct fee_quote *);
/* Adds standard_fen, due_fen, relief, reason and basis to o. */
void	 fee_quote_add(cJSON *o, const struct fee_quote *);
/* The Application's `fee` (FeeState): the fee it was told at intake
 * and the payment in force, if any. NULL if there is no such
 * application. */
cJSON	*fee_state(struct db *, long long application_id);
/* The amount the application owes and has not paid (0 when it owes
 * nothing or has paid it), or -1 on error. */
long long fee_unpaid(struct db *, long long application_id);

/* Why a FeeRelief of a catalogue file is not one (docs/catalog.md), or
 * NULL when it is: a condition of min_age, max_age or tag, an amount
 * below fee_fen, a message and a basis. */
const char *fee_relief_invalid(const cJSON *relief, long long fee_fen);
/* The reliefs as stored and shown, each with its kind from its amount
 * (NULL or not an array: none). The caller frees the text. */
char	*fee_reliefs_text(const cJSON *reliefs);

#endif
