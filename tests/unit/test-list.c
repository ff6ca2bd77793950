/* The list view every screen uses: moving, paging, scrolling, and the
 * filter typed over Chinese items. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../tui/keys.h"
#include "../../tui/list.h"

static const char *const names[] = {
	"张红旗", "李光明", "王建国", "赵印台", "张伟", "王芳", "李娜",
	"刘洋", "陈晓梅", "杨帆",
};
#define NNAMES	((int)(sizeof names / sizeof *names))

static int
setup(void **state)
{
	(void)state;
	return (setlocale(LC_ALL, "C.UTF-8") == NULL ? -1 : 0);
}

static int
contains(const char *text, int item, void *arg)
{
	(void)arg;
	return (strstr(names[item], text) != NULL);
}

static void
type_utf8(struct list *l, const char *s)
{
	/* the three bytes of one CJK character as one code point */
	while (*s != '\0') {
		unsigned char	c = (unsigned char)*s;
		uint32_t	cp;

		if (c < 0x80) {
			cp = c;
			s++;
		} else {
			cp = ((c & 0x0f) << 12) | ((s[1] & 0x3f) << 6) |
			    (s[2] & 0x3f);
			s += 3;
		}
		list_key(l, (int)cp);
	}
}

static void
up_down_stop_at_the_ends(void **state)
{
	struct list	l;

	(void)state;
	memset(&l, 0, sizeof l);
	list_count(&l, 3);
	list_show(&l, 10);
	assert_int_equal(list_key(&l, TK_UP), LIST_ABOVE);
	assert_int_equal(l.sel, 0);
	assert_int_equal(list_key(&l, TK_DOWN), LIST_MOVED);
	assert_int_equal(list_key(&l, TK_DOWN), LIST_MOVED);
	assert_int_equal(list_key(&l, TK_DOWN), LIST_MOVED);
	assert_int_equal(l.sel, 2);
	assert_int_equal(list_key(&l, TK_UP), LIST_MOVED);
	assert_int_equal(l.sel, 1);
	assert_int_equal(list_key(&l, 'q'), LIST_UNUSED);
}

static void
home_end_and_pages_scroll_the_view(void **state)
{
	struct list	l;

	(void)state;
	memset(&l, 0, sizeof l);
	list_count(&l, 100);
	list_show(&l, 10);
	assert_int_equal(list_key(&l, TK_END), LIST_MOVED);
	assert_int_equal(l.sel, 99);
	list_show(&l, 10);
	assert_int_equal(l.top, 90);	/* the last row at the bottom */
	assert_int_equal(list_key(&l, TK_HOME), LIST_MOVED);
	assert_int_equal(l.sel, 0);
	assert_int_equal(l.top, 0);
	list_key(&l, TK_PGDN);
	assert_int_equal(l.sel, 10);
	assert_int_equal(l.top, 10);
	list_key(&l, TK_DOWN);
	list_key(&l, TK_PGUP);
	assert_int_equal(l.sel, 1);
	assert_int_equal(l.top, 0);
	list_key(&l, TK_PGUP);		/* stops at the first row */
	assert_int_equal(l.sel, 0);
	for (int i = 0; i < 20; i++)
		list_key(&l, TK_PGDN);
	assert_int_equal(l.sel, 99);
	assert_int_equal(l.top, 90);
}

static void
the_selection_always_shows(void **state)
{
	struct list	l;

	(void)state;
	memset(&l, 0, sizeof l);
	list_count(&l, 30);
	list_show(&l, 5);
	while (l.sel < 12)
		list_key(&l, TK_DOWN);
	list_show(&l, 5);
	assert_true(l.sel >= l.top && l.sel < l.top + 5);
	list_show(&l, 3);		/* a smaller window */
	assert_true(l.sel >= l.top && l.sel < l.top + 3);
	list_count(&l, 4);		/* fewer rows came */
	assert_int_equal(l.sel, 3);
	list_show(&l, 5);
	assert_int_equal(l.top, 0);
	list_count(&l, 0);
	assert_int_equal(l.sel, 0);
	assert_int_equal(list_selected(&l), -1);
}

static void
a_paged_list_asks_for_pages(void **state)
{
	struct list	l;

	(void)state;
	memset(&l, 0, sizeof l);
	l.paged = 1;
	list_count(&l, 20);
	list_show(&l, 10);
	assert_int_equal(list_key(&l, TK_PGDN), LIST_PAGE_NEXT);
	assert_int_equal(list_key(&l, TK_PGUP), LIST_PAGE_PREV);
	assert_int_equal(l.sel, 0);
	assert_int_equal(list_key(&l, TK_END), LIST_MOVED);
	assert_int_equal(l.sel, 19);
}

/* 41 items at 20 a page: 3 pages, and no turning past either end. */
static void
pages_turn_within_the_total(void **state)
{
	(void)state;
	assert_int_equal(list_pages(41, 20), 3);
	assert_int_equal(list_pages(0, 20), 1);
	assert_int_equal(list_turn(LIST_PAGE_NEXT, 1, 41, 20), 2);
	assert_int_equal(list_turn(LIST_PAGE_NEXT, 3, 41, 20), 0);
	assert_int_equal(list_turn(LIST_PAGE_PREV, 1, 41, 20), 0);
	assert_int_equal(list_turn(LIST_PAGE_PREV, 3, 41, 20), 2);
	assert_int_equal(list_turn(LIST_MOVED, 2, 41, 20), 0);
}

static void
a_text_view_scrolls_without_a_selection(void **state)
{
	struct list	l;

	(void)state;
	memset(&l, 0, sizeof l);
	l.view = 1;
	list_count(&l, 25);
	list_show(&l, 10);
	list_key(&l, TK_DOWN);
	assert_int_equal(l.top, 1);
	list_key(&l, TK_PGDN);
	assert_int_equal(l.top, 11);
	list_key(&l, TK_PGDN);		/* no blank lines at the end */
	assert_int_equal(l.top, 15);
	list_key(&l, TK_END);
	assert_int_equal(l.top, 15);
	list_key(&l, TK_HOME);
	assert_int_equal(l.top, 0);
	list_key(&l, TK_UP);
	assert_int_equal(l.top, 0);
	list_count(&l, 4);		/* shorter than the window */
	list_key(&l, TK_END);
	assert_int_equal(l.top, 0);
}

static void
typing_filters_and_keeps_the_chosen_item(void **state)
{
	struct list	l;

	(void)state;
	memset(&l, 0, sizeof l);
	list_filter(&l, NNAMES, 10, contains, NULL);
	assert_int_equal(l.n, NNAMES);
	list_key(&l, TK_DOWN);
	list_key(&l, TK_DOWN);
	assert_int_equal(list_selected(&l), 2);		/* 王建国 */
	type_utf8(&l, "王");
	assert_int_equal(l.n, 2);			/* 王建国, 王芳 */
	assert_int_equal(list_selected(&l), 2);
	assert_int_equal(list_item(&l, 1), 5);
	list_key(&l, TK_BACKSPACE);
	assert_int_equal(l.n, NNAMES);
	assert_int_equal(list_selected(&l), 2);
	type_utf8(&l, "张");
	assert_int_equal(l.n, 2);
	assert_int_equal(list_selected(&l), 0);		/* 王建国 went */
	type_utf8(&l, "x");
	assert_int_equal(l.n, 0);
	assert_int_equal(list_selected(&l), -1);
	assert_int_equal(list_key(&l, TK_CTRL('u')), LIST_FILTERED);
	assert_int_equal(l.n, NNAMES);
	list_select(&l, 8);
	assert_int_equal(l.sel, 8);
	assert_int_equal(list_key(&l, TK_F(2)), LIST_UNUSED);
	list_free(&l);
}

static void
a_refused_character_changes_nothing(void **state)
{
	struct list	l;

	(void)state;
	memset(&l, 0, sizeof l);
	list_filter(&l, NNAMES, 2, contains, NULL);
	type_utf8(&l, "李光");
	assert_int_equal(l.n, 1);
	assert_int_equal(list_key(&l, 0x660e), LIST_MOVED);	/* 明: full */
	assert_int_equal(l.n, 1);
	list_free(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(up_down_stop_at_the_ends),
		cmocka_unit_test(home_end_and_pages_scroll_the_view),
		cmocka_unit_test(the_selection_always_shows),
		cmocka_unit_test(a_paged_list_asks_for_pages),
		cmocka_unit_test(pages_turn_within_the_total),
		cmocka_unit_test(a_text_view_scrolls_without_a_selection),
		cmocka_unit_test(typing_filters_and_keeps_the_chosen_item),
		cmocka_unit_test(a_refused_character_changes_nothing),
	};

	return (cmocka_run_group_tests(tests, setup, NULL));
}
