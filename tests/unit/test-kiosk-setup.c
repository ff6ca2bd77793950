/* The self-service terminal's setup: the idle reset is 60 s unless set,
 * only digits, X, Enter, Esc and +/- act, and the password is read only
 * from a file nobody else may read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "../../tui/keycodes.h"
#include "../../tui/kiosk-setup.h"

static void
test_idle_default(void **state)
{
	(void)state;
	assert_int_equal(KIOSK_IDLE_DEFAULT, 60);
	assert_int_equal(kiosk_idle_seconds(0), 60);
	assert_int_equal(kiosk_idle_seconds(-5), 60);
	assert_int_equal(kiosk_idle_seconds(3), 3);
	assert_int_equal(kiosk_idle_seconds(99999), KIOSK_IDLE_MAX);
	assert_int_equal(kiosk_parse_idle("5"), 5);
	assert_int_equal(kiosk_parse_idle("0"), -1);
	assert_int_equal(kiosk_parse_idle("六十"), -1);
	assert_int_equal(kiosk_parse_idle("60s"), -1);
}

static void
test_keys(void **state)
{
	const int	ignored[] = { 'a', 'q', 'Q', TK_F(1), TK_F(10),
	    TK_CTRL('c'), TK_CTRL('z'), TK_CTRL('\\'), TK_CTRL('q'), TK_TAB,
	    TK_UP, 0x6c11 /* 民 */ };
	size_t		i;

	(void)state;
	for (i = '0'; i <= '9'; i++)
		assert_true(kiosk_key_allowed((int)i));
	assert_true(kiosk_key_allowed('X'));
	assert_true(kiosk_key_allowed(TK_ENTER));
	assert_true(kiosk_key_allowed(TK_ESC));
	assert_true(kiosk_key_allowed('+'));
	assert_true(kiosk_key_allowed('-'));
	for (i = 0; i < sizeof ignored / sizeof *ignored; i++)
		assert_false(kiosk_key_allowed(ignored[i]));
}

static void
test_secret(void **state)
{
	char	 path[] = "/tmp/kiosk-secret-XXXXXX", *s, *cause = NULL;
	int	 fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "demo-kiosk\n", 11), 11);
	close(fd);
	chmod(path, 0600);
	s = kiosk_read_secret(path, &cause);
	assert_non_null(s);
	assert_string_equal(s, "demo-kiosk");
	assert_int_equal(kiosk_file_private(path), 1);
	free(s);
	chmod(path, 0640);
	assert_null(kiosk_read_secret(path, &cause));
	assert_non_null(strstr(cause, "0600"));
	assert_int_equal(kiosk_file_private(path), 0);
	free(cause);
	cause = NULL;
	unlink(path);
	assert_null(kiosk_read_secret(path, &cause));
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_idle_default),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_secret),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
