/* Evaluation (好差评) from server JSON: the counter's pending evaluation,
 * a rating, follow-ups one and a page, the satisfaction figures. Each
 * valid reply is read whole with its text sanitized; a malformed one is
 * refused whole, with a cause, and frees cleanly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "../../api/evaluations.h"
#include "../../api/followups.h"
#include "../../api/stats.h"

static const char pending_json[] =
    "{\"pending\":{\"id\":31,\"counter\":\"1\",\"occasion\":\"completed\","
    "\"object\":\"application/9001\",\"service\":\"高龄津贴申请\","
    "\"staff\":{\"id\":7,\"name\":\"张丽\"},"
    "\"created_at\":\"2026-11-29T08:41:00Z\","
    "\"expires_at\":\"2026-11-29T08:46:00Z\","
    "\"reasons\":[{\"code\":\"attitude\",\"label\":\"服务态度不好\"},"
    "{\"code\":\"slow\",\"label\":\"办理时间太长\\u001b[2J\"},"
    "{\"code\":\"other\",\"label\":\"其他\"}]}}";

static const char rating_json[] =
    "{\"id\":12,\"object\":\"application/9001\",\"occasion\":\"completed\","
    "\"level\":\"very_dissatisfied\",\"good\":false,"
    "\"reasons\":[\"attitude\"],\"comment\":\"等了很久\","
    "\"channel\":\"counter\",\"counter\":\"1\",\"service\":\"高龄津贴申请\","
    "\"staff\":{\"id\":7,\"name\":\"张丽\"},"
    "\"rated_at\":\"2026-11-29T08:42:10Z\",\"followup_id\":4}";

#define FOLLOWUP_RATING \
    "\"rating\":{\"id\":12,\"object\":\"application/9001\"," \
    "\"occasion\":\"completed\",\"level\":\"very_dissatisfied\"," \
    "\"good\":false,\"reasons\":[\"attitude\",\"slow\"]," \
    "\"comment\":\"窗口态度生硬\\n等了很久\",\"channel\":\"counter\"," \
    "\"counter\":\"1\",\"service\":\"高龄津贴申请\"," \
    "\"staff\":{\"id\":7,\"name\":\"张丽\"}," \
    "\"rated_at\":\"2026-11-29T08:42:10Z\",\"followup_id\":4}"

static const char followup_json[] =
    "{\"id\":4,\"status\":\"closed\"," FOLLOWUP_RATING ","
    "\"opened_at\":\"2026-11-29T08:42:10Z\",\"due_date\":\"2026-12-20\","
    "\"overdue\":false,"
    "\"callback\":{\"notes\":\"已电话回访，居民反映排队时间长\","
    "\"at\":\"2026-11-30T02:00:00Z\",\"staff\":{\"id\":9,"
    "\"name\":\"王站长\"}},"
    "\"rectification\":{\"notes\":\"已批评教育\",\"at\":"
    "\"2026-12-01T02:00:00Z\",\"staff\":{\"id\":9,\"name\":\"王站长\"}},"
    "\"closing\":{\"notes\":null,\"answer\":\"satisfied\",\"at\":"
    "\"2026-12-02T02:00:00Z\",\"staff\":{\"id\":9,\"name\":\"王站长\"}},"
    "\"version\":4}";

static const char followup_page_json[] =
    "{\"items\":[{\"id\":5,\"status\":\"open\","
    "\"rating\":{\"id\":13,\"object\":\"ticket/77\",\"occasion\":\"ticket\","
    "\"level\":\"dissatisfied\",\"good\":false,\"reasons\":[],"
    "\"comment\":\"没人叫号\",\"channel\":\"web\",\"counter\":null,"
    "\"service\":\"养老服务\",\"staff\":null,"
    "\"rated_at\":\"2026-11-29T09:00:00Z\",\"followup_id\":5},"
    "\"opened_at\":\"2026-11-29T09:00:00Z\",\"due_date\":\"2026-11-30\","
    "\"overdue\":true,\"callback\":null,\"rectification\":null,"
    "\"closing\":null,\"version\":1}],"
    "\"page\":1,\"per_page\":20,\"total\":1}";

static const char satisfaction_json[] =
    "{\"from\":\"2026-11-29\",\"to\":\"2026-11-29\","
    "\"total\":{\"key\":\"\",\"rated\":20,\"good\":18,\"bad\":2,"
    "\"rate_permille\":900},"
    "\"per_counter\":[{\"key\":\"1\",\"rated\":12,\"good\":11,\"bad\":1,"
    "\"rate_permille\":916},{\"key\":\"2\",\"rated\":0,\"good\":0,"
    "\"bad\":0,\"rate_permille\":null}],"
    "\"per_service\":[{\"key\":\"高龄津贴申请\",\"rated\":3,\"good\":2,"
    "\"bad\":1,\"rate_permille\":666}],"
    "\"per_staff\":[{\"key\":\"张丽\",\"staff_id\":7,\"rated\":12,"
    "\"good\":11,\"bad\":1,\"rate_permille\":916}],"
    "\"followups\":{\"open\":2,\"overdue\":1,\"closed\":5}}";

static cJSON *
parse(const char *text)
{
	cJSON	*j = cJSON_Parse(text);

	assert_non_null(j);
	return (j);
}

/* Replaces the first "from" in text (which must be there) by "to". */
static cJSON *
parse_changed(const char *text, const char *from, const char *to)
{
	const char	*at = strstr(text, from);
	char		*s;
	cJSON		*j;

	assert_non_null(at);
	s = malloc(strlen(text) + strlen(to) + 1);
	assert_non_null(s);
	memcpy(s, text, (size_t)(at - text));
	strcpy(s + (at - text), to);
	strcat(s, at + strlen(from));
	j = parse(s);
	free(s);
	return (j);
}

static void
pending_parses_sanitized(void **state)
{
	struct pending_eval	*p = calloc(1, sizeof *p);
	cJSON			*j = parse(pending_json);
	const char		*cause;

	(void)state;
	assert_int_equal(model_pending_eval_parse(j, p, &cause), 0);
	assert_int_equal(p->id, 31);
	assert_string_equal(p->counter, "1");
	assert_string_equal(p->occasion, "completed");
	assert_string_equal(p->object, "application/9001");
	assert_string_equal(p->service, "高龄津贴申请");
	assert_string_equal(p->staff, "张丽");
	assert_string_equal(p->expires_at, "2026-11-29T08:46:00Z");
	assert_int_equal(p->nreasons, 3);
	assert_string_equal(p->reasons[0].code, "attitude");
	assert_string_equal(p->reasons[0].label, "服务态度不好");
	/* the escape from the server never reaches the resident's screen */
	assert_null(strchr(p->reasons[1].label, '\033'));
	assert_non_null(strstr(p->reasons[1].label, "办理时间太长"));
	assert_string_equal(p->reasons[2].label, "其他");
	model_pending_eval_free(p);
	cJSON_Delete(j);
}

static void
pending_none(void **state)
{
	struct pending_eval	*p = calloc(1, sizeof *p);
	cJSON			*j = parse("{\"pending\":null}");
	const char		*cause;

	(void)state;
	assert_int_equal(model_pending_eval_parse(j, p, &cause), 0);
	assert_int_equal(p->id, 0);
	assert_int_equal(p->nreasons, 0);
	model_pending_eval_free(p);
	cJSON_Delete(j);
}

/* Each change makes the reply malformed: refused whole, with a cause. */
static void
pending_refuses_malformed(void **state)
{
	static const char *const bad[][2] = {
		{ "\"id\":31", "\"id\":\"31\"" },
		{ "\"id\":31", "\"id\":0" },
		{ "\"service\":\"高龄津贴申请\"", "\"service\":7" },
		{ "\"occasion\":\"completed\",", "" },
		{ "\"reasons\":[{", "\"reasons\":\"服务态度不好\",\"x\":[{" },
		{ "\"label\":\"其他\"", "\"label\":null" },
		{ "{\"pending\":{", "{\"waiting\":{" },
	};
	struct pending_eval	*p;
	const char		*cause;
	cJSON			*j;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		p = calloc(1, sizeof *p);
		j = parse_changed(pending_json, bad[i][0], bad[i][1]);
		assert_int_equal(model_pending_eval_parse(j, p, &cause), -1);
		assert_non_null(cause);
		model_pending_eval_free(p);
		cJSON_Delete(j);
	}
}

static void
rating_parses(void **state)
{
	struct rating	*r = calloc(1, sizeof *r);
	cJSON		*j = parse(rating_json);
	const char	*cause;

	(void)state;
	assert_int_equal(model_rating_parse(j, r, &cause), 0);
	assert_int_equal(r->id, 12);
	assert_string_equal(r->level, "very_dissatisfied");
	assert_false(r->good);
	assert_int_equal(r->followup_id, 4);
	model_rating_free(r);
	cJSON_Delete(j);
	/* a good one opens no follow-up */
	r = calloc(1, sizeof *r);
	j = parse_changed(rating_json, "\"good\":false", "\"good\":true");
	cJSON_ReplaceItemInObjectCaseSensitive(j, "followup_id",
	    cJSON_CreateNull());
	assert_int_equal(model_rating_parse(j, r, &cause), 0);
	assert_true(r->good);
	assert_int_equal(r->followup_id, 0);
	model_rating_free(r);
	cJSON_Delete(j);
}

static void
rating_refuses_malformed(void **state)
{
	static const char *const bad[][2] = {
		{ "\"id\":12", "\"id\":-12" },
		{ "\"level\":\"very_dissatisfied\"", "\"level\":5" },
		{ "\"good\":false", "\"good\":\"false\"" },
		{ "\"good\":false,", "" },
		{ "\"followup_id\":4", "\"followup_id\":\"4\"" },
		{ "\"followup_id\":4", "\"followup_id\":0" },
	};
	struct rating	*r;
	const char	*cause;
	cJSON		*j;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		r = calloc(1, sizeof *r);
		j = parse_changed(rating_json, bad[i][0], bad[i][1]);
		assert_int_equal(model_rating_parse(j, r, &cause), -1);
		assert_non_null(cause);
		model_rating_free(r);
		cJSON_Delete(j);
	}
}

static void
followup_parses_its_steps(void **state)
{
	struct followup	*f = calloc(1, sizeof *f);
	cJSON		*j = parse(followup_json);
	const char	*cause;

	(void)state;
	assert_int_equal(model_followup_parse(j, f, &cause), 0);
	assert_int_equal(f->id, 4);
	assert_int_equal(f->version, 4);
	assert_string_equal(f->status, "closed");
	assert_string_equal(f->due_date, "2026-12-20");
	assert_false(f->overdue);
	assert_string_equal(f->level, "very_dissatisfied");
	assert_string_equal(f->reasons, "attitude,slow");
	/* a multi-line comment keeps its break */
	assert_string_equal(f->comment, "窗口态度生硬\n等了很久");
	assert_string_equal(f->channel, "counter");
	assert_string_equal(f->counter, "1");
	assert_string_equal(f->staff, "张丽");
	assert_string_equal(f->callback.notes, "已电话回访，居民反映排队时间长");
	assert_string_equal(f->callback.staff, "王站长");
	assert_string_equal(f->rectification.notes, "已批评教育");
	assert_string_equal(f->closing.notes, "");
	assert_string_equal(f->closing.at, "2026-12-02T02:00:00Z");
	assert_string_equal(f->answer, "satisfied");
	model_followup_free(f);
	cJSON_Delete(j);
}

static void
followup_page_open_steps_empty(void **state)
{
	struct followup_page	*p = calloc(1, sizeof *p);
	cJSON			*j = parse(followup_page_json);
	const char		*cause;

	(void)state;
	assert_int_equal(model_followup_page_parse(j, p, &cause), 0);
	assert_int_equal(p->n, 1);
	assert_int_equal(p->pg.total, 1);
	assert_true(p->items[0].overdue);
	assert_string_equal(p->items[0].channel, "web");
	assert_string_equal(p->items[0].counter, "");
	assert_string_equal(p->items[0].staff, "");
	assert_string_equal(p->items[0].reasons, "");
	assert_string_equal(p->items[0].comment, "没人叫号");
	assert_string_equal(p->items[0].callback.at, "");
	assert_string_equal(p->items[0].closing.notes, "");
	assert_string_equal(p->items[0].answer, "");
	model_followup_page_free(p);
	cJSON_Delete(j);
}

static void
followup_refuses_malformed(void **state)
{
	static const char *const bad[][2] = {
		{ "\"version\":4", "\"version\":\"4\"" },
		{ "\"overdue\":false", "\"overdue\":0" },
		{ "\"status\":\"closed\"", "\"status\":null" },
		{ "\"reasons\":[\"attitude\",\"slow\"]",
		    "\"reasons\":[\"attitude\",2]" },
		{ "\"answer\":\"satisfied\",", "" },
		{ "\"callback\":{\"notes\"", "\"callback\":[],\"x\":{\"notes\"" },
		{ "\"rating\":{", "\"rated\":{" },
	};
	struct followup	*f;
	const char	*cause;
	cJSON		*j;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		f = calloc(1, sizeof *f);
		j = parse_changed(followup_json, bad[i][0], bad[i][1]);
		assert_int_equal(model_followup_parse(j, f, &cause), -1);
		assert_non_null(cause);
		model_followup_free(f);
		cJSON_Delete(j);
	}
}

static void
followup_page_refuses_a_bad_item(void **state)
{
	struct followup_page	*p = calloc(1, sizeof *p);
	cJSON			*j = parse_changed(followup_page_json,
				    "\"overdue\":true", "\"overdue\":\"yes\"");
	const char		*cause;

	(void)state;
	assert_int_equal(model_followup_page_parse(j, p, &cause), -1);
	assert_non_null(cause);
	model_followup_page_free(p);
	cJSON_Delete(j);
}

static void
satisfaction_parses(void **state)
{
	struct satisfaction	*s = calloc(1, sizeof *s);
	cJSON			*j = parse(satisfaction_json);
	const char		*cause;

	(void)state;
	assert_int_equal(model_satisfaction_parse(j, s, &cause), 0);
	assert_string_equal(s->from, "2026-11-29");
	assert_int_equal(s->total.rated, 20);
	assert_int_equal(s->total.permille, 900);
	assert_string_equal(s->total.key, "");
	assert_int_equal(s->ncounter, 2);
	assert_int_equal(s->per_counter[0].permille, 916);
	/* none rated: no rate, not 0% */
	assert_int_equal(s->per_counter[1].permille, -1);
	assert_int_equal(s->nservice, 1);
	assert_string_equal(s->per_service[0].key, "高龄津贴申请");
	assert_int_equal(s->per_service[0].bad, 1);
	assert_int_equal(s->nstaff, 1);
	assert_string_equal(s->per_staff[0].key, "张丽");
	assert_int_equal(s->fu_open, 2);
	assert_int_equal(s->fu_overdue, 1);
	assert_int_equal(s->fu_closed, 5);
	model_satisfaction_free(s);
	cJSON_Delete(j);
}

static void
satisfaction_refuses_malformed(void **state)
{
	static const char *const bad[][2] = {
		{ "\"rate_permille\":900", "\"rate_permille\":1001" },
		{ "\"rate_permille\":916", "\"rate_permille\":\"91.6%\"" },
		{ "\"rated\":20", "\"rated\":-1" },
		{ "\"good\":18", "\"good\":18.5" },
		{ "\"per_service\":[", "\"per_service\":null,\"x\":[" },
		{ "\"followups\":{", "\"follow\":{" },
		{ "\"total\":{", "\"sum\":{" },
		{ "\"key\":\"张丽\"", "\"key\":7" },
		{ "\"closed\":5", "\"closed\":null" },
	};
	struct satisfaction	*s;
	const char		*cause;
	cJSON			*j;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		s = calloc(1, sizeof *s);
		j = parse_changed(satisfaction_json, bad[i][0], bad[i][1]);
		assert_int_equal(model_satisfaction_parse(j, s, &cause), -1);
		assert_non_null(cause);
		model_satisfaction_free(s);
		cJSON_Delete(j);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pending_parses_sanitized),
		cmocka_unit_test(pending_none),
		cmocka_unit_test(pending_refuses_malformed),
		cmocka_unit_test(rating_parses),
		cmocka_unit_test(rating_refuses_malformed),
		cmocka_unit_test(followup_parses_its_steps),
		cmocka_unit_test(followup_page_open_steps_empty),
		cmocka_unit_test(followup_refuses_malformed),
		cmocka_unit_test(followup_page_refuses_a_bad_item),
		cmocka_unit_test(satisfaction_parses),
		cmocka_unit_test(satisfaction_refuses_malformed),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
