/* ID numbers (GB 11643) and masking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "../../forms/idnum.h"
#include "../../forms/phone.h"

/* 2026-11-29 12:00 local: a fixed "today" so the tests never age. */
static time_t
today(void)
{
	struct tm	tm = { .tm_year = 126, .tm_mon = 10, .tm_mday = 29,
			       .tm_hour = 12, .tm_isdst = -1 };

	return (mktime(&tm));
}

static void
demo_residents_are_valid(void **state)
{
	static const char	*ids[] = {
		"610202198503150021", "610202194007080046",
		"61020219671111005X", "610203200102200311"
	};
	struct idnum_info	 info;
	size_t			 i;

	(void)state;
	for (i = 0; i < 4; i++)
		assert_int_equal(idnum_check(ids[i], today(), &info),
		    IDNUM_OK);
	idnum_check(ids[0], today(), &info);
	assert_int_equal(info.year, 1985);
	assert_int_equal(info.month, 3);
	assert_int_equal(info.day, 15);
	assert_int_equal(info.sex, 'F');
	assert_int_equal(idnum_age(&info, today()), 41);
	idnum_check(ids[1], today(), &info);
	assert_int_equal(idnum_age(&info, today()), 86);
	idnum_check(ids[3], today(), &info);
	assert_int_equal(info.sex, 'M');
}

static void
check_character_x(void **state)
{
	struct idnum_info	info;

	(void)state;
	assert_int_equal(idnum_check_char("61020219671111005"), 'X');
	assert_int_equal(idnum_check("61020219671111005x", today(), &info),
	    IDNUM_OK);
	assert_string_equal(info.normalized, "61020219671111005X");
	assert_int_equal(info.sex, 'M');
}

static void
wrong_check_digit(void **state)
{
	(void)state;
	assert_int_equal(idnum_check("610202198503150022", today(), NULL),
	    IDNUM_CHECK_DIGIT);
	assert_int_equal(idnum_check("610202196711110050", today(), NULL),
	    IDNUM_CHECK_DIGIT);
	/* two digits swapped: the date or the check digit catches it */
	assert_int_equal(idnum_check("610202198503510021", today(), NULL),
	    IDNUM_BIRTH_DATE);
	assert_int_equal(idnum_check("610202198503150201", today(), NULL),
	    IDNUM_CHECK_DIGIT);
	assert_int_equal(idnum_check("610220198503150021", today(), NULL),
	    IDNUM_CHECK_DIGIT);
}

static void
bad_birth_dates(void **state)
{
	char	id[19];

	(void)state;
	/* 1999-02-30 does not exist */
	memcpy(id, "61020219990230001", 17);
	id[17] = idnum_check_char(id);
	id[18] = '\0';
	assert_int_equal(idnum_check(id, today(), NULL), IDNUM_BIRTH_DATE);
	/* 2000-02-29 does (leap year), 1900-02-29 does not */
	memcpy(id, "61020220000229001", 17);
	id[17] = idnum_check_char(id);
	assert_int_equal(idnum_check(id, today(), NULL), IDNUM_OK);
	memcpy(id, "61020219000229001", 17);
	id[17] = idnum_check_char(id);
	assert_int_equal(idnum_check(id, today(), NULL), IDNUM_BIRTH_DATE);
	/* tomorrow is in the future */
	memcpy(id, "61020220261130001", 17);
	id[17] = idnum_check_char(id);
	assert_int_equal(idnum_check(id, today(), NULL), IDNUM_FUTURE);
	memcpy(id, "61020220261129001", 17);
	id[17] = idnum_check_char(id);
	assert_int_equal(idnum_check(id, today(), NULL), IDNUM_OK);
}

static void
bad_shapes(void **state)
{
	(void)state;
	assert_int_equal(idnum_check("", today(), NULL), IDNUM_EMPTY);
	assert_int_equal(idnum_check("61020219850315002", today(), NULL),
	    IDNUM_LENGTH);
	assert_int_equal(idnum_check("6102021985031500211", today(), NULL),
	    IDNUM_LENGTH);
	assert_int_equal(idnum_check("61020219850315002A", today(), NULL),
	    IDNUM_CHARS);
	assert_int_equal(idnum_check("6102021985031X0021", today(), NULL),
	    IDNUM_CHARS);
	assert_int_equal(idnum_check("000202198503150021", today(), NULL),
	    IDNUM_REGION);
}

static void
legacy_and_permits(void **state)
{
	struct idnum_info	info;
	char			id[19];

	(void)state;
	assert_int_equal(idnum_check("610202850315002", today(), &info),
	    IDNUM_OK);
	assert_true(info.legacy);
	assert_int_equal(info.year, 1985);
	/* residence permit of a Hong Kong resident */
	memcpy(id, "81000019900101001", 17);
	id[17] = idnum_check_char(id);
	id[18] = '\0';
	assert_int_equal(idnum_check(id, today(), NULL), IDNUM_OK);
	memcpy(id, "81010119900101001", 17);
	id[17] = idnum_check_char(id);
	assert_int_equal(idnum_check(id, today(), NULL), IDNUM_REGION);
}

static void
masking_hides_the_birth_date(void **state)
{
	char	*m;

	(void)state;
	m = idnum_mask("610202198503150021");
	assert_string_equal(m, "610***********0021");
	assert_null(strstr(m, "1985"));
	free(m);
	m = idnum_mask("61020219671111005X");
	assert_string_equal(m, "610***********005X");
	free(m);
	m = phone_mask("13800000021");
	assert_string_equal(m, "138****0021");
	free(m);
	assert_true(phone_is_mobile("13912345678"));
	assert_false(phone_is_mobile("12912345678"));
	assert_false(phone_is_mobile("1391234567"));
	assert_true(idnum_shape("61020219671111005x"));
	assert_false(idnum_shape("张红旗"));
	assert_false(idnum_shape("13800000021"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(demo_residents_are_valid),
		cmocka_unit_test(check_character_x),
		cmocka_unit_test(wrong_check_digit),
		cmocka_unit_test(bad_birth_dates),
		cmocka_unit_test(bad_shapes),
		cmocka_unit_test(legacy_and_permits),
		cmocka_unit_test(masking_hides_the_birth_date),
	};

	return (cmocka_run_group_tests_name("idnum", tests, NULL, NULL));
}
