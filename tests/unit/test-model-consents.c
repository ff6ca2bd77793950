/* Departments' purposes, consents and the 查询记录 into the client's
 * models (api/consents.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "../../api/consents.h"

#define DIBAO \
    "{\"code\":\"mz-dibao\",\"department\":{\"code\":\"mz\"," \
    "\"name\":\"民政\"},\"name\":\"低保家庭经济状况核对\"," \
    "\"basis\":\"《社会救助暂行办法》第十一条\",\"fields\":[\"name\"]," \
    "\"consent\":\"household_adults\",\"consent_days\":365,\"active\":true}"

static void
purposes_parse(void **state)
{
	struct dept_purpose_list	*l = calloc(1, sizeof *l);
	const char		*cause;
	cJSON			*j;

	(void)state;
	j = cJSON_Parse("{\"items\":[" DIBAO ",{\"code\":\"mz-gaoling\","
	    "\"department\":{\"code\":\"mz\",\"name\":\"民政\"},\"name\":"
	    "\"高龄津贴资格核查\",\"basis\":\"b\",\"fields\":[],\"consent\":"
	    "\"none\",\"consent_days\":null,\"active\":true}]}");
	assert_int_equal(model_purpose_list_parse(j, l, &cause), 0);
	assert_int_equal(l->n, 2);
	assert_string_equal(l->items[0].dept, "民政");
	assert_string_equal(l->items[0].consent, "household_adults");
	assert_int_equal(l->items[0].consent_days, 365);
	assert_int_equal(l->items[1].consent_days, 0);
	assert_int_equal(l->items[0].nfields, 1);
	assert_string_equal(l->items[0].fields[0], "name");
	assert_int_equal(l->items[1].nfields, 0);
	model_purpose_list_free(l);
	cJSON_Delete(j);
}

static void
consent_parse_and_refuse(void **state)
{
	struct consent_list	*l = calloc(1, sizeof *l);
	const char		*cause;
	cJSON			*j;

	(void)state;
	j = cJSON_Parse("{\"items\":[{\"id\":3,\"resident\":{\"id\":1,"
	    "\"name\":\"张红旗\",\"id_number_masked\":\"610***********0021\"},"
	    "\"purpose\":{\"code\":\"mz-dibao\",\"name\":\"低保家庭经济状况核对\","
	    "\"department\":{\"code\":\"mz\",\"name\":\"民政\"}},\"scope\":"
	    "\"家庭收入\\u001b[2J核对\",\"signed_on\":\"2026-11-29\","
	    "\"expires_on\":\"2027-11-29\",\"withdrawn_on\":null,"
	    "\"withdraw_reason\":null,\"recorded_by\":{\"id\":1,\"name\":"
	    "\"陈晓梅\"},\"recorded_at\":\"2026-11-29T03:00:00Z\","
	    "\"valid\":true}]}");
	assert_int_equal(model_consent_list_parse(j, l, &cause), 0);
	assert_int_equal(l->n, 1);
	assert_string_equal(l->items[0].dept, "民政");
	assert_string_equal(l->items[0].withdrawn_on, "");
	assert_null(strchr(l->items[0].scope, 0x1b));	/* sanitized */
	assert_int_equal(l->items[0].valid, 1);
	model_consent_list_free(l);
	cJSON_Delete(j);
	l = calloc(1, sizeof *l);
	j = cJSON_Parse("{\"items\":[{\"id\":3,\"purpose\":null}]}");
	assert_int_equal(model_consent_list_parse(j, l, &cause), -1);
	assert_non_null(cause);
	model_consent_list_free(l);
	cJSON_Delete(j);
}

static void
reads_parse(void **state)
{
	struct read_list	*l = calloc(1, sizeof *l);
	const char		*cause;
	cJSON			*j;

	(void)state;
	j = cJSON_Parse("{\"resident\":{\"id\":1,\"name\":\"张红旗\","
	    "\"id_number_masked\":\"610***********0021\"},\"items\":["
	    "{\"at\":\"2026-11-29T03:00:00Z\",\"kind\":\"dept_read\","
	    "\"staff\":{\"id\":9,\"name\":\"民政核对员\",\"username\":"
	    "\"dept-mz\"},\"department\":{\"code\":\"mz\",\"name\":\"民政\"},"
	    "\"purpose\":{\"code\":\"mz-dibao\",\"name\":\"低保家庭经济状况核对\","
	    "\"basis\":\"b\"},\"records\":1,\"refused\":false,\"reason\":null},"
	    "{\"at\":\"2026-11-28T03:00:00Z\",\"kind\":\"reveal\",\"staff\":"
	    "{\"id\":1,\"name\":\"陈晓梅\",\"username\":\"clerk01\"},"
	    "\"department\":null,\"purpose\":null,\"records\":null,"
	    "\"refused\":false,\"reason\":\"核对身份\"}]}");
	assert_int_equal(model_read_list_parse(j, l, &cause), 0);
	assert_string_equal(l->resident, "张红旗");
	assert_int_equal(l->n, 2);
	assert_string_equal(l->items[0].purpose, "低保家庭经济状况核对");
	assert_int_equal(l->items[0].records, 1);
	assert_string_equal(l->items[1].dept, "");
	assert_string_equal(l->items[1].reason, "核对身份");
	model_read_list_free(l);
	cJSON_Delete(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(purposes_parse),
		cmocka_unit_test(consent_parse_and_refuse),
		cmocka_unit_test(reads_parse),
	};

	return (cmocka_run_group_tests_name("model-consents", tests, NULL,
	    NULL));
}
