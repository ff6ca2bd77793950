/* The receipts of money (paper-pay.c): a payment's 收款收据 and the
 * red-letter (冲红) receipt of its refund or void; the struct is
 * papers.h's. */
#ifndef PRINTING_PAPER_PAY_H
#define PRINTING_PAPER_PAY_H

#include "papers.h"

/* The receipt of p (its kind says which); the caller frees it. */
struct pdoc	*paper_payment(const struct paper_payment *);
/* An amount in fen as the capitals of 人民币大写 ("贰拾元整",
 * "壹佰零伍元伍角"). Caller frees. */
char		*paper_capital_yuan(long long fen);

#endif
