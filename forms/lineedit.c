/* Line editor operations on code points. */
#include <stdlib.h>
#include <string.h>

#include "lineedit.h"
#include "../locale/text.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

void
lineedit_init(struct lineedit *le, size_t max_chars)
{
	memset(le, 0, sizeof *le);
	le->max_chars = max_chars;
}

void
lineedit_free(struct lineedit *le)
{
	if (le->cp != NULL)
		explicit_bzero(le->cp, le->cap * sizeof *le->cp);
	free(le->cp);
	le->cp = NULL;
	le->len = le->cap = le->cursor = le->scroll = 0;
}

void
lineedit_clear(struct lineedit *le)
{
	if (le->cp != NULL)
		explicit_bzero(le->cp, le->cap * sizeof *le->cp);
	le->len = le->cursor = le->scroll = 0;
}

static void
grow(struct lineedit *le)
{
	if (le->len < le->cap)
		return;
	le->cap = le->cap < 16 ? 16 : le->cap * 2;
	le->cp = xreallocarray(le->cp, le->cap, sizeof *le->cp);
}

int
lineedit_insert(struct lineedit *le, uint32_t cp)
{
	/* a newline is the one control character a multiline field keeps */
	int	newline = cp == '\n' && le->multiline;

	if (!newline && (cp < 0x20 || utf8_is_unsafe(cp) || cp > 0x10FFFF ||
	    (le->filter != NULL && !le->filter(cp))))
		return (-1);
	if (le->overwrite && le->cursor < le->len) {
		le->cp[le->cursor++] = cp;
		return (0);
	}
	if (le->max_chars != 0 && le->len >= le->max_chars)
		return (-1);
	grow(le);
	memmove(le->cp + le->cursor + 1, le->cp + le->cursor,
	    (le->len - le->cursor) * sizeof *le->cp);
	le->cp[le->cursor++] = cp;
	le->len++;
	return (0);
}

void
lineedit_set(struct lineedit *le, const char *s)
{
	size_t		len = strlen(s), n;
	uint32_t	cp;
	int		save = le->overwrite;

	lineedit_clear(le);
	le->overwrite = 0;
	while ((n = utf8_decode(s, len, &cp)) != 0) {
		s += n;
		len -= n;
		lineedit_insert(le, cp);
	}
	le->overwrite = save;
}

/* Removes characters [from, to). */
static void
cut(struct lineedit *le, size_t from, size_t to)
{
	if (from == to)
		return;
	memmove(le->cp + from, le->cp + to, (le->len - to) * sizeof *le->cp);
	le->len -= to - from;
	le->cursor = from;
}

static int
is_space(uint32_t cp)
{
	return (cp == ' ' || cp == 0x3000);
}

void
lineedit_op(struct lineedit *le, enum lineedit_op op)
{
	size_t	i;

	switch (op) {
	case LE_LEFT:
		if (le->cursor > 0)
			le->cursor--;
		break;
	case LE_RIGHT:
		if (le->cursor < le->len)
			le->cursor++;
		break;
	case LE_HOME:
		le->cursor = 0;
		break;
	case LE_END:
		le->cursor = le->len;
		break;
	case LE_BACKSPACE:
		if (le->cursor > 0)
			cut(le, le->cursor - 1, le->cursor);
		break;
	case LE_DELETE:
		if (le->cursor < le->len)
			cut(le, le->cursor, le->cursor + 1);
		break;
	case LE_KILL_START:
		cut(le, 0, le->cursor);
		break;
	case LE_KILL_END:
		le->len = le->cursor;
		break;
	case LE_KILL_WORD:
		i = le->cursor;
		while (i > 0 && is_space(le->cp[i - 1]))
			i--;
		while (i > 0 && !is_space(le->cp[i - 1]))
			i--;
		cut(le, i, le->cursor);
		break;
	case LE_TOGGLE_OVERWRITE:
		le->overwrite = !le->overwrite;
		break;
	}
	if (le->scroll > le->cursor)
		le->scroll = le->cursor;
}

char *
lineedit_text(const struct lineedit *le)
{
	struct buf	b;
	char		enc[4];
	size_t		i;

	buf_init(&b);
	buf_add(&b, "", 0);
	for (i = 0; i < le->len; i++)
		buf_add(&b, enc, utf8_encode(le->cp[i], enc));
	return (buf_steal(&b));
}

static int
width_of(const struct lineedit *le, size_t i)
{
	return (le->secret ? 1 : text_cpwidth(le->cp[i]));
}

int
lineedit_cursor_col(const struct lineedit *le)
{
	size_t	i;
	int	col = 0;

	for (i = 0; i < le->cursor; i++)
		col += width_of(le, i);
	return (col);
}

int
lineedit_view(struct lineedit *le, int width)
{
	size_t	i;
	int	col, need;

	if (width < 2)
		width = 2;
	if (le->scroll > le->cursor)
		le->scroll = le->cursor;
	for (;;) {
		col = 0;
		for (i = le->scroll; i < le->cursor; i++)
			col += width_of(le, i);
		/* room for the character under the cursor (a combining mark
		 * too needs a column for the cursor), or one column */
		need = le->cursor < le->len ? width_of(le, le->cursor) : 1;
		if (need < 1)
			need = 1;
		if (col + need <= width || le->scroll == le->cursor)
			return (col);
		le->scroll++;
	}
}
