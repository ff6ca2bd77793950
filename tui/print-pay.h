/* The receipts of money (printing/paper-pay.h) from what the server
 * said of a payment or a red-letter record (print-pay.c). */
#ifndef TUI_PRINT_PAY_H
#define TUI_PRINT_PAY_H

struct payment;
struct pdoc;

/* The 收款收据 of a payment, or the red-letter receipt (冲红) of a
 * refund or void; basis (may be NULL) is the fee's reason and source,
 * printed on a payment's receipt; reprint_no > 0 marks it 补打 (the
 * server's number of the reprint recorded). */
struct pdoc	*print_pay_receipt(const struct payment *, const char *basis,
		    int reprint_no);

#endif
