/* The outbox's storage: order, the cap, one key one submission, personal
 * data dropped once sent, a damaged file set aside. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "../../api/catalog-cache.h"
#include "../../api/outbox.h"
#include "../../api/sender.h"

static char	dir[64];
static char	path[128];

static int
setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/bianmin-outbox-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return (-1);
	snprintf(path, sizeof path, "%s/client.db", dir);
	return (0);
}

static int
teardown(void **state)
{
	char	cmd[160];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return (system(cmd) == 0 ? 0 : -1);
}

static struct outbox *
open_fresh(void)
{
	struct outbox	*o;
	char		*warn = NULL, *cause = NULL, cmd[160];

	snprintf(cmd, sizeof cmd, "rm -f '%s'*", path);
	assert_int_equal(system(cmd), 0);
	o = outbox_open(path, &warn, &cause);
	assert_non_null(o);
	assert_null(warn);
	return (o);
}

static long long
add(struct outbox *o, const char *staff, const char *key)
{
	char	*cause = NULL;

	return (outbox_add(o, staff, "POST", "/api/v1/applications",
	    "{\"data\":{\"id_number\":\"610202198503150021\"}}", key,
	    "0501 高龄津贴申请 - 张红旗", &cause));
}

static void
in_order_and_per_staff(void **state)
{
	struct outbox		*o = open_fresh();
	struct outbox_item	 it;
	struct stat		 sb;
	time_t			 now = time(NULL);

	(void)state;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_true(add(o, "clerk01", "key-aaaaaaaa") > 0);
	assert_true(add(o, "clerk02", "key-bbbbbbbb") > 0);
	assert_true(add(o, "clerk01", "key-cccccccc") > 0);
	assert_int_equal(outbox_next(o, "clerk01", now, &it), 1);
	assert_string_equal(it.key, "key-aaaaaaaa");
	/* the head waits for its back-off: the next does not jump it */
	assert_int_equal(outbox_defer(o, it.id, now + 30, "link down"), 0);
	outbox_item_clear(&it);
	assert_int_equal(outbox_next(o, "clerk01", now, &it), 0);
	assert_int_equal(outbox_next_due(o, "clerk01"), now + 30);
	assert_int_equal(outbox_next(o, "clerk01", now + 31, &it), 1);
	assert_string_equal(it.key, "key-aaaaaaaa");
	assert_int_equal(it.attempts, 1);
	assert_int_equal(outbox_done(o, it.id, "{\"number\":\"N1\"}"), 0);
	outbox_item_clear(&it);
	assert_int_equal(outbox_next(o, "clerk01", now, &it), 1);
	assert_string_equal(it.key, "key-cccccccc");
	outbox_item_clear(&it);
	assert_int_equal(outbox_next(o, "clerk02", now, &it), 1);
	assert_string_equal(it.key, "key-bbbbbbbb");
	outbox_item_clear(&it);
	outbox_close(o);
}

static void
one_key_one_submission(void **state)
{
	struct outbox	*o = open_fresh();
	long long	 a, b;
	int		 pending;

	(void)state;
	a = add(o, "clerk01", "key-same-0001");
	b = add(o, "clerk01", "key-same-0001");
	assert_true(a > 0);
	assert_int_equal(a, b);
	outbox_counts(o, &pending, NULL, NULL);
	assert_int_equal(pending, 1);
	outbox_close(o);
}

/* A payment waiting in the outbox is found by its target until the
 * server has it, so that the counter does not take it again. */
static void
waiting_found_by_target_until_done(void **state)
{
	struct outbox		*o = open_fresh();
	struct outbox_item	 it;
	char			*cause = NULL;
	const char		*pay = "/api/v1/applications/7/payments";
	long long		 id;

	(void)state;
	assert_int_equal(outbox_waiting(o, "POST", pay, &it), 0);
	id = outbox_add(o, "clerk01", "POST", pay, "{\"channel\":\"cash\"}",
	    "key-pay-00007", "payment", &cause);
	assert_true(id > 0);
	assert_true(add(o, "clerk01", "key-other-0001") > 0);
	assert_int_equal(outbox_waiting(o, "POST", pay, &it), 1);
	assert_int_equal(it.id, id);
	assert_string_equal(it.key, "key-pay-00007");
	outbox_item_clear(&it);
	assert_int_equal(outbox_waiting(o, "POST",
	    "/api/v1/applications/8/payments", &it), 0);
	/* refused: still the clerk's to settle, still found */
	assert_int_equal(outbox_fail(o, id, "already-paid"), 0);
	assert_int_equal(outbox_waiting(o, "POST", pay, &it), 1);
	outbox_item_clear(&it);
	assert_int_equal(outbox_retry(o, id), 0);
	assert_int_equal(outbox_done(o, id, "{}"), 0);
	assert_int_equal(outbox_waiting(o, "POST", pay, &it), 0);
	outbox_close(o);
}

static void
sent_items_keep_no_personal_data(void **state)
{
	struct outbox		*o = open_fresh();
	struct outbox_item	 items[4];
	long long		 id = add(o, "clerk01", "key-pii-00001");
	int			 n, done;

	(void)state;
	assert_int_equal(outbox_done(o, id, "{\"number\":\"X\"}"), 0);
	n = outbox_list(o, items, 4);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].body, "");
	assert_null(strstr(items[0].result, "610202198503150021"));
	outbox_item_clear(&items[0]);
	/* and after the retention period they are gone */
	assert_int_equal(outbox_expire(o, time(NULL) + 8 * 86400,
	    7 * 86400), 0);
	outbox_counts(o, NULL, NULL, &done);
	assert_int_equal(done, 0);
	outbox_close(o);
}

static void
refused_items_retry_or_go(void **state)
{
	struct outbox		*o = open_fresh();
	struct outbox_item	 it;
	long long		 id = add(o, "clerk01", "key-refused-01");
	int			 pending, failed;

	(void)state;
	assert_int_equal(outbox_discard(o, id), 0);	/* not while pending */
	outbox_counts(o, &pending, &failed, NULL);
	assert_int_equal(pending, 1);
	outbox_fail(o, id, "年龄不符合条件");
	outbox_counts(o, &pending, &failed, NULL);
	assert_int_equal(pending, 0);
	assert_int_equal(failed, 1);
	assert_int_equal(outbox_next(o, "clerk01", time(NULL), &it), 0);
	outbox_retry(o, id);
	assert_int_equal(outbox_next(o, "clerk01", time(NULL), &it), 1);
	assert_string_equal(it.key, "key-refused-01");	/* the same key */
	outbox_item_clear(&it);
	outbox_fail(o, id, "again");
	outbox_discard(o, id);
	outbox_counts(o, &pending, &failed, NULL);
	assert_int_equal(pending + failed, 0);
	outbox_close(o);
}

static void
cap_refuses_the_next_and_keeps_the_rest(void **state)
{
	struct outbox	*o = open_fresh();
	char		 key[32];
	int		 i, pending;

	(void)state;
	for (i = 0; i < OUTBOX_CAP; i++) {
		snprintf(key, sizeof key, "key-cap-%05d", i);
		assert_true(add(o, "clerk01", key) > 0);
	}
	assert_int_equal(add(o, "clerk01", "key-cap-over"), 0);
	outbox_counts(o, &pending, NULL, NULL);
	assert_int_equal(pending, OUTBOX_CAP);
	outbox_close(o);
}

static void
damaged_file_is_set_aside(void **state)
{
	struct outbox	*o = open_fresh();
	struct stat	 sb;
	char		*warn = NULL, *cause = NULL, cmd[256];
	FILE		*f;
	int		 pending = -1;

	(void)state;
	add(o, "clerk01", "key-damaged-1");
	outbox_close(o);
	/* scribble over the pages after the header */
	assert_non_null(f = fopen(path, "r+"));
	fseek(f, 100, SEEK_SET);
	for (int i = 0; i < 8000; i++)
		fputc(i * 7, f);
	fclose(f);
	o = outbox_open(path, &warn, &cause);
	assert_non_null(o);
	assert_non_null(warn);
	assert_int_equal(stat(warn, &sb), 0);	/* kept for support */
	outbox_counts(o, &pending, NULL, NULL);
	assert_int_equal(pending, 0);
	assert_true(add(o, "clerk01", "key-after-01") > 0);
	outbox_close(o);
	snprintf(cmd, sizeof cmd, "rm -f '%s'*", warn);
	system(cmd);
	free(warn);
}

static void
backoff_grows_with_jitter_and_a_cap(void **state)
{
	int	i;
	time_t	w;

	(void)state;
	for (i = 0; i < 200; i++) {
		w = sender_backoff(0, 0);
		assert_true(w >= 1 && w <= 1);
		w = sender_backoff(3, 0);
		assert_true(w >= 1 && w <= 8);
		w = sender_backoff(30, 0);
		assert_true(w >= 1 && w <= 60);
		w = sender_backoff(0, 17);
		assert_true(w >= 17);
	}
}

/* A service read once opens again from the cache, the newer read
 * replacing the older; a code never read is not invented. */
static void
catalog_cache_keeps_the_last_read(void **state)
{
	struct outbox	*o = open_fresh();
	cJSON		*sv, *got;
	long long	 at = 0;

	(void)state;
	sv = cJSON_Parse("{\"txcode\":\"0501\",\"version\":1,"
	    "\"name\":\"高龄津贴申请\",\"form\":{\"version\":1}}");
	assert_int_equal(catalog_cache_put(o, sv), 0);
	cJSON_ReplaceItemInObject(sv, "version", cJSON_CreateNumber(2));
	assert_int_equal(catalog_cache_put(o, sv), 0);
	got = catalog_cache_get(o, "0501", &at);
	assert_non_null(got);
	assert_true(cJSON_Compare(sv, got, 1));
	assert_true(at > time(NULL) - 60 && at <= time(NULL));
	cJSON_Delete(got);
	assert_null(catalog_cache_get(o, "0502", NULL));
	/* without a code it cannot be found again: refused */
	cJSON_DeleteItemFromObject(sv, "txcode");
	assert_int_equal(catalog_cache_put(o, sv), -1);
	assert_null(catalog_cache_get(NULL, "0501", NULL));
	cJSON_Delete(sv);
	outbox_close(o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(in_order_and_per_staff),
		cmocka_unit_test(one_key_one_submission),
		cmocka_unit_test(waiting_found_by_target_until_done),
		cmocka_unit_test(sent_items_keep_no_personal_data),
		cmocka_unit_test(refused_items_retry_or_go),
		cmocka_unit_test(cap_refuses_the_next_and_keeps_the_rest),
		cmocka_unit_test(damaged_file_is_set_aside),
		cmocka_unit_test(backoff_grows_with_jitter_and_a_cap),
		cmocka_unit_test(catalog_cache_keeps_the_last_read),
	};

	return (cmocka_run_group_tests_name("outbox", tests, setup,
	    teardown));
}
