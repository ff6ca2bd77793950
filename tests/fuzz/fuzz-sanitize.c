/* libFuzzer: the display sanitizer and truncation. Whatever comes in,
 * what goes to the terminal is valid UTF-8 with no control, escape,
 * C1 or format character, and a truncation never exceeds its width nor
 * splits a character. */
#include <locale.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../locale/text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 init;
	char		*in, *out, *cut;
	const char	*p;
	size_t		 len, n;
	uint32_t	 cp;
	int		 cols, keep;

	if (!init) {
		setlocale(LC_ALL, "C.UTF-8");
		init = 1;
	}
	if (size < 2)
		return (0);
	cols = data[0] % 40;
	keep = data[1] & 1;
	in = malloc(size - 1);
	memcpy(in, data + 2, size - 2);
	in[size - 2] = '\0';
	out = utf8_sanitize(in, keep);
	len = strlen(out);
	if (!utf8_valid(out, len))
		abort();
	for (p = out; (n = utf8_decode(p, len, &cp)) != 0; p += n, len -= n) {
		if (cp == '\n' && keep)
			continue;
		if (utf8_is_unsafe(cp) || cp == 0x7f)
			abort();
	}
	cut = text_truncate(out, cols);
	if (text_width(cut) > cols || strncmp(cut, out, strlen(cut)) != 0 ||
	    !utf8_valid(cut, strlen(cut)))
		abort();
	free(cut);
	free(out);
	free(in);
	return (0);
}
