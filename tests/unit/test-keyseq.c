/* The table of the sequences keys send: every PuTTY function-key mode,
 * the Linux console, rxvt, xterm, and the keypad in application mode. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../tui/keys.h"
#include "../../tui/keyseq.h"

static int
find(const char *s)
{
	return (keyseq_find(s, strlen(s)));
}

/* F1 .. F12 in each of PuTTY's modes, as its terminal.c sends them. */
static void
every_putty_mode_names_the_f_keys(void **state)
{
	static const char *tilde[] = { "11", "12", "13", "14", "15", "17",
	    "18", "19", "20", "21", "23", "24" };
	char	buf[16];
	int	i;

	(void)state;
	for (i = 0; i < 12; i++) {
		snprintf(buf, sizeof buf, "\033[%s~", tilde[i]);
		assert_int_equal(find(buf), TK_F(i + 1));	/* ESC[n~, VT400 */
		snprintf(buf, sizeof buf, "\033O%c", 'P' + i);
		assert_int_equal(find(buf), TK_F(i + 1));	/* VT100+ */
		snprintf(buf, sizeof buf, "\033[%c", 'M' + i);
		assert_int_equal(find(buf), TK_F(i + 1));	/* SCO */
	}
	for (i = 0; i < 5; i++) {
		snprintf(buf, sizeof buf, "\033[[%c", 'A' + i);
		assert_int_equal(find(buf), TK_F(i + 1));	/* Linux */
	}
}

static void
the_editing_keys_of_every_terminal(void **state)
{
	(void)state;
	assert_int_equal(find("\033[1~"), TK_HOME);	/* PuTTY, Linux */
	assert_int_equal(find("\033[7~"), TK_HOME);	/* rxvt */
	assert_int_equal(find("\033OH"), TK_HOME);	/* xterm */
	assert_int_equal(find("\033[H"), TK_HOME);	/* xterm, SCO */
	assert_int_equal(find("\033[4~"), TK_END);
	assert_int_equal(find("\033[8~"), TK_END);
	assert_int_equal(find("\033OF"), TK_END);
	assert_int_equal(find("\033[2~"), TK_INSERT);
	assert_int_equal(find("\033[L"), TK_INSERT);	/* SCO */
	assert_int_equal(find("\033[3~"), TK_DELETE);
	assert_int_equal(find("\033[5~"), TK_PGUP);
	assert_int_equal(find("\033[I"), TK_PGUP);	/* SCO */
	assert_int_equal(find("\033[6~"), TK_PGDN);
	assert_int_equal(find("\033[Z"), TK_BTAB);	/* not SCO's S-F2 */
}

static void
the_keypad_types_in_application_mode(void **state)
{
	char	buf[8];
	int	i;

	(void)state;
	for (i = 0; i < 10; i++) {
		snprintf(buf, sizeof buf, "\033O%c", 'p' + i);
		assert_int_equal(find(buf), '0' + i);
	}
	assert_int_equal(find("\033On"), '.');
	assert_int_equal(find("\033OM"), TK_ENTER);
	assert_int_equal(find("\033Ok"), '+');
	assert_int_equal(find("\033Ol"), '+');
	assert_int_equal(find("\033Om"), '-');
	assert_int_equal(find("\033Oj"), '*');
	assert_int_equal(find("\033Oo"), '/');
	/* keypad 5 without NumLock does nothing, ESC [ G included */
	assert_int_equal(find("\033[G"), KS_NONE);
	assert_int_equal(find("\033OE"), KS_NONE);
	assert_int_equal(find("\033[E"), KS_NONE);
}

static void
unknown_and_paste(void **state)
{
	(void)state;
	assert_int_equal(find("\033[200~"), KS_PASTE_START);
	assert_int_equal(find("\033[201~"), KS_PASTE_END);
	assert_int_equal(find("\033[1;5A"), KS_UNKNOWN);
	assert_int_equal(find("\033[99~"), KS_UNKNOWN);
	assert_int_equal(find("\033["), KS_UNKNOWN);
}

/* No sequence is in the table twice: one sequence, one key. */
static void
one_sequence_one_key(void **state)
{
	const struct keyseq	*t;
	size_t			 i, j, n;

	(void)state;
	t = keyseq_table(&n);
	for (i = 0; i < n; i++) {
		assert_int_equal(keyseq_complete(t[i].seq, strlen(t[i].seq)),
		    (int)strlen(t[i].seq));
		for (j = i + 1; j < n; j++)
			assert_string_not_equal(t[i].seq, t[j].seq);
	}
}

static void
where_a_sequence_ends(void **state)
{
	(void)state;
	assert_int_equal(keyseq_complete("\033", 1), 0);
	assert_int_equal(keyseq_complete("\033[", 2), 0);
	assert_int_equal(keyseq_complete("\033[1", 3), 0);
	assert_int_equal(keyseq_complete("\033[11~", 5), 5);
	assert_int_equal(keyseq_complete("\033[1;5A", 6), 6);
	assert_int_equal(keyseq_complete("\033[[", 3), 0);
	assert_int_equal(keyseq_complete("\033[[A", 4), 4);
	assert_int_equal(keyseq_complete("\033Op", 3), 3);
	assert_int_equal(keyseq_complete("\033O2P", 4), 4);
	assert_int_equal(keyseq_complete("\033[23$", 5), 5);	/* rxvt */
	assert_int_equal(keyseq_complete("\033x", 2), -1);
	/* a sequence that never ends is cut, not waited for */
	assert_true(keyseq_complete("\033[1111111111111111111111111111111"
	    "1111111", 40) > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_putty_mode_names_the_f_keys),
		cmocka_unit_test(the_editing_keys_of_every_terminal),
		cmocka_unit_test(the_keypad_types_in_application_mode),
		cmocka_unit_test(unknown_and_paste),
		cmocka_unit_test(one_sequence_one_key),
		cmocka_unit_test(where_a_sequence_ends),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
