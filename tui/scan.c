/* Scan routing, in one place: a card reader's burst is told from
 * typing (scanner.c) before any screen sees a key of it. The screen on
 * top may take the ID number (a focused ID field, a screen for one
 * resident); a dialog asks to be closed first; anywhere else that
 * resident opens. A scan is never a menu digit, a list's filter, a
 * password or text added to a field. */
#include <time.h>

#include "scan.h"
#include "scanner.h"
#include "tui.h"
#include "../locale/i18n.h"

static struct scanner	sc;

static long long
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1000LL + ts.tv_nsec / 1000000);
}

static void
route(const char *id)
{
	struct screen		*s = app.top;
	struct lookup_open	 o = { .id = id };

	app_dirty();
	if (s == NULL || (s->ops->scan != NULL && s->ops->scan(s, id)))
		return;
	if (s->ops->overlay || app.session == NULL)
		app_message(MSG_ERROR, "%s", _("Finish or close this dialog "
		    "(Esc) first, then scan the card again."));
	else
		app_push(&screen_lookup, &o);	/* looks it up */
}

int
scan_key(int key, int *out)
{
	char	id[SCAN_LEN + 1];
	int	n;

	if ((n = scanner_feed(&sc, key, now_ms(), out, id)) < 0) {
		route(id);
		return (0);
	}
	return (n);
}

long
scan_timeout_ms(void)
{
	return (scanner_due(&sc, now_ms()));
}

int
scan_flush(int *out)
{
	return (scanner_expire(&sc, now_ms() + SCAN_GAP_MS + 1, out));
}

int
scan_tick(int *out)
{
	return (scanner_expire(&sc, now_ms(), out));
}
