/* The counter's cash drawers, opened, closed and signed off
 * (screen-cash.c). */
#ifndef TUI_SCREEN_CASH_H
#define TUI_SCREEN_CASH_H

extern const struct screen_ops screen_cash;

#endif
