/* The refunds and voids waiting for a supervisor's decision
 * (screen-reversals.c). */
#ifndef TUI_SCREEN_REVERSALS_H
#define TUI_SCREEN_REVERSALS_H

extern const struct screen_ops screen_reversals;

#endif
