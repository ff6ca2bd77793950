/* The queue, events and day's figures from server JSON: strict types,
 * nulls as documented, sanitized text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "../../api/queue.h"
#include "../../api/events.h"
#include "../../api/org.h"
#include "../../api/stats.h"
#include "../../api/catalog.h"
#include "../../api/applications.h"

static const char ticket_json[] =
    "{\"id\":118,\"number\":\"E023\",\"category\":{\"id\":5,\"code\":\"05\","
    "\"name\":\"养老服务\"},\"status\":\"called\","
    "\"issued_at\":\"2026-11-29T08:10:00Z\","
    "\"queued_at\":\"2026-11-29T08:10:00Z\","
    "\"called_at\":\"2026-11-29T08:20:00Z\",\"finished_at\":null,"
    "\"counter\":\"3\",\"called_by\":{\"id\":7,\"name\":\"张丽\"},"
    "\"resident\":null,\"recalls\":1,\"waiting_ahead\":null}";

static const char event_json[] =
    "{\"id\":310,\"category\":\"facilities\",\"location\":\"红旗街12号院\","
    "\"description\":\"楼道灯损坏\\u001b]0;pwned\\u0007\","
    "\"urgency\":\"normal\",\"grid\":{\"id\":3,\"name\":\"第3网格\"},"
    "\"community\":{\"id\":1,\"name\":\"红旗社区\"},\"resident\":null,"
    "\"status\":\"assigned\",\"reporter\":{\"id\":21,\"name\":\"李建军\"},"
    "\"assignee\":{\"id\":21,\"name\":\"李建军\"},"
    "\"reported_at\":\"2026-11-29T01:20:00Z\","
    "\"updated_at\":\"2026-11-29T01:30:00Z\",\"version\":2,"
    "\"unit\":null,\"due_date\":\"2026-12-08\",\"due_soon\":false,"
    "\"overdue\":false,\"self_resolved\":false,\"rating\":null,"
    "\"supervisions\":0,\"extension\":null,\"actions\":[\"sign\"],"
    "\"updates\":[{\"at\":\"2026-11-29T01:20:00Z\",\"action\":\"report\","
    "\"unit\":null,\"rating\":null,\"until\":null,"
    "\"staff\":{\"id\":21,"
    "\"name\":\"李建军\"},\"status\":\"reported\",\"assignee\":null,"
    "\"note\":null},{\"at\":\"2026-11-29T01:30:00Z\",\"action\":\"assign\","
    "\"unit\":null,\"rating\":null,\"until\":null,"
    "\"staff\":{\"id\":3,"
    "\"name\":\"王秀兰\"},\"status\":\"assigned\",\"assignee\":{\"id\":21,"
    "\"name\":\"李建军\"},\"note\":\"请今日内处理\"}]}";

static cJSON *
parse(const char *text)
{
	cJSON	*j = cJSON_Parse(text);

	assert_non_null(j);
	return (j);
}

static void
ticket_parses_with_nulls(void **state)
{
	struct ticket	*t = calloc(1, sizeof *t);
	cJSON		*j = parse(ticket_json);
	const char	*cause;

	(void)state;
	assert_int_equal(model_ticket_parse(j, t, &cause), 0);
	assert_string_equal(t->number, "E023");
	assert_string_equal(t->category, "养老服务");
	assert_int_equal(t->category_id, 5);
	assert_string_equal(t->called_by, "张丽");
	assert_string_equal(t->resident, "");
	assert_int_equal(t->waiting_ahead, -1);
	assert_int_equal(t->recalls, 1);
	cJSON_Delete(j);
	model_ticket_free(t);
}

/* A page of tickets needs its counts too. */
static void
ticket_page_needs_counts(void **state)
{
	struct ticket_page	*p = calloc(1, sizeof *p);
	const char		*cause;
	char			*text;
	cJSON			*j;

	(void)state;
	if (asprintf(&text, "{\"items\":[%s],\"page\":1,\"per_page\":20,"
	    "\"total\":1}", ticket_json) < 0)
		fail();
	j = parse(text);
	assert_int_equal(model_ticket_page_parse(j, p, &cause), -1);
	model_ticket_page_free(p);
	cJSON_AddItemToObject(j, "counts", cJSON_Parse("{\"waiting\":4,"
	    "\"called\":2,\"serving\":0,\"done\":41,\"skipped\":1,"
	    "\"waiting_by_category\":[]}"));
	p = calloc(1, sizeof *p);
	assert_int_equal(model_ticket_page_parse(j, p, &cause), 0);
	assert_int_equal(p->n, 1);
	assert_int_equal(p->waiting, 4);
	assert_int_equal(p->done, 41);
	cJSON_Delete(j);
	free(text);
	model_ticket_page_free(p);
}

static void
event_parses_and_is_sanitized(void **state)
{
	struct event	*e = calloc(1, sizeof *e);
	cJSON		*j = parse(event_json);
	const char	*cause;

	(void)state;
	assert_int_equal(model_event_parse(j, e, &cause), 0);
	assert_null(strchr(e->description, 0x1b));
	assert_null(strchr(e->description, 0x07));
	assert_non_null(strstr(e->description, "楼道灯损坏"));
	assert_int_equal(e->version, 2);
	assert_int_equal(e->assignee_id, 21);
	assert_string_equal(e->resident, "");
	assert_int_equal(e->nupdates, 2);
	assert_string_equal(e->updates[0].note, "");
	assert_string_equal(e->updates[1].assignee, "李建军");
	assert_string_equal(e->updates[1].note, "请今日内处理");
	cJSON_Delete(j);
	model_event_free(e);
}

/* An event without a version could not be updated safely. */
static void
event_refuses_a_missing_version(void **state)
{
	struct event	*e = calloc(1, sizeof *e);
	cJSON		*j = parse(event_json);
	const char	*cause;

	(void)state;
	cJSON_DeleteItemFromObject(j, "version");
	assert_int_equal(model_event_parse(j, e, &cause), -1);
	assert_non_null(cause);
	cJSON_Delete(j);
	model_event_free(e);
}

static const char daily_json[] =
    "{\"date\":\"2026-11-29\",\"centre\":{\"id\":1,\"name\":\"红旗街街道便民服务中心\"},"
    "\"received\":37,\"accepted\":35,\"completed\":22,\"rejected\":1,"
    "\"collected\":18,\"overdue\":2,\"certificates_issued\":9,"
    "\"tickets_issued\":64,\"tickets_done\":58,\"avg_wait_s\":null,"
    "\"per_hour\":[0,0,0,0,0,0,0,0,3,7,8,5,1,0,4,6,3,0,0,0,0,0,0,0],"
    "\"per_service\":[{\"service\":{\"id\":51,\"txcode\":\"0501\","
    "\"name\":\"高龄津贴申请\"},\"received\":6,\"completed\":4}]}";

static void
daily_parses(void **state)
{
	struct daily_stats	*d = calloc(1, sizeof *d);
	cJSON			*j = parse(daily_json);
	const char		*cause;

	(void)state;
	assert_int_equal(model_daily_stats_parse(j, d, &cause), 0);
	assert_int_equal(d->received, 37);
	assert_int_equal(d->avg_wait_s, -1);
	assert_int_equal(d->per_hour[10], 8);
	assert_int_equal(d->nservices, 1);
	assert_string_equal(d->services[0].name, "高龄津贴申请");
	cJSON_Delete(j);
	model_daily_stats_free(d);
}

/* 23 hours, or a fraction, would draw a chart that lies. */
static void
daily_needs_24_whole_hours(void **state)
{
	static const char *const bad[] = {
		"[0,0,0,0,0,0,0,0,3,7,8,5,1,0,4,6,3,0,0,0,0,0,0]",
		"[0,0,0,0,0,0,0,0,3,7,8.5,5,1,0,4,6,3,0,0,0,0,0,0,0]",
		"[0,0,0,0,0,0,0,0,3,7,-8,5,1,0,4,6,3,0,0,0,0,0,0,0]",
		"{}",
	};
	struct daily_stats	*d;
	const char		*cause;
	cJSON			*j;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		j = parse(daily_json);
		cJSON_ReplaceItemInObject(j, "per_hour", cJSON_Parse(bad[i]));
		d = calloc(1, sizeof *d);
		assert_int_equal(model_daily_stats_parse(j, d, &cause), -1);
		model_daily_stats_free(d);
		cJSON_Delete(j);
	}
}

static void
app_rows_parse_overdue_days(void **state)
{
	static const char text[] = "{\"items\":[{\"id\":8712,"
	    "\"number\":\"610202001-20261020-0003\",\"service\":{\"id\":41,"
	    "\"txcode\":\"0403\",\"name\":\"临时救助申请\"},\"resident\":"
	    "{\"id\":77,\"name\":\"赵桂兰\",\"id_number_masked\":"
	    "\"610***********0044\"},\"community\":{\"id\":1,\"name\":"
	    "\"红旗社区\"},\"status\":\"forwarded\",\"counter\":null,"
	    "\"staff\":{\"id\":8,\"name\":\"陈静\"},\"created_at\":"
	    "\"2026-10-20T02:00:00Z\",\"updated_at\":\"2026-10-22T06:00:00Z\","
	    "\"due_date\":\"2026-11-17\",\"overdue\":true,\"version\":4,"
	    "\"overdue_days\":8}],\"page\":1,\"per_page\":20,\"total\":1}";
	struct app_rows	*p = calloc(1, sizeof *p);
	cJSON		*j = parse(text);
	const char	*cause;

	(void)state;
	assert_int_equal(model_app_rows_parse(j, p, &cause), 0);
	assert_int_equal(p->n, 1);
	assert_string_equal(p->items[0].txcode, "0403");
	assert_string_equal(p->items[0].counter, "");
	assert_int_equal(p->items[0].overdue, 1);
	assert_int_equal(p->items[0].overdue_days, 8);
	cJSON_Delete(j);
	model_app_rows_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ticket_parses_with_nulls),
		cmocka_unit_test(ticket_page_needs_counts),
		cmocka_unit_test(event_parses_and_is_sanitized),
		cmocka_unit_test(event_refuses_a_missing_version),
		cmocka_unit_test(daily_parses),
		cmocka_unit_test(daily_needs_24_whole_hours),
		cmocka_unit_test(app_rows_parse_overdue_days),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
