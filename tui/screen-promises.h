/* The supervisor's later checks (事后核查) of promises made in place of
 * proofs (告知承诺): screen-promises.c. */
#ifndef TUI_SCREEN_PROMISES_H
#define TUI_SCREEN_PROMISES_H

extern const struct screen_ops screen_promises;

#endif
