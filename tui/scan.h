/* Scan routing (scan.c): a card reader's burst is told from typing
 * before any screen sees a key of it. */
#ifndef TUI_SCAN_H
#define TUI_SCAN_H

#include "scanner.h"

/* Room for the keys a call gives back to the loop. */
#define SCAN_OUT	(SCAN_LEN + 1)

/* Every key passes here first (the loop's): an ID card reader's burst
 * is routed as a scan; the keys that go on to the screen are put in out
 * (SCAN_OUT at most) and counted. Keys held back while a burst may be
 * coming go on after scan_timeout_ms() (-1: none held) through
 * scan_tick(). */
int	scan_key(int key, int *out);
long	scan_timeout_ms(void);
int	scan_tick(int *out);
/* What is held back goes to the screen now (a hang-up, a quit). */
int	scan_flush(int *out);

#endif
