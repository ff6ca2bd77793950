/* The line editor on mixed ASCII and Chinese text. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../forms/lineedit.h"
#include "../../locale/text.h"

static int
setup(void **state)
{
	(void)state;
	return (setlocale(LC_ALL, "C.UTF-8") == NULL ? -1 : 0);
}

static void
type_utf8(struct lineedit *le, const char *s)
{
	size_t		len = strlen(s), n;
	uint32_t	cp;

	while ((n = utf8_decode(s, len, &cp)) != 0) {
		lineedit_insert(le, cp);
		s += n;
		len -= n;
	}
}

static void
assert_text(struct lineedit *le, const char *want)
{
	char	*t = lineedit_text(le);

	assert_string_equal(t, want);
	free(t);
}

static void
insert_and_cursor_columns(void **state)
{
	struct lineedit	le;

	(void)state;
	lineedit_init(&le, 0);
	type_utf8(&le, "ab");
	assert_int_equal(lineedit_cursor_col(&le), 2);
	type_utf8(&le, "义勇军");
	assert_int_equal(lineedit_cursor_col(&le), 8);
	lineedit_op(&le, LE_LEFT);
	assert_int_equal(lineedit_cursor_col(&le), 6);
	lineedit_insert(&le, 'x');
	assert_text(&le, "ab义勇x军");
	assert_int_equal(lineedit_cursor_col(&le), 7);
	lineedit_op(&le, LE_HOME);
	assert_int_equal(lineedit_cursor_col(&le), 0);
	lineedit_op(&le, LE_END);
	assert_int_equal(lineedit_cursor_col(&le), 9);
	lineedit_free(&le);
}

static void
backspace_removes_wide_character_whole(void **state)
{
	struct lineedit	le;

	(void)state;
	lineedit_init(&le, 0);
	type_utf8(&le, "义勇军");
	lineedit_op(&le, LE_BACKSPACE);
	assert_text(&le, "义勇");
	assert_int_equal(lineedit_cursor_col(&le), 4);
	lineedit_op(&le, LE_HOME);
	lineedit_op(&le, LE_DELETE);
	assert_text(&le, "勇");
	lineedit_op(&le, LE_BACKSPACE);	/* at the start: nothing */
	assert_text(&le, "勇");
	lineedit_free(&le);
}

static void
scrolls_in_a_narrow_field(void **state)
{
	struct lineedit	le;
	int		col;

	(void)state;
	lineedit_init(&le, 0);
	type_utf8(&le, "张三丰陕西省铜川市王益区");
	/* 12 characters, 24 columns, in a field 10 columns wide */
	col = lineedit_view(&le, 10);
	assert_true(col <= 9);
	assert_int_equal(col % 2, 0);	/* on a character boundary */
	/* the cursor at the end needs one column: 4 characters + cursor */
	assert_int_equal(le.scroll, 8);
	assert_int_equal(col, 8);
	lineedit_op(&le, LE_HOME);
	col = lineedit_view(&le, 10);
	assert_int_equal(le.scroll, 0);
	assert_int_equal(col, 0);
	/* walk right: the cursor stays inside and on a boundary */
	for (size_t i = 0; i < 12; i++) {
		lineedit_op(&le, LE_RIGHT);
		col = lineedit_view(&le, 10);
		assert_true(col >= 0 && col <= 9);
		assert_int_equal(col % 2, 0);
	}
	lineedit_free(&le);
}

static void
cursor_on_a_combining_mark_stays_inside(void **state)
{
	struct lineedit	le;
	int		col;

	(void)state;
	lineedit_init(&le, 0);
	lineedit_insert(&le, 0x5F20);	/* 张: two columns */
	lineedit_insert(&le, 0x301);	/* a combining mark: none */
	lineedit_op(&le, LE_LEFT);	/* the cursor on the mark */
	col = lineedit_view(&le, 2);
	assert_true(col <= 1);
	lineedit_free(&le);
}

static void
limits_and_filters(void **state)
{
	struct lineedit	le;
	int		i;

	(void)state;
	lineedit_init(&le, 3);
	type_utf8(&le, "张红旗王");
	assert_text(&le, "张红旗");
	assert_int_equal(lineedit_insert(&le, 'a'), -1);
	lineedit_clear(&le);
	assert_int_equal(lineedit_insert(&le, 0x1b), -1);	/* ESC */
	assert_int_equal(lineedit_insert(&le, 0x202E), -1);	/* RLO */
	assert_int_equal(le.len, 0);
	lineedit_free(&le);

	lineedit_init(&le, 0);
	for (i = 0; i < 60; i++)
		type_utf8(&le, "买");
	assert_int_equal(le.len, 60);
	lineedit_set(&le, "阿依古丽·吐尔逊");
	assert_text(&le, "阿依古丽·吐尔逊");
	lineedit_free(&le);
}

static void
kill_operations(void **state)
{
	struct lineedit	le;

	(void)state;
	lineedit_init(&le, 0);
	lineedit_set(&le, "陕西省 铜川市 王益区");
	lineedit_op(&le, LE_KILL_WORD);
	assert_text(&le, "陕西省 铜川市 ");
	lineedit_op(&le, LE_HOME);
	lineedit_op(&le, LE_RIGHT);
	lineedit_op(&le, LE_KILL_END);
	assert_text(&le, "陕");
	lineedit_op(&le, LE_KILL_START);
	assert_text(&le, "");
	lineedit_set(&le, "abc");
	lineedit_op(&le, LE_HOME);
	lineedit_op(&le, LE_TOGGLE_OVERWRITE);
	lineedit_insert(&le, 0x738B);
	assert_text(&le, "王bc");
	lineedit_free(&le);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(insert_and_cursor_columns),
		cmocka_unit_test(backspace_removes_wide_character_whole),
		cmocka_unit_test(scrolls_in_a_narrow_field),
		cmocka_unit_test(cursor_on_a_combining_mark_stays_inside),
		cmocka_unit_test(limits_and_filters),
		cmocka_unit_test(kill_operations),
	};

	return (cmocka_run_group_tests_name("lineedit", tests, setup, NULL));
}
