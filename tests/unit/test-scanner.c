/* A card reader's burst told from typing: what is held, what is given
 * back, and when. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../tui/keys.h"
#include "../../tui/scanner.h"

/* Feeds s one key per ms from t; the keys given back go into got. */
static int
feed(struct scanner *s, const char *keys, long long *t, char *got,
    char *id)
{
	int	out[SCAN_LEN + 1], n, i, done = 0;

	for (; *keys != '\0'; keys++) {
		n = scanner_feed(s, *keys == '\n' ? TK_ENTER : *keys, 0,
		    (*t)++, out, id);
		if (n < 0) {
			done = 1;
			continue;
		}
		for (i = 0; i < n; i++) {
			size_t	len = strlen(got);

			got[len] = out[i] == TK_ENTER ? '\n' : (char)out[i];
			got[len + 1] = '\0';
		}
	}
	return (done);
}

static void
a_burst_is_an_id_number(void **state)
{
	struct scanner	s;
	char		got[64] = "", id[SCAN_LEN + 1];
	long long	t = 1000;

	(void)state;
	memset(&s, 0, sizeof s);
	assert_true(feed(&s, "610202198503150021\n", &t, got, id));
	assert_string_equal(got, "");
	assert_string_equal(id, "610202198503150021");
	assert_true(feed(&s, "61020219671111005x\n", &t, got, id));
	assert_string_equal(id, "61020219671111005X");
	assert_int_equal(scanner_due(&s, t), -1);
}

static void
short_numbers_and_letters_reach_the_screen(void **state)
{
	struct scanner	s;
	char		got[64] = "", id[SCAN_LEN + 1];
	long long	t = 1000;

	(void)state;
	memset(&s, 0, sizeof s);
	assert_false(feed(&s, "0501\n", &t, got, id));
	assert_string_equal(got, "0501\n");
	got[0] = '\0';
	assert_false(feed(&s, "12x", &t, got, id));	/* x only 18th */
	assert_string_equal(got, "12x");
	got[0] = '\0';
	/* 19 digits: no ID number, all of them typed */
	assert_false(feed(&s, "6102021985031500211\n", &t, got, id));
	assert_string_equal(got, "6102021985031500211\n");
}

static void
a_pause_gives_the_digits_back(void **state)
{
	struct scanner	s;
	char		got[64] = "", id[SCAN_LEN + 1];
	int		out[SCAN_LEN + 1];
	long long	t = 1000;

	(void)state;
	memset(&s, 0, sizeof s);
	assert_false(feed(&s, "138", &t, got, id));
	assert_string_equal(got, "");
	assert_int_equal(scanner_expire(&s, t + 10, out), 0);
	assert_true(scanner_due(&s, t) > 0);
	assert_int_equal(scanner_expire(&s, t + SCAN_GAP_MS + 1, out), 3);
	assert_int_equal(out[0], '1');
	assert_int_equal(out[2], '8');
	/* digits typed slowly, one by one, are never a scan */
	t += 1000;
	memset(&s, 0, sizeof s);
	assert_int_equal(scanner_feed(&s, '6', 0, t, out, id), 0);
	t += SCAN_GAP_MS + 50;
	assert_int_equal(scanner_feed(&s, '1', 0, t, out, id), 1);
	assert_int_equal(out[0], '6');
}

/* Digits into a field are shown at once, and a card's are still told
 * apart: the caller is told how many it showed, to take them back. */
static void
shown_digits_still_make_a_scan(void **state)
{
	struct scanner	s;
	char		id[SCAN_LEN + 1];
	const char	*card = "610202198503150021";
	int		out[SCAN_LEN + 1], i, shown;
	long long	t = 1000;

	(void)state;
	memset(&s, 0, sizeof s);
	for (i = 0; i < SCAN_LEN; i++) {
		assert_int_equal(scanner_feed(&s, card[i], 1, t++, out, id),
		    1);
		assert_int_equal(out[0], card[i]);
		assert_int_equal(scanner_due(&s, t), -1);
	}
	shown = s.shown;
	assert_int_equal(shown, SCAN_LEN);
	assert_int_equal(scanner_feed(&s, TK_ENTER, 1, t++, out, id), -1);
	assert_string_equal(id, card);

	/* typed by hand: shown, and never given a second time */
	memset(&s, 0, sizeof s);
	assert_int_equal(scanner_feed(&s, '1', 1, t, out, id), 1);
	assert_int_equal(scanner_expire(&s, t + SCAN_GAP_MS + 1, out), 0);
	assert_int_equal(scanner_feed(&s, '3', 1, t + 400, out, id), 1);
	assert_int_equal(scanner_feed(&s, TK_ENTER, 1, t + 401, out, id), 1);
	assert_int_equal(out[0], TK_ENTER);

	/* held while the screen had no field, then one: the held digit
	 * goes first, and what follows is held behind it, in order */
	memset(&s, 0, sizeof s);
	assert_int_equal(scanner_feed(&s, '5', 0, t, out, id), 0);
	assert_int_equal(scanner_feed(&s, '6', 1, t + 1, out, id), 0);
	assert_int_equal(scanner_expire(&s, t + SCAN_GAP_MS + 2, out), 2);
	assert_int_equal(out[0], '5');
	assert_int_equal(out[1], '6');
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_burst_is_an_id_number),
		cmocka_unit_test(short_numbers_and_letters_reach_the_screen),
		cmocka_unit_test(a_pause_gives_the_digits_back),
		cmocka_unit_test(shown_digits_still_make_a_scan),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
