/* Dates in Chinese and English, as the clock and the screens show them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "../../locale/date.h"

static struct tm
day(int y, int m, int d, int hh, int mm)
{
	struct tm	tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = hh;
	tm.tm_min = mm;
	return (tm);
}

static void
chinese(void **state)
{
	struct tm	tm = day(2026, 11, 29, 9, 5);
	char		buf[64];

	(void)state;
	assert_int_equal(date_format(buf, sizeof buf, &tm, "zh_CN"),
	    strlen("2026年11月29日"));
	assert_string_equal(buf, "2026年11月29日");
	tm = day(2027, 1, 3, 0, 0);
	date_format(buf, sizeof buf, &tm, "zh_CN");
	assert_string_equal(buf, "2027年1月3日");	/* no leading zeros */
	date_format_time(buf, sizeof buf, &tm, "zh_CN");
	assert_string_equal(buf, "2027年1月3日 00:00");
}

static void
english(void **state)
{
	struct tm	tm = day(2026, 11, 29, 23, 59);
	char		buf[64];

	(void)state;
	date_format(buf, sizeof buf, &tm, "en");
	assert_string_equal(buf, "2026-11-29");
	tm = day(2027, 1, 3, 7, 8);
	date_format_time(buf, sizeof buf, &tm, "en");
	assert_string_equal(buf, "2027-01-03 07:08");
	date_format(buf, sizeof buf, &tm, NULL);
	assert_string_equal(buf, "2027-01-03");
}

/* A buffer too small gives 0 and a terminated string, never a
 * half-written character's bytes counted as fitting. */
static void
too_small(void **state)
{
	struct tm	tm = day(2026, 11, 29, 9, 5);
	char		buf[12];

	(void)state;
	assert_int_equal(date_format(buf, sizeof buf, &tm, "zh_CN"), 0);
	assert_string_equal(buf, "");
	assert_int_equal(date_format_time(buf, sizeof buf, &tm, "en"), 0);
	assert_string_equal(buf, "");
	assert_int_equal(date_format(buf, 11, &tm, "en"), 10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(chinese),
		cmocka_unit_test(english),
		cmocka_unit_test(too_small),
	};

	return (cmocka_run_group_tests_name("locale-date", tests, NULL,
	    NULL));
}
