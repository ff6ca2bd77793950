/* Scan anywhere: on a screen where nothing is being typed, an ID card
 * reader's burst (18 characters and Enter) opens that resident. */
#include <string.h>
#include <time.h>

#include "keys.h"
#include "tui.h"
#include "../forms/idnum.h"

#define SCAN_GAP_MS	300	/* a reader types far faster than this */

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

static int
id_char(int key)
{
	return ((key >= '0' && key <= '9') || key == 'X' || key == 'x');
}

int
scan_key(int key)
{
	struct screen	*s = app.top;
	long long	 t = now_ms();
	char		 id[20];

	if (s == NULL || s->ops->editing || app.session == NULL) {
		nscanned = 0;
		return (0);
	}
	if (t - last_ms > SCAN_GAP_MS)
		nscanned = 0;
	last_ms = t;
	if (id_char(key) && nscanned < sizeof scanned - 1) {
		scanned[nscanned++] = (char)key;
		return (1);
	}
	if (key != TK_ENTER || nscanned == 0) {
		nscanned = 0;
		return (0);
	}
	memcpy(id, scanned, nscanned);
	id[nscanned] = '\0';
	nscanned = 0;
	if (!idnum_shape(id))
		return (0);
	app_push(&screen_lookup, id);	/* looks it up at once */
	return (1);
}
