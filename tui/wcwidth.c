/*
 * ncursesw measures each character with wcwidth() as it places it. This
 * definition takes the place of the C library's in the client, so that
 * curses, the layout and the line editor share the one width function
 * of locale/text.c, and the ambiguous-width setting moves curses'
 * cursor exactly as far as the terminal moves its own.
 */
#include <wchar.h>

#include "../locale/text.h"

int
wcwidth(wchar_t wc)
{
	if (wc < 0)
		return (-1);
	return (text_wcwidth((uint32_t)wc));
}
