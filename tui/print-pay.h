/* The receipts of money (printing/paper-pay.h) from what the server
 * said of a payment or a red-letter record (print-pay.c). */
#ifndef TUI_PRINT_PAY_H
#define TUI_PRINT_PAY_H

struct payment;
struct pdoc;

/* The 收款收据 of a payment, or the red-letter receipt (冲红) of a
 * refund or void; basis (may be NULL) is the fee's reason and source,
 * printed on a payment's receipt. */
struct pdoc	*print_pay_receipt(const struct payment *, const char *basis);

#endif
