/* The width policy and what reaches the terminal, in each locale a
 * counter PC has: UTF-8, GB18030 and GBK. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../locale/text.h"

/* Switches to the locale, or skips the test when it is not generated
 * (make deps generates it). */
static void
use(const char *name)
{
	text_set_ambiguous(TEXT_AMBIGUOUS_AUTO);
	if (setlocale(LC_ALL, name) == NULL)
		skip();
}

/* glibc's tables disagree between charsets; the policy decides. */
static void
ambiguous_policy(void **state)
{
	(void)state;
	use("zh_CN.GB18030");
	assert_int_equal(text_width("买买提·艾力"), 12);
	assert_int_equal(text_cpwidth(0x2014), 2);	/* em dash */
	text_set_ambiguous(TEXT_AMBIGUOUS_NARROW);
	assert_int_equal(text_width("买买提·艾力"), 11);
	assert_int_equal(text_wcwidth(0x2026), 1);	/* ellipsis */
	use("zh_CN.UTF-8");
	assert_int_equal(text_width("买买提·艾力"), 11);
	text_set_ambiguous(TEXT_AMBIGUOUS_WIDE);
	assert_int_equal(text_width("买买提·艾力"), 12);
	assert_int_equal(text_wcwidth(0x2460), 2);	/* circled 1 */
	/* not ambiguous: the policy leaves them alone */
	assert_int_equal(text_wcwidth('A'), 1);
	assert_int_equal(text_wcwidth(0x5F20), 2);
	text_set_ambiguous(TEXT_AMBIGUOUS_AUTO);
}

/* Ideographs are two columns even where the locale's table has no
 * entry for them. */
static void
overrides(void **state)
{
	(void)state;
	use("C.UTF-8");
	assert_int_equal(text_wcwidth(0x20000), 2);	/* extension B */
	assert_int_equal(text_wcwidth(0x9FFF), 2);	/* end of the block */
	assert_int_equal(text_wcwidth(0x31350), 2);	/* extension H */
	assert_int_equal(text_wcwidth(0x1B), -1);	/* still a control */
}

static void
parse_setting(void **state)
{
	enum text_ambiguous	p = TEXT_AMBIGUOUS_AUTO;

	(void)state;
	assert_int_equal(text_parse_ambiguous("2", &p), 0);
	assert_int_equal(p, TEXT_AMBIGUOUS_WIDE);
	assert_int_equal(text_parse_ambiguous("1", &p), 0);
	assert_int_equal(p, TEXT_AMBIGUOUS_NARROW);
	assert_int_equal(text_parse_ambiguous("auto", &p), 0);
	assert_int_equal(p, TEXT_AMBIGUOUS_AUTO);
	assert_int_equal(text_parse_ambiguous("wide", &p), -1);
	assert_int_equal(text_parse_ambiguous("", &p), -1);
}

/* In GBK, a character outside it (and U+FFFD itself) reaches curses
 * as a one-column '?'; in UTF-8 and GB18030 it is drawn as it is. */
static void
unshowable(void **state)
{
	(void)state;
	use("zh_CN.GBK");
	assert_int_equal(text_terminal_cp(0x20000), TEXT_UNSHOWABLE);
	assert_int_equal(text_cpwidth(0x20000), 1);
	assert_int_equal(text_terminal_cp(0xFFFD), TEXT_UNSHOWABLE);
	assert_int_equal(text_terminal_cp(0x1B), TEXT_UNSHOWABLE);
	assert_int_equal(text_terminal_cp(0x9555), 0x9555);	/* 镕 */
	assert_int_equal(text_terminal_cp(0x00B7), 0x00B7);	/* · */
	assert_int_equal(text_width("张\xF0\xA0\x80\x80"), 3);
	use("zh_CN.GB18030");
	assert_int_equal(text_terminal_cp(0x20000), 0x20000);
	assert_int_equal(text_cpwidth(0x20000), 2);
	assert_int_equal(text_terminal_cp(0xFFFD), 0xFFFD);
	use("zh_CN.UTF-8");
	assert_int_equal(text_terminal_cp(0x1B), 0xFFFD);
	assert_int_equal(text_terminal_cp('\t'), ' ');
	assert_int_equal(text_terminal_cp(0x20000), 0x20000);
}

/* A line break drawn where one line is all there is: one ASCII column
 * in every locale and every ambiguous-width setting, never U+FFFD nor
 * a blank that hides it. */
static void
line_break_mark(void **state)
{
	static const char *const locales[] = {
		"zh_CN.UTF-8", "zh_CN.GB18030", "zh_CN.GBK"
	};
	static const enum text_ambiguous policies[] = {
		TEXT_AMBIGUOUS_AUTO, TEXT_AMBIGUOUS_NARROW, TEXT_AMBIGUOUS_WIDE
	};
	size_t	i, j;

	(void)state;
	assert_true(TEXT_LINE_MARK > ' ' && TEXT_LINE_MARK < 0x7f);
	for (i = 0; i < sizeof locales / sizeof *locales; i++) {
		use(locales[i]);
		for (j = 0; j < sizeof policies / sizeof *policies; j++) {
			text_set_ambiguous(policies[j]);
			assert_int_equal(text_terminal_cp('\n'), TEXT_LINE_MARK);
			assert_int_equal(text_cpwidth('\n'), 1);
			assert_int_equal(text_width("第一行\n第二行"), 13);
		}
	}
	text_set_ambiguous(TEXT_AMBIGUOUS_AUTO);
	use("zh_CN.UTF-8");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ambiguous_policy),
		cmocka_unit_test(line_break_mark),
		cmocka_unit_test(overrides),
		cmocka_unit_test(parse_setting),
		cmocka_unit_test(unshowable),
	};

	return (cmocka_run_group_tests_name("locale-width", tests, NULL,
	    NULL));
}
