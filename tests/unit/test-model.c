/* Server JSON into the client's models: strict types, sanitized text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "../../api/session.h"
#include "../../api/residents.h"
#include "../../api/catalog.h"
#include "../../api/applications.h"

static const char page_json[] =
    "{\"items\":[{\"id\":1,\"name\":\"张红旗\",\"sex\":\"F\",\"age\":41,"
    "\"id_number_masked\":\"610***********0021\","
    "\"phone_masked\":\"138****0021\","
    "\"community\":{\"id\":1,\"name\":\"红旗社区\"},"
    "\"address\":\"红旗街12号\"}],\"page\":1,\"per_page\":20,\"total\":1}";

static struct resident_page *
parse_page(const char *text, int *rc, const char **cause)
{
	struct resident_page	*p = calloc(1, sizeof *p);
	cJSON			*j = cJSON_Parse(text);

	assert_non_null(j);
	*rc = model_resident_page_parse(j, p, cause);
	cJSON_Delete(j);
	return (p);
}

static void
page_parses(void **state)
{
	struct resident_page	*p;
	const char		*cause;
	int			 rc;

	(void)state;
	p = parse_page(page_json, &rc, &cause);
	assert_int_equal(rc, 0);
	assert_int_equal(p->n, 1);
	assert_int_equal(p->total, 1);
	assert_string_equal(p->items[0].name, "张红旗");
	assert_string_equal(p->items[0].id_number_masked,
	    "610***********0021");
	assert_string_equal(p->items[0].community, "红旗社区");
	model_resident_page_free(p);
}

/* Each mutation of a good reply must be refused, never half-read. */
static void
page_refuses_wrong_types(void **state)
{
	static const char *const bad[] = {
		"{\"items\":{},\"page\":1,\"per_page\":20,\"total\":1}",
		"{\"page\":1,\"per_page\":20,\"total\":1}",
		"{\"items\":[{\"id\":\"1\",\"name\":\"a\",\"sex\":\"F\","
		    "\"age\":1,\"id_number_masked\":\"x\","
		    "\"community\":{\"name\":\"c\"}}],"
		    "\"page\":1,\"per_page\":20,\"total\":1}",
		"{\"items\":[{\"id\":1,\"name\":\"a\",\"sex\":\"F\","
		    "\"age\":1.5,\"id_number_masked\":\"x\","
		    "\"community\":{\"name\":\"c\"}}],"
		    "\"page\":1,\"per_page\":20,\"total\":1}",
		"{\"items\":[{\"id\":1,\"name\":7,\"sex\":\"F\","
		    "\"age\":1,\"id_number_masked\":\"x\","
		    "\"community\":{\"name\":\"c\"}}],"
		    "\"page\":1,\"per_page\":20,\"total\":1}",
		"{\"items\":[],\"page\":1,\"per_page\":20,\"total\":\"1\"}",
		"{\"items\":[],\"page\":0,\"per_page\":20,\"total\":1}",
		"{\"items\":[],\"page\":1,\"per_page\":20,\"total\":1e400}",
	};
	struct resident_page	*p;
	const char		*cause;
	size_t			 i;
	int			 rc;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		cause = NULL;
		p = parse_page(bad[i], &rc, &cause);
		assert_int_equal(rc, -1);
		assert_non_null(cause);
		model_resident_page_free(p);
	}
}

static void
strings_are_sanitized(void **state)
{
	static const char	text[] =
	    "{\"items\":[{\"id\":1,\"name\":\"\\u001b]0;PWNED\\u0007\","
	    "\"sex\":\"F\",\"age\":1,\"id_number_masked\":\"x\","
	    "\"phone_masked\":null,\"address\":\"a\\u202eb\\r\","
	    "\"community\":{\"name\":\"\\u009b2J\"}}],"
	    "\"page\":1,\"per_page\":20,\"total\":1}";
	struct resident_page	*p;
	const char		*cause;
	int			 rc;

	(void)state;
	p = parse_page(text, &rc, &cause);
	assert_int_equal(rc, 0);
	assert_null(strchr(p->items[0].name, 0x1b));
	assert_null(strchr(p->items[0].name, 0x07));
	assert_null(strstr(p->items[0].address, "\xE2\x80\xAE"));
	assert_null(strchr(p->items[0].address, '\r'));
	assert_null(strstr(p->items[0].community, "\xC2\x9B"));
	assert_string_equal(p->items[0].phone_masked, "");
	model_resident_page_free(p);
}

static void
session_needs_a_hex_token(void **state)
{
	struct api_session	*s;
	const char		*cause;
	cJSON			*j;

	(void)state;
	j = cJSON_Parse("{\"token\":\"abc\\r\\nX-Evil: 1\",\"counter\":\"1\","
	    "\"staff\":{\"name\":\"a\",\"username\":\"b\",\"role\":\"clerk\","
	    "\"centre\":{\"id\":1,\"name\":\"c\"}}}");
	s = calloc(1, sizeof *s);
	assert_int_equal(model_session_parse(j, s, &cause), -1);
	model_session_free(s);
	cJSON_Delete(j);
}

/* A first password is said by must_change_password; a server that
 * does not send it means an account that may work at once. */
static void
session_says_a_first_password(void **state)
{
	static const char	*token = "9839dc4b2eea10654e888030b4944cb5"
	    "05ca2fe617bd4ea6038e583cb6ea619a";
	struct api_session	*s;
	const char		*cause;
	char			 text[512];
	cJSON			*j;
	int			 i;

	(void)state;
	for (i = 0; i < 3; i++) {
		snprintf(text, sizeof text, "{\"token\":\"%s\",\"counter\":"
		    "\"1\",%s\"staff\":{\"name\":\"王芳\",\"username\":"
		    "\"wangfang\",\"role\":\"clerk\",\"centre\":{\"id\":1,"
		    "\"name\":\"c\"}}}", token, i == 0 ?
		    "\"must_change_password\":true," : i == 1 ?
		    "\"must_change_password\":false," : "");
		j = cJSON_Parse(text);
		s = calloc(1, sizeof *s);
		assert_int_equal(model_session_parse(j, s, &cause), 0);
		assert_int_equal(s->must_change_password, i == 0);
		model_session_free(s);
		cJSON_Delete(j);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(page_parses),
		cmocka_unit_test(page_refuses_wrong_types),
		cmocka_unit_test(strings_are_sanitized),
		cmocka_unit_test(session_needs_a_hex_token),
		cmocka_unit_test(session_says_a_first_password),
	};

	return (cmocka_run_group_tests_name("model", tests, NULL, NULL));
}
