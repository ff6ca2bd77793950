/* iconv at the edges: GB18030 and GBK round trips of the demo district's
 * people and places, characters a charset lacks, and bad input reported
 * with its byte offset. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../locale/conv.h"
#include "../../server/db.h"
#include "../../server/db-open.h"
#include "../../server/seed.h"

/* One string there and back through charset; returns 0 when it came
 * back byte for byte. */
static int
round_trip(const char *charset, const char *s)
{
	char	*enc, *back, *cause = NULL;
	size_t	 n, m;
	int	 same;

	enc = conv_from_utf8(charset, s, strlen(s), NULL, &n, NULL, &cause);
	if (enc == NULL) {
		print_error("%s: %s: %s\n", charset, s, cause);
		free(cause);
		return (-1);
	}
	back = conv_to_utf8(charset, enc, n, &m, NULL, &cause);
	assert_non_null(back);
	same = m == strlen(s) && memcmp(back, s, m) == 0;
	free(enc);
	free(back);
	return (same ? 0 : -1);
}

/* Every name and address in the seeded demo district (2,000 residents,
 * as the end-to-end tests use) survives GB18030 and GBK. */
static void
demo_residents_round_trip(void **state)
{
	struct db	*db;
	struct db_stmt	*st;
	char		*cause = NULL;
	const char	*name, *addr;
	size_t		 rows = 0;

	(void)state;
	if ((db = db_open("sqlite::memory:", &cause)) == NULL)
		fail_msg("db_open: %s", cause);
	if (seed_demo(db, 2000, 1, &cause) != 0)
		fail_msg("seed_demo: %s", cause);
	st = db_stmt(db, "SELECT name, address FROM residents");
	while (db_step(st) == 1) {
		name = db_text(st, 0);
		addr = db_text(st, 1);
		assert_int_equal(round_trip("GB18030", name), 0);
		assert_int_equal(round_trip("GB18030", addr), 0);
		assert_int_equal(round_trip("GBK", name), 0);
		assert_int_equal(round_trip("GBK", addr), 0);
		rows++;
	}
	db_reset(st);
	db_close(db);
	assert_true(rows >= 2000);
}

/* The bytes the terminal and the printer see: a middle dot, and trail
 * bytes that look like ASCII letters. */
static void
known_bytes(void **state)
{
	char	*enc;
	size_t	 n;

	(void)state;
	enc = conv_from_utf8("GB18030", "买买提·艾力", strlen("买买提·艾力"),
	    NULL, &n, NULL, NULL);
	assert_non_null(enc);
	assert_int_equal(n, 12);
	assert_memory_equal(enc + 6, "\xA1\xA4", 2);
	free(enc);
	enc = conv_from_utf8("GBK", "镕珺", strlen("镕珺"), NULL, &n, NULL,
	    NULL);
	assert_non_null(enc);
	assert_int_equal(n, 4);
	assert_memory_equal(enc, "\xE9" "F" "\xAC" "B", 4);
	free(enc);
	assert_int_equal(round_trip("GB18030", "镕珺"), 0);
	assert_int_equal(round_trip("GBK", "镕珺"), 0);
}

/* U+20000 (CJK extension B) is in GB18030, as four bytes, and not in
 * GBK: there it fails, or becomes the replacement asked for. */
static void
outside_gbk(void **state)
{
	const char	*s = "张\xF0\xA0\x80\x80红";
	char		*enc, *cause = NULL;
	size_t		 n, off = 0;

	(void)state;
	assert_int_equal(round_trip("GB18030", s), 0);
	enc = conv_from_utf8("GB18030", s, strlen(s), NULL, &n, NULL, NULL);
	assert_int_equal(n, 8);
	assert_memory_equal(enc + 2, "\x95\x32\x82\x36", 4);
	free(enc);
	assert_null(conv_from_utf8("GBK", s, strlen(s), NULL, &n, &off,
	    &cause));
	assert_int_equal(off, 3);
	assert_string_equal(cause, "a character not in GBK at byte offset 3");
	free(cause);
	enc = conv_from_utf8("GBK", s, strlen(s), "?", &n, NULL, NULL);
	assert_string_equal(enc, "\xD5\xC5?\xBA\xEC");
	free(enc);
	/* the replacement character itself is not in GBK */
	assert_false(conv_can_encode("GBK", 0xFFFD));
	assert_true(conv_can_encode("GB18030", 0xFFFD));
	assert_true(conv_can_encode("GBK", 0x00B7));
	assert_false(conv_can_encode("GBK", 0x20000));
}

/* Invalid and truncated input is refused with the offset of the first
 * byte that does not decode. */
static void
invalid_input_offsets(void **state)
{
	/* 张 (D5 C5), then 0x81 0x20: 0x20 is no trail byte */
	const char	 bad[] = "\xD5\xC5" "ab\x81\x20" "cd";
	const char	 cut[] = "\xD5\xC5\xE9";	/* 镕 without its F */
	const char	 badu[] = "ok\xE5\xBC";		/* 张 cut short */
	char		*cause = NULL;
	size_t		 off = 0;

	(void)state;
	assert_null(conv_to_utf8("GB18030", bad, sizeof bad - 1, NULL, &off,
	    &cause));
	assert_int_equal(off, 4);
	assert_string_equal(cause, "invalid GB18030 at byte offset 4");
	free(cause);
	assert_null(conv_to_utf8("GBK", cut, sizeof cut - 1, NULL, &off,
	    &cause));
	assert_int_equal(off, 2);
	assert_string_equal(cause, "truncated GBK at byte offset 2");
	free(cause);
	assert_null(conv_from_utf8("GB18030", badu, sizeof badu - 1, "?",
	    NULL, &off, &cause));
	assert_int_equal(off, 2);
	free(cause);
	assert_null(conv_to_utf8("NO-SUCH-CHARSET", "a", 1, NULL, NULL,
	    &cause));
	free(cause);
}

/* Long input crosses iconv's internal buffer without losing a byte. */
static void
long_text(void **state)
{
	char	*s = malloc(3 * 5000 + 1), *p = s;
	int	 i;

	(void)state;
	for (i = 0; i < 5000; i++, p += 3)
		memcpy(p, i % 2 ? "镕" : "旗", 3);
	*p = '\0';
	assert_int_equal(round_trip("GB18030", s), 0);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(demo_residents_round_trip),
		cmocka_unit_test(known_bytes),
		cmocka_unit_test(outside_gbk),
		cmocka_unit_test(invalid_input_offsets),
		cmocka_unit_test(long_text),
	};

	return (cmocka_run_group_tests_name("conv", tests, NULL, NULL));
}
