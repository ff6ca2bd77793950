/* Replies' JSON text (server/json-print.c) against cJSON's own
 * cJSON_PrintUnformatted(): the same bytes for every kind of item, for
 * numbers at the edges of the integer path and for random ones, for
 * every byte a string may hold. */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "../../server/json-print.h"

/* Both texts of item, equal; the item is freed. */
static void
same(cJSON *item)
{
	char	*want = cJSON_PrintUnformatted(item);
	char	*got = json_print(item);

	if (want == NULL)
		assert_null(got);
	else {
		assert_non_null(got);
		assert_string_equal(got, want);
	}
	free(want);
	free(got);
	cJSON_Delete(item);
}

static void
same_number(double d)
{
	same(cJSON_CreateNumber(d));
}

static void
numbers_at_the_edges(void **state)
{
	static const double	 edges[] = { 0, 1, -1, 7, 10, 99, 100,
	    123456789, 1e15 - 1, -(1e15 - 1), 1e15, -1e15, 1e15 + 1,
	    9007199254740991.0, 9007199254740992.0, 1e16, 1e17, 1e20,
	    0.5, -0.5, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 1e-7, 123.456,
	    100.25, 3.14159265358979, 1e300, -1e300, 1e-300, DBL_MAX,
	    -DBL_MAX, DBL_MIN, 4.9e-324, 2147483647.0, 2147483648.0,
	    -2147483649.0, 4294967296.0, 18446744073709551616.0 };
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof edges / sizeof edges[0]; i++)
		same_number(edges[i]);
	same_number(-0.0);
	same_number(NAN);
	same_number(INFINITY);
	same_number(-INFINITY);
}

static void
random_numbers(void **state)
{
	uint64_t	bits;
	double		d;
	int		i, j;

	(void)state;
	srand(28);
	for (i = 0; i < 200000; i++) {
		for (bits = 0, j = 0; j < 4; j++)
			bits = bits << 16 | (uint64_t)(rand() & 0xffff);
		switch (i % 4) {
		case 0:			/* any bit pattern */
			memcpy(&d, &bits, sizeof d);
			break;
		case 1:			/* ids and counts */
			d = (double)(bits % 100000000);
			break;
		case 2:			/* near the integer path's end */
			d = 1e15 + (double)(int64_t)(bits % 2000) - 1000;
			break;
		default:		/* money and ratios */
			d = (double)(int64_t)(bits % 2000001 - 1000000) /
			    (double)(1 + bits % 1000);
			break;
		}
		same_number(d);
		same_number(-d);
	}
}

static void
every_byte_in_strings(void **state)
{
	char	s[4];
	int	c;

	(void)state;
	for (c = 1; c < 256; c++) {
		s[0] = 'a';
		s[1] = (char)c;
		s[2] = 'z';
		s[3] = '\0';
		same(cJSON_CreateString(s));
	}
	same(cJSON_CreateString(""));
	same(cJSON_CreateString("张红旗 \"引号\" \\ 反斜杠\n换行\t\x01\x1f"));
	same(cJSON_CreateString("\xe4\xb8"));	/* cut UTF-8 passes as is */
}

static void
trees_and_odd_items(void **state)
{
	cJSON	*o, *a, *item;

	(void)state;
	same(cJSON_CreateObject());
	same(cJSON_CreateArray());
	same(cJSON_CreateNull());
	same(cJSON_CreateTrue());
	same(cJSON_CreateFalse());
	same(cJSON_CreateRaw("{\"kept\": [1, 2]}"));
	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", 58757);
	cJSON_AddStringToObject(o, "name", "党轩");
	cJSON_AddNullToObject(o, "phone");
	cJSON_AddTrueToObject(o, "active");
	a = cJSON_AddArrayToObject(o, "items");
	cJSON_AddItemToArray(a, cJSON_CreateObject());
	cJSON_AddItemToArray(a, cJSON_CreateArray());
	cJSON_AddItemToArray(a, cJSON_CreateNumber(0.25));
	item = cJSON_CreateObject();
	cJSON_AddItemToObject(item, "键 \"q\"\n", cJSON_CreateString("值"));
	cJSON_AddItemToArray(a, item);
	cJSON_AddItemToObject(o, "raw", cJSON_CreateRaw("true"));
	same(o);
	/* what cJSON refuses, this refuses: a raw item with no text, an
	 * item of no type, anywhere in a tree */
	item = cJSON_CreateRaw("1");
	free(item->valuestring);
	item->valuestring = NULL;
	a = cJSON_CreateArray();
	cJSON_AddItemToArray(a, item);
	same(a);
	item = cJSON_CreateObject();
	cJSON_AddItemToObject(item, "x", cJSON_CreateNull());
	item->child->type = cJSON_Invalid;
	same(item);
	/* a string item whose text was taken: "" in both */
	item = cJSON_CreateString("x");
	free(item->valuestring);
	item->valuestring = NULL;
	same(item);
	assert_null(json_print(NULL));
}

/* A member written null in its place, the object left as it was. */
static void
one_member_null(void **state)
{
	cJSON	*o = cJSON_CreateObject();
	char	*text;

	(void)state;
	cJSON_AddNumberToObject(o, "id", 7);
	cJSON_AddStringToObject(o, "pickup_code", "012345");
	cJSON_AddItemToObjectCS(o, "expires_at", cJSON_CreateString("x"));
	text = json_print_null(o, "pickup_code");
	assert_string_equal(text, "{\"id\":7,\"pickup_code\":null,"
	    "\"expires_at\":\"x\"}");
	free(text);
	text = json_print_null(o, "expires_at");
	assert_string_equal(text, "{\"id\":7,\"pickup_code\":\"012345\","
	    "\"expires_at\":null}");
	free(text);
	text = json_print_null(o, "none");
	assert_string_equal(text, "{\"id\":7,\"pickup_code\":\"012345\","
	    "\"expires_at\":\"x\"}");
	free(text);
	assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(o,
	    "pickup_code")), "012345");
	same(o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(numbers_at_the_edges),
		cmocka_unit_test(random_numbers),
		cmocka_unit_test(every_byte_in_strings),
		cmocka_unit_test(trees_and_odd_items),
		cmocka_unit_test(one_member_null),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
