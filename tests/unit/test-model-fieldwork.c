/* Visits, households and tasks from server JSON: strict types, nulls
 * as documented, sanitized text, the households to visit in the order
 * a grid member goes to them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "../../api/households.h"
#include "../../api/tasks.h"
#include "../../api/visits.h"

static const char visit_json[] =
    "{\"id\":88,\"household\":{\"id\":12,\"address\":\"红旗街12号院401\","
    "\"number\":null},\"grid\":{\"id\":1,\"name\":\"红旗社区第1网格\"},"
    "\"community\":{\"id\":1,\"name\":\"红旗社区\"},"
    "\"staff\":{\"id\":2,\"name\":\"刘建军\"},"
    "\"visited_at\":\"2026-11-29T01:30:00Z\",\"met_note\":null,"
    "\"recorded_at\":\"2026-11-29T01:42:10Z\","
    "\"met\":[{\"id\":40,\"name\":\"张红旗\",\"id_number_masked\":"
    "\"610***********0021\"}],\"findings\":[{\"type\":\"normal\","
    "\"note\":null,\"followup\":null,\"event\":null},{\"type\":\"hazard\","
    "\"note\":\"楼道堆放杂物\\u001b[2J\\n影响通行\",\"followup\":\"三日内复查\","
    "\"event\":{\"id\":310,\"category\":\"safety\",\"status\":\"reported\"}}]}";

static const char task_json[] =
    "{\"id\":7,\"title\":\"2027年度高龄津贴认证\",\"note\":null,"
    "\"deadline\":\"2027-01-31\",\"centre\":{\"id\":1,\"name\":\"站\"},"
    "\"query\":{\"community\":{\"id\":1,\"name\":\"红旗社区\"},\"grid\":null,"
    "\"min_age\":80,\"tag\":null},\"created_by\":{\"id\":3,\"name\":\"王秀兰\"},"
    "\"created_at\":\"2026-12-01T01:00:00Z\",\"status\":\"open\","
    "\"progress\":{\"total\":46,\"open\":40,\"done\":4,\"unreachable\":1,"
    "\"refused\":1,\"overdue\":0},\"per_assignee\":[{\"assignee\":{\"id\":2,"
    "\"name\":\"刘建军\"},\"total\":6,\"open\":6,\"done\":0,\"unreachable\":0,"
    "\"refused\":0,\"overdue\":0},{\"assignee\":null,\"total\":1,\"open\":1,"
    "\"done\":0,\"unreachable\":0,\"refused\":0,\"overdue\":0}]}";

static const char item_json[] =
    "{\"id\":301,\"task_id\":7,\"resident\":{\"id\":61,\"name\":\"雷秀英\","
    "\"id_number_masked\":\"610***********0024\"},\"age\":84,"
    "\"address\":\"红旗街8号院\",\"phone_masked\":null,"
    "\"grid\":{\"id\":1,\"name\":\"红旗社区第1网格\"},"
    "\"assignee\":{\"id\":2,\"name\":\"刘建军\"},\"outcome\":null,"
    "\"note\":null,\"recorded_at\":null,\"recorded_by\":null,"
    "\"overdue\":true,\"version\":1}";

static cJSON *
parse(const char *text)
{
	cJSON	*j = cJSON_Parse(text);

	assert_non_null(j);
	return (j);
}

static void
visit_parses_and_is_sanitized(void **state)
{
	struct visit	*v = calloc(1, sizeof *v);
	cJSON		*j = parse(visit_json);
	const char	*cause;

	(void)state;
	assert_int_equal(model_visit_parse(j, v, &cause), 0);
	assert_int_equal(v->household_id, 12);
	assert_string_equal(v->address, "红旗街12号院401");
	assert_string_equal(v->met_note, "");
	assert_int_equal(v->nmet, 1);
	assert_string_equal(v->met[0], "张红旗");
	assert_int_equal(v->nfindings, 2);
	assert_int_equal(v->findings[0].event_id, 0);
	assert_string_equal(v->findings[0].note, "");
	assert_int_equal(v->findings[1].event_id, 310);
	assert_string_equal(v->findings[1].event_status, "reported");
	assert_null(strchr(v->findings[1].note, 0x1b));
	assert_non_null(strchr(v->findings[1].note, '\n'));	/* kept */
	cJSON_Delete(j);
	model_visit_free(v);
}

/* A visit without its findings is not a visit. */
static void
visit_needs_findings(void **state)
{
	struct visit	*v = calloc(1, sizeof *v);
	cJSON		*j = parse(visit_json);
	const char	*cause;

	(void)state;
	cJSON_DeleteItemFromObject(j, "findings");
	assert_int_equal(model_visit_parse(j, v, &cause), -1);
	assert_non_null(cause);
	cJSON_Delete(j);
	model_visit_free(v);
}

/* Never visited first, then the one visited longest ago. */
static void
unvisited_never_first(void **state)
{
	struct unvisited_page	*p = calloc(1, sizeof *p);
	const char		*cause;
	cJSON			*j = parse("{\"items\":["
	    "{\"id\":3,\"address\":\"甲\",\"number\":null,\"grid\":null,"
	    "\"community\":{\"id\":1,\"name\":\"红旗社区\"},\"head\":null,"
	    "\"member_count\":2,\"last_visit_at\":\"2026-10-01T01:00:00Z\"},"
	    "{\"id\":4,\"address\":\"乙\",\"number\":\"0004\",\"grid\":{\"id\":1,"
	    "\"name\":\"第1网格\"},\"community\":{\"id\":1,\"name\":\"红旗社区\"},"
	    "\"head\":{\"id\":9,\"name\":\"李桂芳\",\"id_number_masked\":\"x\"},"
	    "\"member_count\":1,\"last_visit_at\":null},"
	    "{\"id\":5,\"address\":\"丙\",\"number\":null,\"grid\":null,"
	    "\"community\":{\"id\":1,\"name\":\"红旗社区\"},\"head\":null,"
	    "\"member_count\":0,\"last_visit_at\":\"2026-08-01T01:00:00Z\"}],"
	    "\"page\":1,\"per_page\":100,\"total\":3}");

	(void)state;
	assert_int_equal(model_unvisited_page_parse(j, p, &cause), 0);
	assert_int_equal(p->n, 3);
	assert_int_equal(p->items[0].id, 4);
	assert_string_equal(p->items[0].head, "李桂芳");
	assert_int_equal(p->items[0].grid_id, 1);
	assert_int_equal(p->items[1].id, 5);
	assert_int_equal(p->items[2].id, 3);
	assert_string_equal(p->items[2].head, "");
	cJSON_Delete(j);
	model_unvisited_page_free(p);
}

static void
household_parses_members(void **state)
{
	struct household	*h = calloc(1, sizeof *h);
	const char		*cause;
	cJSON			*j = parse("{\"id\":12,\"version\":3,\"address\":\"红旗街\","
	    "\"community\":{\"id\":1,\"name\":\"红旗社区\"},\"grid\":null,"
	    "\"head\":{\"id\":1,\"name\":\"张红旗\",\"id_number_masked\":\"x\"},"
	    "\"member_count\":2,\"members\":[{\"id\":1,\"name\":\"张红旗\","
	    "\"relation\":\"户主\",\"sex\":\"F\",\"age\":41,"
	    "\"id_number_masked\":\"610***********0021\"},{\"id\":2,"
	    "\"name\":\"刘强\",\"relation\":null,\"sex\":\"M\",\"age\":43,"
	    "\"id_number_masked\":\"610***********0038\"}]}");

	(void)state;
	assert_int_equal(model_household_parse(j, h, &cause), 0);
	assert_int_equal(h->grid_id, 0);
	assert_string_equal(h->grid, "");
	assert_int_equal(h->nmembers, 2);
	assert_string_equal(h->members[0].relation, "户主");
	assert_string_equal(h->members[1].relation, "");
	assert_int_equal(h->members[1].age, 43);
	cJSON_Delete(j);
	model_household_free(h);
}

static void
task_parses_progress(void **state)
{
	struct task	*t = calloc(1, sizeof *t);
	cJSON		*j = parse(task_json);
	const char	*cause;

	(void)state;
	assert_int_equal(model_task_parse(j, t, &cause), 0);
	assert_string_equal(t->community, "红旗社区");
	assert_string_equal(t->grid, "");
	assert_string_equal(t->tag, "");
	assert_int_equal(t->min_age, 80);
	assert_string_equal(t->note, "");
	assert_int_equal(t->progress.total, 46);
	assert_int_equal(t->progress.refused, 1);
	assert_int_equal(t->nper_assignee, 2);
	assert_string_equal(t->per_assignee[0].assignee, "刘建军");
	assert_int_equal(t->per_assignee[1].assignee_id, 0);
	assert_string_equal(t->per_assignee[1].assignee, "");
	cJSON_Delete(j);
	model_task_free(t);
}

/* Without a version an outcome could not be recorded safely. */
static void
task_item_needs_version(void **state)
{
	struct task_item	*it = calloc(1, sizeof *it);
	cJSON			*j = parse(item_json);
	const char		*cause;

	(void)state;
	assert_int_equal(model_task_item_parse(j, it, &cause), 0);
	assert_int_equal(it->overdue, 1);
	assert_string_equal(it->outcome, "");
	assert_string_equal(it->phone_masked, "");
	assert_string_equal(it->id_number_masked, "610***********0024");
	assert_int_equal(it->age, 84);
	model_task_item_free(it);
	it = calloc(1, sizeof *it);
	cJSON_DeleteItemFromObject(j, "version");
	assert_int_equal(model_task_item_parse(j, it, &cause), -1);
	cJSON_Delete(j);
	model_task_item_free(it);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(visit_parses_and_is_sanitized),
		cmocka_unit_test(visit_needs_findings),
		cmocka_unit_test(unvisited_never_first),
		cmocka_unit_test(household_parses_members),
		cmocka_unit_test(task_parses_progress),
		cmocka_unit_test(task_item_needs_version),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
