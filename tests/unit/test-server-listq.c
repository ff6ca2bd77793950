/* The paged-list query builder (server/listq.c) on an in-memory SQLite
 * database: the SQL it puts together, the total and the pages (told by
 * a short page or counted), filters as bound values, and statements
 * cached by their text past the cache's size. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "../../server/db.h"
#include "../../server/db-open.h"
#include "../../server/listq.h"

#define THINGS	25

static const char *const names[] = {
	"张红旗", "李光明", "王建国", "赵印台", "陈晓梅"
};

static int
setup(void **state)
{
	struct db	*db;
	char		*cause = NULL;
	int		 i;

	if ((db = db_open("sqlite::memory:", &cause)) == NULL)
		fail_msg("db_open: %s", cause);
	assert_int_equal(db_script(db, "CREATE TABLE things (id INTEGER "
	    "PRIMARY KEY, name TEXT NOT NULL, n INTEGER NOT NULL)"), 0);
	for (i = 1; i <= THINGS; i++) {
		assert_int_equal(db_exec(db, "INSERT INTO things VALUES (?, ?, "
		    "?)", "dtd", i, names[i % 5], i % 5), 0);
	}
	*state = db;
	return (0);
}

static int
teardown(void **state)
{
	db_close(*state);
	return (0);
}

/* The ids of a page's rows, and its envelope's total. */
static int
ids(struct listq *q, long long *out, int max, long long *total)
{
	struct db_stmt	*st;
	cJSON		*page, *items;
	int		 n = 0;

	while ((st = listq_next(q)) != NULL) {
		assert_true(n < max);
		out[n++] = db_int(st, 0);
		listq_add(q, cJSON_CreateNumber((double)db_int(st, 0)));
	}
	page = listq_page(q);
	items = cJSON_GetObjectItem(page, "items");
	assert_int_equal(cJSON_GetArraySize(items), n);
	*total = (long long)cJSON_GetNumberValue(cJSON_GetObjectItem(page,
	    "total"));
	cJSON_Delete(page);
	return (n);
}

static void
sql_from_pieces(void **state)
{
	static const char *const	 two[] = { "张红旗", "李光明" };
	struct listq			*q;

	q = listq_new(*state, "id, name", " FROM things", 1, 20);
	listq_where(q, "n >= ?", "d", 2);
	listq_in(q, "name", two, 2);
	listq_where(q, "name >= ? AND name < ? || char(1114111)", "tt", "张",
	    "张");
	listq_order(q, "id DESC");
	assert_string_equal(listq_sql(q), "SELECT id, name FROM things "
	    "WHERE (n >= ?) AND name IN (?, ?) AND (name >= ? AND name < ? || "
	    "char(1114111)) ORDER BY id DESC LIMIT ? OFFSET ?");
	listq_free(q);
	q = listq_new(*state, "id", " FROM things", 1, 20);
	listq_order(q, "id");
	assert_string_equal(listq_sql(q),
	    "SELECT id FROM things ORDER BY id LIMIT ? OFFSET ?");
	listq_free(q);
}

static void
pages_and_total(void **state)
{
	struct listq	*q;
	long long	 got[20], total;
	int		 n;

	q = listq_new(*state, "id", " FROM things", 1, 10);
	listq_order(q, "id");
	n = ids(q, got, 20, &total);
	assert_int_equal(n, 10);
	assert_int_equal(total, THINGS);
	assert_int_equal(got[0], 1);
	assert_int_equal(got[9], 10);
	q = listq_new(*state, "id", " FROM things", 3, 10);
	listq_order(q, "id DESC");
	n = ids(q, got, 20, &total);
	assert_int_equal(n, 5);
	assert_int_equal(got[0], 5);
	assert_int_equal(got[4], 1);
	/* a page past the end is empty, its total still counted */
	q = listq_new(*state, "id", " FROM things", 4, 10);
	listq_order(q, "id");
	assert_int_equal(ids(q, got, 20, &total), 0);
	assert_int_equal(total, THINGS);
}

/* The total where the page tells it and where it must be counted: a
 * page that ends short, a page exactly full, the last page, a page past
 * the end, the total asked before the rows. */
static void
totals_told_and_counted(void **state)
{
	struct listq	*q;
	long long	 got[30], total;
	int		 per_page, page;

	for (per_page = 1; per_page <= 30; per_page++) {
		for (page = 1; page <= THINGS / per_page + 2; page++) {
			q = listq_new(*state, "id", " FROM things", page,
			    per_page);
			listq_order(q, "id");
			(void)ids(q, got, 30, &total);
			assert_int_equal(total, THINGS);
		}
	}
	/* fewer rows than a page, counted or not, with a condition */
	q = listq_new(*state, "id", " FROM things", 1, 20);
	listq_where(q, "n = ?", "d", 3);
	listq_order(q, "id");
	assert_int_equal(ids(q, got, 30, &total), 5);
	assert_int_equal(total, 5);
	q = listq_new(*state, "id", " FROM things", 2, 3);
	listq_where(q, "n = ?", "d", 3);
	listq_order(q, "id");
	assert_int_equal(ids(q, got, 30, &total), 2);
	assert_int_equal(total, 5);
	/* asked first: the page is still whole, the total right */
	q = listq_new(*state, "id", " FROM things", 1, 10);
	listq_order(q, "id");
	assert_int_equal(listq_total(q), THINGS);
	assert_int_equal(listq_total(q), THINGS);
	listq_free(q);
}

/* A unique key's row needs no order: none is written, and the row and
 * its total are found. */
static void
one_row_needs_no_order(void **state)
{
	struct listq	*q;
	long long	 got[2], total;

	q = listq_new(*state, "id", " FROM things", 1, 20);
	listq_where(q, "id = ?", "d", 7);
	listq_one(q);
	assert_string_equal(listq_sql(q), "SELECT id FROM things WHERE "
	    "(id = ?) LIMIT ? OFFSET ?");
	assert_int_equal(ids(q, got, 2, &total), 1);
	assert_int_equal(got[0], 7);
	assert_int_equal(total, 1);
	q = listq_new(*state, "id", " FROM things", 1, 20);
	listq_where(q, "id = ?", "d", THINGS + 1);
	listq_one(q);
	assert_int_equal(ids(q, got, 2, &total), 0);
	assert_int_equal(total, 0);
}

static void
filters_are_bound(void **state)
{
	static const char *const	 some[] = { "赵印台", "陈晓梅",
	    "nobody" };
	struct listq			*q;
	long long			 got[30], total;
	int				 n;

	q = listq_new(*state, "id", " FROM things", 1, 100);
	listq_in(q, "name", some, 3);
	listq_where(q, "id > ?", "l", 10LL);
	listq_order(q, "id");
	n = ids(q, got, 30, &total);
	assert_int_equal(n, 6);
	assert_int_equal(total, 6);
	assert_int_equal(got[0], 13);
	/* a value is a value, never SQL: the quote finds nothing */
	q = listq_new(*state, "id", " FROM things", 1, 100);
	listq_where(q, "name = ?", "t", "x' OR '1'='1");
	listq_order(q, "id");
	assert_null(strstr(listq_sql(q), "OR '1'"));
	assert_int_equal(ids(q, got, 30, &total), 0);
	assert_int_equal(total, 0);
	/* a ? inside a string literal is no placeholder */
	q = listq_new(*state, "id", " FROM things", 1, 100);
	listq_where(q, "name <> '?' AND n = ?", "d", 0);
	listq_order(q, "id");
	assert_int_equal(ids(q, got, 30, &total), 5);
}

static void
cached_by_text(void **state)
{
	struct listq	*q;
	long long	 got[30], total;
	int		 i, j, k;

	/* more different statements than the cache holds (each has i
	 * conditions), all asked for twice: the least recently used are
	 * dropped and prepared again, and every answer stays right */
	for (k = 0; k < 2; k++) {
		for (i = 0; i < DB_TEXT_CACHE + 6; i++) {
			q = listq_new(*state, "id", " FROM things", 1, 30);
			for (j = 0; j < i; j++)
				listq_where(q, "n >= 0", "");
			listq_where(q, "id <= ?", "d", THINGS - k);
			listq_order(q, "id");
			assert_int_equal(ids(q, got, 30, &total), THINGS - k);
			assert_int_equal(total, THINGS - k);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(sql_from_pieces, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(pages_and_total, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(totals_told_and_counted, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(one_row_needs_no_order, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(filters_are_bound, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(cached_by_text, setup,
		    teardown),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
