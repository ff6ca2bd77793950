/* The server's pure pieces: the strict JSON parser, pinyin initials,
 * the working-day calendar, input formats and masking, the audit chain's
 * canonical hash, and form data checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "../../server/audit.h"
#include "../../server/calendar.h"
#include "../../server/form.h"
#include "../../server/json.h"
#include "../../server/jsonparse.h"
#include "../../server/pinyin.h"
#include "../../server/valid.h"
#include "../../util/log.h"

/* Parses s strictly; NULL if refused. */
static cJSON *
parse(const char *s)
{
	const char	*why = NULL;

	return (json_parse_strict(s, strlen(s), &why));
}

static void
strict_json(void **state)
{
	static const char *const	 bad[] = {
		"{\"a\":1,\"a\":2}", "{\"a\":\"\\u0000\"}", "{\"a\":\"\\ud800\"}",
		"{\"a\":1} x", "{\"a\":01}", "{\"a\":1.}", "{\"a\":-}",
		"{'a':1}", "{\"a\":\"\x01\"}", "[1,]", "{\"a\":tru}", "",
	};
	cJSON				*v;
	long long			 n;
	size_t				 i;
	char				*deep;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_null(parse(bad[i]));
	v = parse("{\"名字\":\"张红旗\",\"n\":9007199254740991,\"f\":1e3,"
	    "\"s\":\"\\ud83d\\ude00\\n\"}");
	assert_non_null(v);
	assert_string_equal(cJSON_GetObjectItem(v, "名字")->valuestring,
	    "张红旗");
	assert_true(json_is_int(cJSON_GetObjectItem(v, "n"), &n));
	assert_true(n == 9007199254740991LL);
	assert_false(json_is_int(cJSON_GetObjectItem(v, "f"), &n));
	assert_string_equal(cJSON_GetObjectItem(v, "s")->valuestring,
	    "\xf0\x9f\x98\x80\n");
	cJSON_Delete(v);
	v = parse("{\"n\":90071992547409920}");
	assert_false(json_is_int(cJSON_GetObjectItem(v, "n"), &n));
	cJSON_Delete(v);
	deep = malloc(200);
	memset(deep, '[', 199);
	deep[199] = '\0';
	assert_null(parse(deep));
	free(deep);
}

static void
initials(void **state)
{
	char	out[32];

	(void)state;
	pinyin_initials("张红旗", out, sizeof out);
	assert_string_equal(out, "zhq");
	pinyin_initials("高龄津贴申请", out, sizeof out);
	assert_string_equal(out, "gljtsq");
	pinyin_initials("中国建设银行", out, sizeof out);
	assert_string_equal(out, "zgjsyh");
	pinyin_initials("买买提·艾力", out, sizeof out);
	assert_string_equal(out, "mmtal");
	pinyin_initials("A1 区", out, sizeof out);
	assert_string_equal(out, "a1q");
	pinyin_initials("张红旗", out, 3);
	assert_string_equal(out, "zh");
	/* beyond GB 2312's level 1, and beyond the BMP */
	pinyin_initials("赵梦雯", out, sizeof out);
	assert_string_equal(out, "zmw");
	pinyin_initials("夏萱思", out, sizeof out);
	assert_string_equal(out, "xxs");
	pinyin_initials("王\xf0\xa0\x80\x80堃", out, sizeof out);	/* 𠀀 */
	assert_string_equal(out, "whk");
	pinyin_initials("银行 单", out, sizeof out);
	assert_string_equal(out, "yhs");
}

/* Writes text to a new temporary file; its path, which the caller
 * unlinks and frees. */
static char *
temp_file(const char *text)
{
	char	*path = strdup("/tmp/bianmin-cal.XXXXXX");
	int	 fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return (path);
}

/* The installed calendar: the State Council's 2025 and 2026 schedules. */
static void
working_days(void **state)
{
	char	out[11], *cause = NULL;

	(void)state;
	assert_int_equal(calendar_load("server/data/calendar-cn.txt",
	    &cause), 0);
	assert_false(calendar_workday("2026-10-01"));	/* 国庆 */
	assert_true(calendar_workday("2026-10-10"));	/* 调休, a Saturday */
	assert_false(calendar_workday("2026-11-28"));	/* Saturday */
	assert_true(calendar_workday("2026-11-30"));	/* Monday */
	assert_false(calendar_workday("2027-03-07"));	/* Sunday */
	calendar_add_workdays("2026-11-27", 1, out);	/* Friday */
	assert_string_equal(out, "2026-11-30");
	calendar_add_workdays("2026-11-29", 0, out);
	assert_string_equal(out, "2026-11-29");
	/* over 国庆: the 8th and 9th, then the 10th, a Saturday worked */
	calendar_add_workdays("2026-09-30", 3, out);
	assert_string_equal(out, "2026-10-10");
	/* over 春节: the 14th is a Saturday worked, then nine days off */
	calendar_add_workdays("2026-02-13", 2, out);
	assert_string_equal(out, "2026-02-24");
	assert_int_equal(calendar_workdays_between("2026-11-27",
	    "2026-12-04"), 5);
	assert_int_equal(calendar_workdays_between("2026-12-04",
	    "2026-11-27"), 0);
	calendar_until("2026-12-06", out);
	assert_string_equal(out, "2026-12-31");
	calendar_until("2027-01-04", out);
	assert_string_equal(out, "");
	calendar_clear();
}

/* A new year comes from a file, no C touched; past it, weekends only. */
static void
next_year_from_a_file(void **state)
{
	char	out[11], *cause = NULL, *path;

	(void)state;
	path = temp_file("# a test schedule, not the real one\n"
	    "2026-12-31 off\n"
	    "2027-01-01..2027-01-03 off new year\n"
	    "2027-01-04 work\n"
	    "2027-01-09 work a Saturday\n"
	    "year 2028\n");
	assert_int_equal(calendar_load(path, &cause), 0);
	/* Wednesday 2026-12-30 plus 2: the 31st is off, the 1st is off */
	calendar_add_workdays("2026-12-30", 2, out);
	assert_string_equal(out, "2027-01-05");
	assert_true(calendar_workday("2027-01-04"));	/* a Monday anyway */
	assert_true(calendar_workday("2027-01-09"));	/* Saturday worked */
	assert_false(calendar_workday("2027-01-10"));	/* Sunday */
	/* 2028 is declared, with no changes: the week alone */
	calendar_until("2027-06-01", out);
	assert_string_equal(out, "2028-12-31");
	/* 2029 is not covered: weekends only, and it still answers */
	calendar_add_workdays("2029-01-01", 1, out);	/* a Monday */
	assert_string_equal(out, "2029-01-02");
	calendar_until("2029-01-01", out);
	assert_string_equal(out, "");
	unlink(path);
	free(path);
	calendar_clear();
}

/* A mistake names its line, and a reload keeps the calendar in use. */
static void
bad_calendar_files(void **state)
{
	static const char *const	 bad[] = {
		"2027-02-30 off\n", "2027-01-01 holiday\n", "2027-01-01\n",
		"# both ways\n2027-01-01 off\n2027-01-01 work\n", "year 27\n",
		"2027-12-30..2028-01-02 off\n", "2027-01-05..2027-01-02 off\n",
		"27-01-01 off\n",
	};
	char				 at[16];
	char				 out[11], *cause = NULL, *path;
	size_t				 i;

	(void)state;
	assert_int_equal(calendar_load("server/data/calendar-cn.txt",
	    &cause), 0);
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		path = temp_file(bad[i]);
		assert_int_equal(calendar_load(path, &cause), -1);
		/* the line at fault: the last one of each */
		snprintf(at, sizeof at, ":%d: ", i == 3 ? 3 : 1);
		assert_non_null(strstr(cause, at));
		free(cause);
		cause = NULL;
		unlink(path);
		free(path);
	}
	assert_int_equal(calendar_load("/nonexistent/calendar", &cause), -1);
	free(cause);
	assert_false(calendar_workday("2026-10-01"));	/* still 国庆 */
	calendar_until("2026-01-01", out);
	assert_string_equal(out, "2026-12-31");
	calendar_clear();
}

static void
formats(void **state)
{
	char	norm[20], *m;

	(void)state;
	assert_null(valid_id_number("61020219671111005x", norm));
	assert_string_equal(norm, "61020219671111005X");
	assert_string_equal(valid_id_number("610202198503150022", norm),
	    "check_digit");
	assert_string_equal(valid_id_number("990202198503150021", norm),
	    "region");
	assert_string_equal(valid_id_number("610202198502300021", norm),
	    "birth_date");
	assert_string_equal(valid_id_number("610202850315002", norm),
	    "pattern");
	assert_true(valid_phone("0919-1234567", norm));
	assert_string_equal(norm, "09191234567");
	assert_true(valid_phone("13812340021", norm));
	assert_false(valid_phone("12812340021", norm));
	assert_null(valid_uscc("91350100M000100Y43"));
	assert_string_equal(valid_uscc("91350100M000100Y44"), "check_digit");
	assert_string_equal(valid_uscc("91350100M000100YI3"), "pattern");
	assert_false(valid_controls("a\u202eb", 0));
	assert_false(valid_controls("a\nb", 0));
	assert_true(valid_controls("a\nb", 1));
	assert_false(valid_controls("a\r\nb", 1));
	assert_true(valid_date("2024-02-29"));
	assert_false(valid_date("2026-02-29"));
	m = mask_id("610202198503150021");
	assert_string_equal(m, "610***********0021");
	free(m);
	m = mask_phone("13812340021");
	assert_string_equal(m, "138****0021");
	free(m);
}

/* Vectors computed independently from docs/api.md 14 (RFC 8785 JSON
 * text, SHA-256 over the previous hash and it). */
static void
audit_chain(void **state)
{
	char	h1[65], h2[65];

	(void)state;
	audit_hash("", 1, "2026-11-29T08:29:41Z", 7, "zhangli", "reveal",
	    "resident/40", "居民\n核对\"身份\x01", "10.12.0.31", h1);
	assert_string_equal(h1, "3b1a89acc65a6e092a33225cf3861c9e2e2de9b7cfb1c5"
	    "ffe6ef946397453e90");
	audit_hash(h1, 2, "2026-11-29T08:30:00Z", 0, NULL, "login_failed",
	    NULL, "nobody", "127.0.0.1", h2);
	assert_string_equal(h2, "52684b9407475a36d31cbade7f7ffb0cbc99156b74ab49"
	    "21b09aab12e7ae98c7");
}

static void
form_data(void **state)
{
	cJSON	*fields, *data, *resident, *errors = NULL, *out, *masked;

	(void)state;
	fields = cJSON_Parse("[{\"name\":\"id_number\",\"type\":\"id_number\","
	    "\"required\":true,\"prefill\":\"id_number\"},{\"name\":\"phone\","
	    "\"type\":\"phone\",\"required\":true,\"prefill\":\"phone\"},"
	    "{\"name\":\"n\",\"type\":\"number\",\"required\":false,\"min\":1,"
	    "\"max\":5,\"prefill\":null},{\"name\":\"t\",\"type\":\"text\","
	    "\"required\":true,\"max_length\":3,\"pattern\":\"[a-z]+\","
	    "\"prefill\":null}]");
	resident = cJSON_Parse("{\"id_number\":\"610202198503150021\","
	    "\"phone\":\"13812340021\"}");
	data = cJSON_Parse("{\"n\":6,\"t\":\"abcd\",\"x\":1}");
	out = form_check(fields, data, resident, &errors);
	assert_int_equal(cJSON_GetArraySize(errors), 3);
	cJSON_Delete(errors);
	cJSON_Delete(out);
	cJSON_Delete(data);
	errors = NULL;
	data = cJSON_Parse("{\"n\":5,\"t\":\"ab\"}");
	out = form_check(fields, data, resident, &errors);
	assert_null(errors);
	assert_string_equal(cJSON_GetObjectItem(out, "id_number")->valuestring,
	    "610202198503150021");
	masked = form_masked(fields, out);
	assert_string_equal(cJSON_GetObjectItem(masked, "phone")->valuestring,
	    "138****0021");
	cJSON_Delete(masked);
	cJSON_Delete(out);
	cJSON_Delete(data);
	cJSON_Delete(resident);
	cJSON_Delete(fields);
}

/* What the audit and the log keep of free text: every ID number and
 * phone number masked as in docs/api.md 1.5, nothing else touched. */
static void
numbers_masked(void **state)
{
	static const char *const cases[][2] = {
		{ "核对 610202198503150021 电话 14712341233",
		  "核对 610***********0021 电话 147****1233" },
		{ "号码61020219671111005X。", "号码610***********005X。" },
		{ "座机 029-88881234，或 0919-7654321",
		  "座机 029*****1234，或 091*****4321" },
		{ "座机0291234567", "座机029***4567" },
		/* typed in an input method's full-width mode */
		{ "核对 ６１０２０２１９８５０３１５００２１ 电话１４７１２３４１２３３",
		  "核对 ６１０＊＊＊＊＊＊＊＊＊＊＊００２１ 电话１４７＊＊＊＊１２３３" },
		{ "号码６１０２０２１９６７１１１１００５Ｘ",
		  "号码６１０＊＊＊＊＊＊＊＊＊＊＊００５Ｘ" },
		{ "mixed 610２０２198503150021",
		  "mixed 610＊＊＊********0021" },
		/* not numbers of a person: kept */
		{ "办件 610202001-20261129-0007 于 2026-11-29",
		  "办件 610202001-20261129-0007 于 2026-11-29" },
		{ "窗口 3，号 A012", "窗口 3，号 A012" },
	};
	char	*s;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		s = strdup(cases[i][0]);
		log_scrub(s);
		assert_string_equal(s, cases[i][1]);
		free(s);
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(strict_json),
		cmocka_unit_test(numbers_masked),
		cmocka_unit_test(initials),
		cmocka_unit_test(working_days),
		cmocka_unit_test(next_year_from_a_file),
		cmocka_unit_test(bad_calendar_files),
		cmocka_unit_test(formats),
		cmocka_unit_test(audit_chain),
		cmocka_unit_test(form_data),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
