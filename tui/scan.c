/* Scan routing, in one place: a card reader's burst is told from
 * typing (scanner.c) before any screen sees a key of it. The screen on
 * top may take the ID number (a focused ID field, a screen for one
 * resident); a dialog asks to be closed first; anywhere else that
 * resident opens. A scan is never a menu digit, a list's filter, a
 * password or text added to a field.
 *
 * Digits typed by hand would wait SCAN_GAP_MS each for that. Where a
 * digit is only text added to a field the screen names (its typing
 * op), it is shown at once: the field is marked before the first digit
 * that may begin a burst, and put back as it was if the burst is a
 * card's. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scan.h"
#include "scanner.h"
#include "tui.h"
#include "../forms/lineedit.h"
#include "../locale/i18n.h"

static struct scanner	sc;

/* The field as it was before the digits shown of a possible burst. */
static struct {
	struct screen	*s;
	struct lineedit	*le;
	char		*text;
	size_t		 cursor, scroll;
} mark;

static long long
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1000LL + ts.tv_nsec / 1000000);
}

/* The field a digit typed now goes into as text, if the screen on top
 * has one that is not a password's. */
static struct lineedit *
typing(void)
{
	struct screen	*s = app.top;
	struct lineedit	*le;

	if (s == NULL || s->ops->typing == NULL ||
	    (le = s->ops->typing(s)) == NULL || le->secret)
		return (NULL);
	return (le);
}

/* What a field held is the clerk's: wiped, not only freed. */
static void
drop_mark(void)
{
	if (mark.text != NULL)
		explicit_bzero(mark.text, strlen(mark.text));
	free(mark.text);
	mark.text = NULL;
}

static void
set_mark(struct lineedit *le)
{
	drop_mark();
	mark.s = app.top;
	mark.le = le;
	mark.text = lineedit_text(le);
	mark.cursor = le->cursor;
	mark.scroll = le->scroll;
}

/* The digits shown were a card's: the field gets back what it had,
 * unless the clerk is somewhere else by now. */
static void
take_back(void)
{
	struct lineedit	*le;

	if (mark.text == NULL || mark.s != app.top || (le = typing()) == NULL ||
	    le != mark.le)
		return;
	lineedit_set(le, mark.text);
	le->cursor = mark.cursor < le->len ? mark.cursor : le->len;
	le->scroll = mark.scroll;
	drop_mark();
	app_dirty();
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
	struct lineedit	*le = typing();
	char		 id[SCAN_LEN + 1];
	int		 n, shown = sc.shown;

	if ((n = scanner_feed(&sc, key, le != NULL, now_ms(), out, id)) < 0) {
		if (shown > 0)
			take_back();
		route(id);
		return (0);
	}
	if (sc.n == 1 && sc.shown == 1)
		set_mark(le);	/* before the screen has the first */
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
