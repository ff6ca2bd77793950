/* Lines and boxes that draw on every terminal in its default settings. */
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "borders.h"
#include "../locale/text.h"

static enum borders	chosen = BORDERS_ACS;

int
borders_parse(const char *s, enum borders *b)
{
	static const char	*names[] = { "auto", "unicode", "acs", "ascii" };
	size_t			 i;

	for (i = 0; i < sizeof names / sizeof *names; i++) {
		if (strcmp(s, names[i]) == 0) {
			*b = (enum borders)i;
			return (0);
		}
	}
	return (-1);
}

/* Box characters are East Asian Ambiguous: where the width policy makes
 * them two columns they would break every box, so ASCII instead. In GB
 * locales they would be two columns, and curses only maps ACS to
 * Unicode in UTF-8: there "unicode" means what "auto" does. */
enum borders
borders_choose(enum borders want, int utf8, int box_width)
{
	if (want == BORDERS_ACS || want == BORDERS_ASCII)
		return (want);
	if (!utf8)
		return (BORDERS_ACS);	/* curses falls back to ASCII itself */
	return (box_width == 1 ? BORDERS_UNICODE : BORDERS_ASCII);
}

void
borders_prepare(enum borders want)
{
	int	utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;

	chosen = borders_choose(want, utf8, text_cpwidth(0x2500));
	/* ncurses draws ACS as Unicode box characters when this is 1, and
	 * through the terminal's line-drawing switch when it is 0, whatever
	 * it would guess from TERM */
	if (utf8)
		setenv("NCURSES_NO_UTF8_ACS", chosen == BORDERS_ACS ? "0" :
		    "1", 1);
}

void
borders_apply(void)
{
	static const char	*corners = "lkmjntuvw";
	const char		*c;

	if (chosen != BORDERS_ASCII)
		return;
	for (c = corners; *c != '\0'; c++)
		acs_map[(unsigned char)*c] = '+';
	acs_map['q'] = '-';
	acs_map['x'] = '|';
}
