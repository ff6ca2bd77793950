/* libFuzzer: random key sequences into the line editor. Invariants: the
 * cursor stays on a character boundary inside the text, the length stays
 * within the limit, the text is valid UTF-8 without controls, and the
 * cursor's column fits the field. */
#include <locale.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../forms/lineedit.h"
#include "../../locale/text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const uint32_t	sample[] = {
	'a', '1', 'X', ' ', 0x5F20, 0x7EA2, 0x65D7, 0xB7, 0x4DB5, 0x20000,
	0x301, 0x1B, 0x202E, '\n', 0xFF21, 0x3000
};

static void
check(struct lineedit *le, int width)
{
	char	*t;
	size_t	 i;
	int	 col;

	if (le->cursor > le->len || (le->max_chars && le->len > le->max_chars))
		abort();
	for (i = 0; i < le->len; i++) {
		if (le->multiline && le->cp[i] == '\n')
			continue;
		if (le->cp[i] < 0x20 || utf8_is_unsafe(le->cp[i]))
			abort();
	}
	col = lineedit_view(le, width);
	if (col < 0 || (col > width - 1 && le->scroll != le->cursor) ||
	    le->scroll > le->cursor)
		abort();
	t = lineedit_text(le);
	if (!utf8_valid(t, strlen(t)) || utf8_chars(t) != le->len)
		abort();
	free(t);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	init;
	struct lineedit	le;
	size_t		i;
	int		width;

	if (!init) {
		setlocale(LC_ALL, "C.UTF-8");
		init = 1;
	}
	if (size < 2)
		return (0);
	lineedit_init(&le, data[0] % 40);
	le.multiline = data[0] & 0x80;
	width = 2 + data[1] % 30;
	for (i = 2; i < size; i++) {
		if (data[i] < 0x40)
			lineedit_op(&le, (enum lineedit_op)(data[i] % 10));
		else if (data[i] < 0x80)
			lineedit_insert(&le, data[i]);
		else
			lineedit_insert(&le, sample[data[i] % (sizeof sample /
			    sizeof *sample)]);
		check(&le, width);
	}
	lineedit_free(&le);
	return (0);
}
