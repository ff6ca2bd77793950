/* The money lines of the day-end sheet (日结单, paper-money.c); the
 * struct is papers.h's. */
#ifndef PRINTING_PAPER_MONEY_H
#define PRINTING_PAPER_MONEY_H

#include "papers.h"

/* Appends the day's money to d: by channel, refunds, voids, waivers
 * and reliefs, each counter's drawer expected against counted with the
 * reason of an over or short, and the cashiers' signatures. */
void	paper_money_lines(struct pdoc *d, const struct paper_money *);

#endif
