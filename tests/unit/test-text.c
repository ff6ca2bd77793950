/* UTF-8, display width, truncation and sanitizing. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../locale/text.h"

static int
setup(void **state)
{
	(void)state;
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return (-1);
	text_set_ambiguous(TEXT_AMBIGUOUS_AUTO);
	return (0);
}

static void
decode(void **state)
{
	uint32_t	cp;

	(void)state;
	assert_int_equal(utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(utf8_decode("张", 3, &cp), 3);
	assert_int_equal(cp, 0x5F20);
	assert_int_equal(utf8_decode("\xF0\xA0\x80\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x20000);	/* CJK extension B */
	/* truncated, overlong, surrogate, stray continuation */
	assert_int_equal(utf8_decode("\xE5\xBC", 2, &cp), 1);
	assert_int_equal(cp, TEXT_REPLACEMENT);
	assert_int_equal(utf8_decode("\xC0\xAF", 2, &cp), 1);
	assert_int_equal(cp, TEXT_REPLACEMENT);
	assert_int_equal(utf8_decode("\xED\xA0\x80", 3, &cp), 1);
	assert_int_equal(cp, TEXT_REPLACEMENT);
	assert_int_equal(utf8_decode("\x80", 1, &cp), 1);
	assert_int_equal(cp, TEXT_REPLACEMENT);
	assert_true(utf8_valid("张红旗", strlen("张红旗")));
	assert_false(utf8_valid("\xE5\xBC", 2));
	assert_int_equal(utf8_chars("买买提·艾力"), 6);
}

static void
encode_round_trip(void **state)
{
	const uint32_t	cps[] = { 'x', 0xB7, 0x5F20, 0x4DB5, 0x2A6D6 };
	char		buf[4];
	uint32_t	back;
	size_t		i, n;

	(void)state;
	for (i = 0; i < sizeof cps / sizeof *cps; i++) {
		n = utf8_encode(cps[i], buf);
		assert_int_equal(utf8_decode(buf, n, &back), n);
		assert_int_equal(back, cps[i]);
	}
}

static void
widths(void **state)
{
	(void)state;
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("张红旗"), 6);
	assert_int_equal(text_width("张a红"), 5);
	assert_int_equal(text_cpwidth(0x301), 0);	/* combining acute */
	assert_int_equal(text_width(""), 0);
	/* ambiguous characters follow the policy */
	text_set_ambiguous(TEXT_AMBIGUOUS_WIDE);
	assert_int_equal(text_width("买买提·艾力"), 12);
	assert_int_equal(text_cpwidth(0x2014), 2);	/* em dash */
	text_set_ambiguous(TEXT_AMBIGUOUS_NARROW);
	assert_int_equal(text_width("买买提·艾力"), 11);
	assert_int_equal(text_cpwidth(0x2460), 1);	/* circled 1 */
	text_set_ambiguous(TEXT_AMBIGUOUS_AUTO);
	assert_int_equal(text_cpwidth('A'), 1);
}

static void
truncation_never_splits(void **state)
{
	char	*t;
	int	 used;

	(void)state;
	t = text_truncate("张红旗", 5);
	assert_string_equal(t, "张红");
	free(t);
	t = text_truncate("张红旗", 1);
	assert_string_equal(t, "");
	free(t);
	t = text_truncate("ab张红", 3);
	assert_string_equal(t, "ab");
	free(t);
	t = text_truncate("ab张红", 4);
	assert_string_equal(t, "ab张");
	free(t);
	assert_int_equal(text_fit("陕西省铜川市", 7, &used), 9);
	assert_int_equal(used, 6);
	t = text_truncate("abc", 0);
	assert_string_equal(t, "");
	free(t);
}

static void
sanitize_controls(void **state)
{
	char	*s;

	(void)state;
	s = utf8_sanitize("a\x1b]0;PWNED\x07z", 0);
	assert_null(strchr(s, 0x1b));
	assert_null(strchr(s, 0x07));
	assert_string_equal(s, "a\xEF\xBF\xBD]0;PWNED\xEF\xBF\xBDz");
	free(s);
	s = utf8_sanitize("\xC2\x9B" "2J", 0);		/* C1 CSI */
	assert_string_equal(s, "\xEF\xBF\xBD" "2J");
	free(s);
	s = utf8_sanitize("abc\xE2\x80\xAE" "def", 0);	/* U+202E */
	assert_string_equal(s, "abc\xEF\xBF\xBD" "def");
	free(s);
	s = utf8_sanitize("line\rover", 0);
	assert_string_equal(s, "line\xEF\xBF\xBDover");
	free(s);
	s = utf8_sanitize("bad\xFFutf8", 0);
	assert_string_equal(s, "bad\xEF\xBF\xBDutf8");
	free(s);
	s = utf8_sanitize("a\tb\nc", 1);
	assert_string_equal(s, "a b\nc");
	free(s);
	s = utf8_sanitize("a\nc", 0);
	assert_string_equal(s, "a\xEF\xBF\xBD" "c");
	free(s);
	s = utf8_sanitize("买买提·艾力", 0);
	assert_string_equal(s, "买买提·艾力");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decode),
		cmocka_unit_test(encode_round_trip),
		cmocka_unit_test(widths),
		cmocka_unit_test(truncation_never_splits),
		cmocka_unit_test(sanitize_controls),
	};

	return (cmocka_run_group_tests_name("text", tests, setup, NULL));
}
