/* The 一库's people into the client's models: a resident's status,
 * moves, death and open flags; the history; a household; the flags. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "../../api/residents.h"
#include "../../api/history.h"
#include "../../api/households.h"
#include "../../api/flags.h"

#define PERSON \
    "\"id\":7,\"name\":\"赵德厚\",\"sex\":\"M\",\"age\":88," \
    "\"id_number_masked\":\"610***********0013\",\"phone_masked\":null," \
    "\"community\":{\"id\":1,\"name\":\"红旗社区\"}," \
    "\"address\":\"红旗街8号\",\"ethnicity\":\"汉族\",\"grid\":null," \
    "\"household\":{\"id\":12,\"address\":\"红旗街8号\",\"members\":[" \
    "{\"id\":7,\"name\":\"赵德厚\",\"relation\":\"户主\",\"sex\":\"M\"," \
    "\"age\":88,\"id_number_masked\":\"610***********0013\"}]}," \
    "\"tags\":[],\"version\":4"

static struct resident *
resident(const char *text, int *rc, const char **cause)
{
	struct resident	*r = calloc(1, sizeof *r);
	cJSON		*j = cJSON_Parse(text);

	assert_non_null(j);
	*rc = model_resident_parse(j, r, cause);
	cJSON_Delete(j);
	return (r);
}

static void
status_and_flags_parse(void **state)
{
	struct resident	*r;
	const char	*cause;
	int		 rc;

	(void)state;
	r = resident("{" PERSON ",\"status\":\"death_reported\","
	    "\"residence\":\"floating\",\"presence\":\"here_not_registered\","
	    "\"moved_in\":{\"date\":\"2026-10-01\",\"from\":\"渭南市\"},"
	    "\"moved_out\":null,\"death\":{\"date\":\"2026-11-27\","
	    "\"source\":null},\"flags\":[{\"id\":4,\"text\":\"门牌号已变更\\n"
	    "请核实\",\"raised_at\":\"2026-11-18T06:40:00Z\",\"raised_by\":"
	    "{\"id\":2,\"name\":\"刘建军\"}}]}", &rc, &cause);
	assert_int_equal(rc, 0);
	assert_string_equal(r->s.status, "death_reported");
	assert_string_equal(r->residence, "floating");
	assert_string_equal(r->presence, "here_not_registered");
	assert_string_equal(r->moved_in_on, "2026-10-01");
	assert_string_equal(r->moved_in_from, "渭南市");
	assert_string_equal(r->moved_out_on, "");
	assert_string_equal(r->death_date, "2026-11-27");
	assert_string_equal(r->death_source, "");
	assert_int_equal(r->household_id, 12);
	assert_int_equal(r->nflags, 1);
	assert_int_equal(r->flags[0].id, 4);
	assert_string_equal(r->flags[0].raised_by, "刘建军");
	assert_non_null(strstr(r->flags[0].text, "请核实"));
	model_resident_free(r);
}

/* An older server says nothing of status: an active resident. */
static void
status_absent_is_active(void **state)
{
	struct resident	*r;
	const char	*cause;
	int		 rc;

	(void)state;
	r = resident("{" PERSON "}", &rc, &cause);
	assert_int_equal(rc, 0);
	assert_string_equal(r->s.status, "active");
	assert_string_equal(r->residence, "registered");
	assert_int_equal(r->nflags, 0);
	model_resident_free(r);
}

static void
status_wrong_types_refused(void **state)
{
	static const char *const bad[] = {
		"{" PERSON ",\"status\":3}",
		"{" PERSON ",\"death\":\"2026-11-27\"}",
		"{" PERSON ",\"death\":{\"source\":\"x\"}}",
		"{" PERSON ",\"flags\":{}}",
		"{" PERSON ",\"flags\":[{\"text\":\"x\",\"raised_at\":\"t\","
		    "\"raised_by\":{\"name\":\"a\"}}]}",
	};
	struct resident	*r;
	const char	*cause;
	size_t		 i;
	int		 rc;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		cause = NULL;
		r = resident(bad[i], &rc, &cause);
		assert_int_equal(rc, -1);
		assert_non_null(cause);
		model_resident_free(r);
	}
}

static void
history_parses(void **state)
{
	struct history_page	*h = calloc(1, sizeof *h);
	const char		*cause;
	cJSON			*j;

	(void)state;
	j = cJSON_Parse("{\"items\":[{\"id\":77,\"at\":\"2026-11-28T02:10:00Z\","
	    "\"staff\":{\"id\":3,\"name\":\"王秀兰\"},\"action\":"
	    "\"confirm_death\",\"field\":\"status\",\"old_value\":"
	    "\"death_reported\",\"new_value\":\"deceased\",\"reason\":null},"
	    "{\"id\":70,\"at\":\"2026-11-27T09:02:11Z\",\"staff\":null,"
	    "\"action\":\"report_death\",\"field\":\"death_date\",\"old_value\":"
	    "null,\"new_value\":\"2026-11-27\",\"reason\":\"家属告知\\u001b[2J\"}],"
	    "\"page\":1,\"per_page\":50,\"total\":2}");
	assert_int_equal(model_history_parse(j, h, &cause), 0);
	assert_int_equal(h->n, 2);
	assert_string_equal(h->items[0].staff, "王秀兰");
	assert_string_equal(h->items[0].old_value, "death_reported");
	assert_int_equal(h->items[0].old_null, 0);
	assert_string_equal(h->items[0].reason, "");
	assert_string_equal(h->items[1].staff, "");
	assert_int_equal(h->items[1].old_null, 1);
	assert_null(strchr(h->items[1].reason, 0x1b));
	model_history_free(h);
	cJSON_Delete(j);
}

static void
household_parses(void **state)
{
	struct household	*h = calloc(1, sizeof *h);
	const char		*cause;
	cJSON			*j;

	(void)state;
	j = cJSON_Parse("{\"id\":12,\"address\":\"红旗街12号\",\"version\":4,"
	    "\"community\":{\"id\":1,\"name\":\"红旗社区\"},"
	    "\"grid\":{\"id\":3,\"name\":\"红旗社区第1网格\"},\"head\":null,"
	    "\"member_count\":2,\"members\":[{\"id\":1,\"name\":\"张红旗\","
	    "\"relation\":\"户主\",\"sex\":\"F\",\"age\":41,"
	    "\"id_number_masked\":\"610***********0021\"},{\"id\":2,"
	    "\"name\":\"刘强\",\"relation\":\"配偶\",\"sex\":\"M\",\"age\":43,"
	    "\"id_number_masked\":\"610***********0038\"}]}");
	assert_int_equal(model_household_parse(j, h, &cause), 0);
	assert_int_equal(h->version, 4);
	assert_int_equal(h->nmembers, 2);
	assert_string_equal(h->members[1].relation, "配偶");
	model_household_free(h);
	cJSON_Delete(j);
	h = calloc(1, sizeof *h);
	j = cJSON_Parse("{\"id\":12,\"address\":\"a\",\"members\":[]}");
	assert_int_equal(model_household_parse(j, h, &cause), -1);
	model_household_free(h);
	cJSON_Delete(j);
}

static void
flags_parse(void **state)
{
	struct flag_page	*p = calloc(1, sizeof *p);
	const char		*cause;
	cJSON			*j;

	(void)state;
	j = cJSON_Parse("{\"items\":[{\"id\":5,\"resident\":{\"id\":3,"
	    "\"name\":\"刘小雨\",\"id_number_masked\":\"610***********0044\"},"
	    "\"text\":\"姓名有误\",\"status\":\"open\",\"raised_at\":"
	    "\"2026-11-29T03:00:00Z\",\"raised_by\":{\"id\":1,\"name\":"
	    "\"陈晓梅\"},\"resolved_at\":null,\"resolved_by\":null,"
	    "\"resolution\":null}],\"page\":1,\"per_page\":50,\"total\":1}");
	assert_int_equal(model_flag_page_parse(j, p, &cause), 0);
	assert_int_equal(p->n, 1);
	assert_int_equal(p->items[0].resident_id, 3);
	assert_string_equal(p->items[0].resident, "刘小雨");
	assert_string_equal(p->items[0].resolution, "");
	model_flag_page_free(p);
	cJSON_Delete(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(status_and_flags_parse),
		cmocka_unit_test(status_absent_is_active),
		cmocka_unit_test(status_wrong_types_refused),
		cmocka_unit_test(history_parses),
		cmocka_unit_test(household_parses),
		cmocka_unit_test(flags_parse),
	};

	return (cmocka_run_group_tests_name("model-people", tests, NULL,
	    NULL));
}
