/* Scan anywhere: on a screen where nothing is being typed, an ID card
 * reader's burst (18 characters and Enter) opens that resident. Digits
 * are held back while a burst may be coming; when none comes (a pause,
 * another key, an Enter after too few), they reach the screen as typed,
 * so digits still work as a screen's keys. */
#include <string.h>
#include <time.h>

#include "keys.h"
#include "tui.h"
#include "../forms/idnum.h"

#define SCAN_GAP_MS	150	/* a reader types far faster than this */

static char		scanned[20];
static size_t		nscanned;
static long long	last_ms;

static long long
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1000LL + ts.tv_nsec / 1000000);
}

/* The n-th character of an ID number: digits, and X only as the check
 * character, so a lone X (a letter key of a screen) is never taken. */
static int
id_char(int key, size_t n)
{
	if (key >= '0' && key <= '9')
		return (1);
	return (n == 17 && (key == 'X' || key == 'x'));
}

/* What was held back goes to the screen, as typed. */
static void
give_back(void)
{
	char	keys[20];
	size_t	i, n = nscanned;

	memcpy(keys, scanned, n);
	nscanned = 0;
	for (i = 0; i < n; i++)
		loop_deliver((unsigned char)keys[i]);
}

int
scan_key(int key)
{
	struct screen	*s = app.top;
	long long	 t = now_ms();
	char		 id[20];

	if (s == NULL || s->ops->editing || app.session == NULL) {
		give_back();
		return (0);
	}
	if (t - last_ms > SCAN_GAP_MS)
		give_back();
	last_ms = t;
	if (id_char(key, nscanned) && nscanned < sizeof scanned - 1) {
		scanned[nscanned++] = (char)key;
		return (1);
	}
	memcpy(id, scanned, nscanned);
	id[nscanned] = '\0';
	if (key != TK_ENTER || !idnum_shape(id)) {
		give_back();
		return (0);
	}
	nscanned = 0;
	app_push(&screen_lookup, id);	/* looks it up at once */
	return (1);
}

long
scan_timeout_ms(void)
{
	long long	left;

	if (nscanned == 0)
		return (-1);
	left = last_ms + SCAN_GAP_MS + 1 - now_ms();
	return (left > 0 ? (long)left : 0);
}

void
scan_tick(void)
{
	if (nscanned > 0 && now_ms() - last_ms > SCAN_GAP_MS)
		give_back();
}
