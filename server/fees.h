/*
 * Fees by rule (docs/api.md 22): a service's fee_fen is its standard
 * amount, fee_basis the legal source of it, and fee_reliefs the
 * waivers (免收) and reductions (减收) the law gives, each on a
 * catalogue Condition with its own source. The amount a resident owes
 * is the lowest of the standard and the reliefs whose condition they
 * meet. fee_cases make the fee follow a field of the form: the first
 * case whose field has its value gives the standard amount and its
 * basis, and says whether the reliefs apply to it at all (1006: 损坏换领
 * 40 元 and never waived). An application keeps what it was told at
 * intake; its `fee` says whether that is paid (fees.c).
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
	const char	*missing;	/* a field the cases need, not given */
};

/* Evaluates the fee rule of service (a Service: fee_fen, fee_basis,
 * fee_reliefs, fee_cases) for the resident and the form's data (an
 * object of the fields' values, or NULL). A field a case reads and data
 * lacks is named in missing; the quote is then the service's own. */
void	 fee_evaluate(const cJSON *service, const cJSON *data,
	    const struct cond_subject *, struct fee_quote *);
/* Adds standard_fen, due_fen, relief, reason and basis to o. */
void	 fee_quote_add(cJSON *o, const struct fee_quote *);
/* The Application's `fee` (FeeState): the fee it was told at intake
 * and the payment in force, if any, from the FEE_STATE_COLS of a row
 * from col on, the application as a, FEE_STATE_JOIN joined. */
#define FEE_STATE_COLS "a.fee_fen, coalesce(a.fee_standard_fen, " \
	"a.fee_fen), a.fee_reason, a.fee_basis, p.id, p.serial, " \
	"p.channel, p.amount_fen, p.at"
#define FEE_STATE_JOIN " LEFT JOIN payments p ON p.id = a.payment_id"
cJSON	*fee_state(struct db_stmt *, int col);
/* The amount the application owes and has not paid (0 when it owes
 * nothing or has paid it), or -1 on error. */
long long fee_unpaid(struct db *, long long application_id);

/* Why a FeeRelief of a catalogue file is not one (docs/catalog.md), or
 * NULL when it is: a condition of min_age, max_age or tag, an amount
 * below fee_fen, a message and a basis. */
const char *fee_relief_invalid(const cJSON *relief, long long fee_fen);
/* Why a FeeCase of a catalogue file is not one, or NULL when it is: a
 * field of the service's form, a value, fee_fen, reliefs true or false,
 * a message and a basis. */
const char *fee_case_invalid(const cJSON *fcase, const cJSON *form);
/* The cases as stored and shown (NULL or not an array: none). The
 * caller frees the text. */
char	*fee_cases_text(const cJSON *cases);
/* The reliefs as stored and shown, each with its kind from its amount
 * (NULL or not an array: none). The caller frees the text. */
char	*fee_reliefs_text(const cJSON *reliefs);

#endif
