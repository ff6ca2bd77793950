/* The receipts of money, from the server's Payment. */
#include <string.h>

#include "print-cases.h"
#include "print-pay.h"
#include "../api/payments.h"
#include "../printing/paper-pay.h"

struct pdoc *
print_pay_receipt(const struct payment *p, const char *basis,
    int reprint_no)
{
	struct paper_payment	 r;

	memset(&r, 0, sizeof r);
	r.centre = p->centre;
	r.serial = p->serial;
	r.kind = p->kind;
	r.number = p->number;
	r.service = p->service;
	r.txcode = p->txcode;
	r.payer = p->resident;
	r.id_masked = p->id_masked;
	r.amount_fen = p->amount_fen;
	r.channel = p->channel;
	r.reference = p->reference;
	r.reason = p->reason;
	r.basis = basis;
	r.original = p->original;
	r.approved_by = p->approved_by;
	r.counter = p->counter;
	r.staff = p->staff;
	r.at = cases_instant(p->at);
	r.reprint_no = reprint_no;
	return (paper_payment(&r));
}
