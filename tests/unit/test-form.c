/* The form engine: schema loading, validators, derived fields, the data
 * sent, server errors, drafts. */
#include <locale.h>
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
#include <cjson/cJSON.h>

#include "../../forms/draft.h"
#include "../../forms/form.h"
#include "../../forms/schema.h"
#include "../../forms/uscc.h"
#include "../../forms/validate.h"
#include "../../forms/value.h"
#include "../../locale/text.h"

static cJSON	*service;

static time_t
today(void)
{
	struct tm	tm = { .tm_year = 126, .tm_mon = 10, .tm_mday = 29,
			       .tm_hour = 12, .tm_isdst = -1 };

	return (mktime(&tm));
}

static int
setup(void **state)
{
	FILE	*f;
	char	 buf[65536];
	size_t	 n;

	(void)state;
	setlocale(LC_ALL, "C.UTF-8");
	if ((f = fopen("tests/fixtures/service-0501.json", "r")) == NULL)
		return (-1);
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	service = cJSON_Parse(buf);
	return (service == NULL ? -1 : 0);
}

static int
teardown(void **state)
{
	(void)state;
	cJSON_Delete(service);
	return (0);
}

static struct form *
load_0501(void)
{
	struct form	*fm;
	char		*cause = NULL;

	fm = form_load(cJSON_GetObjectItem(service, "form"),
	    cJSON_GetObjectItem(service, "materials"), &cause);
	if (fm == NULL)
		fail_msg("form_load: %s", cause);
	return (fm);
}

static void
type_text(struct form_field *f, const char *s)
{
	size_t		len = strlen(s), n;
	uint32_t	cp;

	lineedit_clear(&f->edit);
	while ((n = utf8_decode(s, len, &cp)) != 0) {
		lineedit_insert(&f->edit, cp);
		s += n;
		len -= n;
	}
	f->origin = ORIGIN_TYPED;
}

static void
loads_the_example_service(void **state)
{
	struct form	*fm = load_0501();

	(void)state;
	assert_int_equal(fm->nsections, 4);
	assert_int_equal(fm->nmaterials, 4);
	assert_non_null(form_field(fm, "id_number"));
	assert_int_equal(form_field(fm, "id_number")->type, FT_ID_NUMBER);
	assert_int_equal(form_field(fm, "bank")->noptions, 5);
	/* the default of a select is applied */
	assert_int_equal(form_field(fm, "bank")->choice, 4);
	assert_int_equal(form_field(fm, "account_no")->min_length, 12);
	form_free(fm);
}

/* Mutations of a good field that a careful loader must refuse. */
static void
refuses_malformed_schemas(void **state)
{
	static const char *const bad[] = {
		"{\"sections\":[]}",
		"{\"version\":1,\"sections\":[]}",
		"{\"version\":1,\"sections\":[{\"title\":\"t\",\"fields\":[]}]}",
		"{\"version\":1,\"sections\":[{\"title\":\"t\",\"fields\":[{"
		    "\"name\":\"a\",\"label\":\"A\",\"type\":\"wizard\"}]}]}",
		"{\"version\":1,\"sections\":[{\"title\":\"t\",\"fields\":[{"
		    "\"name\":\"Bad-Name\",\"label\":\"A\",\"type\":\"text\"}]}]}",
		"{\"version\":1,\"sections\":[{\"title\":\"t\",\"fields\":[{"
		    "\"name\":\"a\",\"label\":\"A\",\"type\":\"text\"},{"
		    "\"name\":\"a\",\"label\":\"B\",\"type\":\"text\"}]}]}",
		"{\"version\":1,\"sections\":[{\"title\":\"t\",\"fields\":[{"
		    "\"name\":\"a\",\"label\":\"A\",\"type\":\"select\"}]}]}",
		"{\"version\":1,\"sections\":[{\"title\":\"t\",\"fields\":[{"
		    "\"name\":\"a\",\"label\":\"A\",\"type\":\"text\","
		    "\"pattern\":\"([\"}]}]}",
		"{\"version\":1,\"sections\":[{\"title\":\"t\",\"fields\":[{"
		    "\"name\":\"a\",\"label\":\"A\",\"type\":\"text\","
		    "\"min_length\":5,\"max_length\":2}]}]}",
		"{\"version\":1,\"sections\":[{\"title\":\"t\",\"fields\":[{"
		    "\"name\":\"a\",\"label\":\"A\",\"type\":\"text\","
		    "\"prefill\":\"password\"}]}]}",
		"{\"version\":1,\"sections\":[{\"title\":\"t\",\"fields\":[{"
		    "\"name\":\"a\",\"label\":\"A\",\"type\":\"checkbox\","
		    "\"default\":\"yes\"}]}]}",
		"{\"version\":1,\"sections\":[{\"title\":\"t\",\"fields\":[{"
		    "\"name\":\"a\",\"label\":\"\",\"type\":\"text\"}]}]}",
	};
	struct form	*fm;
	cJSON		*j;
	char		*cause;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		j = cJSON_Parse(bad[i]);
		assert_non_null(j);
		cause = NULL;
		fm = form_load(j, NULL, &cause);
		if (fm != NULL)
			fail_msg("schema %zu was accepted", i);
		assert_non_null(cause);
		free(cause);
		cJSON_Delete(j);
	}
}

static void
validators(void **state)
{
	struct form		*fm = load_0501();
	struct form_field	*f;

	(void)state;
	f = form_field(fm, "agent_id_number");
	type_text(f, "610202198503150022");
	assert_int_not_equal(form_check_field(fm, f, today()), 0);
	assert_non_null(f->error);
	type_text(f, "61020219671111005x");
	assert_int_equal(form_check_field(fm, f, today()), 0);
	assert_null(f->error);
	f = form_field(fm, "agent_phone");
	type_text(f, "1391234567");
	assert_int_not_equal(form_check_field(fm, f, today()), 0);
	type_text(f, "0919-3123456");
	assert_int_equal(form_check_field(fm, f, today()), 0);
	f = form_field(fm, "account_no");
	type_text(f, "62148309");		/* too short */
	assert_int_not_equal(form_check_field(fm, f, today()), 0);
	type_text(f, "6214830912345678X");	/* pattern: digits only */
	assert_int_not_equal(form_check_field(fm, f, today()), 0);
	type_text(f, "6214830912345678");
	assert_int_equal(form_check_field(fm, f, today()), 0);
	f = form_field(fm, "monthly_amount_fen");
	type_text(f, "120.5");
	assert_int_equal(form_check_field(fm, f, today()), 0);
	type_text(f, "1000.01");		/* max 100000 fen */
	assert_int_not_equal(form_check_field(fm, f, today()), 0);
	type_text(f, "1.234");
	assert_int_not_equal(form_check_field(fm, f, today()), 0);
	f = form_field(fm, "declaration");
	assert_int_not_equal(form_check_field(fm, f, today()), 0);
	f->checked = 1;
	assert_int_equal(form_check_field(fm, f, today()), 0);
	form_free(fm);
}

static void
values(void **state)
{
	long long	v;
	char		d[11], m[32];

	(void)state;
	assert_int_equal(value_date("20240101", d), 0);
	assert_string_equal(d, "2024-01-01");
	assert_int_equal(value_date("1999-02-30", d), -1);
	assert_int_equal(value_date("19990230", d), -1);
	assert_int_equal(value_date("2024-02-29", d), 0);
	assert_int_equal(value_money("12.5", &v), 0);
	assert_int_equal(v, 1250);
	assert_int_equal(value_money("0.07", &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(value_money("-1", &v), -1);
	assert_int_equal(value_money(".5", &v), -1);
	value_money_text(100000, m);
	assert_string_equal(m, "1000.00");
	assert_int_equal(value_number("-12", &v), 0);
	assert_int_equal(v, -12);
	assert_int_equal(value_number("1e3", &v), -1);
	assert_true(value_postal_code("727000"));
	assert_false(value_postal_code("72700"));
	/* GB 32100: a known-good shape, and one changed character */
	assert_int_equal(uscc_check("91350100M000100Y43"), USCC_OK);
	assert_int_equal(uscc_check("91350100M000100Y44"), USCC_CHECK);
	assert_int_equal(uscc_check("91350100M000100I43"), USCC_CHARS);
	assert_int_equal(uscc_check("9135010"), USCC_LENGTH);
}

static void
id_number_fills_birth_sex_age(void **state)
{
	static const char	schema[] =
	    "{\"version\":1,\"sections\":[{\"title\":\"t\",\"fields\":["
	    "{\"name\":\"id_number\",\"label\":\"ID\",\"type\":\"id_number\","
	    "\"prefill\":\"id_number\"},"
	    "{\"name\":\"birth\",\"label\":\"B\",\"type\":\"date\","
	    "\"prefill\":\"birth_date\"},"
	    "{\"name\":\"sex\",\"label\":\"S\",\"type\":\"select\","
	    "\"prefill\":\"sex\",\"options\":[{\"value\":\"M\",\"label\":"
	    "\"男\"},{\"value\":\"F\",\"label\":\"女\"}]},"
	    "{\"name\":\"age\",\"label\":\"A\",\"type\":\"number\","
	    "\"prefill\":\"age\"}]}]}";
	cJSON			*j = cJSON_Parse(schema);
	struct form		*fm;
	struct form_field	*id;
	char			*cause = NULL, *t;

	(void)state;
	fm = form_load(j, NULL, &cause);
	assert_non_null(fm);
	id = form_field(fm, "id_number");
	type_text(id, "610202194007080046");
	assert_int_equal(form_check_field(fm, id, today()), 0);
	form_derive_from_id(fm, id, today());
	t = form_value_text(form_field(fm, "birth"));
	assert_string_equal(t, "1940-07-08");
	free(t);
	assert_int_equal(form_field(fm, "sex")->choice, 1);
	t = form_value_text(form_field(fm, "age"));
	assert_string_equal(t, "86");
	free(t);
	assert_int_equal(form_field(fm, "age")->origin, ORIGIN_DERIVED);
	form_free(fm);
	cJSON_Delete(j);
}

static void
data_leaves_record_values_to_the_server(void **state)
{
	struct form	*fm = load_0501();
	cJSON		*data, *mats;
	char		*text;
	const char	*fields[] = { "data.account_no", "nonsense" };
	const char	*msgs[] = { "账号有误", "x" };

	(void)state;
	form_set_text(form_field(fm, "name"), "张红旗", ORIGIN_RECORD);
	form_set_text(form_field(fm, "phone"), "138****0021", ORIGIN_RECORD);
	type_text(form_field(fm, "account_no"), "6214830912345678");
	type_text(form_field(fm, "monthly_amount_fen"), "300");
	form_field(fm, "declaration")->checked = 1;
	fm->materials[0].received = 1;
	data = form_data(fm);
	assert_null(cJSON_GetObjectItem(data, "name"));
	assert_null(cJSON_GetObjectItem(data, "phone"));
	assert_null(cJSON_GetObjectItem(data, "materials"));
	assert_string_equal(cJSON_GetObjectItem(data, "bank")->valuestring,
	    "ssc");
	assert_int_equal(cJSON_GetObjectItem(data,
	    "monthly_amount_fen")->valuedouble, 30000);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(data, "declaration")));
	text = cJSON_PrintUnformatted(data);
	assert_non_null(strstr(text, "\"account_no\":\"6214830912345678\""));
	free(text);
	mats = form_materials_json(fm);
	assert_int_equal(cJSON_GetArraySize(mats), 1);
	/* record values are not re-checked: the server fills them */
	assert_int_equal(form_check_field(fm, form_field(fm, "phone"),
	    today()), 0);
	assert_int_equal(form_apply_errors(fm, fields, msgs, 2), 1);
	assert_string_equal(form_field(fm, "account_no")->error, "账号有误");
	cJSON_Delete(data);
	cJSON_Delete(mats);
	form_free(fm);
}

static void
draft_round_trip(void **state)
{
	static const char *const not_drafts[] = { "[1, 2]", "\"x\"",
	    "{\"cut" };
	struct form	*a = load_0501(), *b = load_0501();
	char		 dir[] = "/tmp/bianmin-draft-XXXXXX", *cause = NULL;
	char		**list, *ta, *tb, path[64];
	cJSON		*doc, *back;
	struct stat	 sb;
	FILE		*f;
	size_t		 n, i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	type_text(form_field(a, "name"), "阿依古丽·吐尔逊");
	type_text(form_field(a, "address"), "陕西省铜川市王益区红旗街\xF0\xA0\x80\x80号");
	type_text(form_field(a, "agent_phone"), "13700001111");
	form_set_text(form_field(a, "agent_relation"), "grid", ORIGIN_TYPED);
	form_field(a, "declaration")->checked = 1;
	a->materials[2].received = 1;
	doc = draft_values(a);
	assert_int_equal(draft_write(dir, "51-40", doc), 0);
	list = draft_list(dir, &n);
	assert_int_equal(n, 1);
	assert_int_equal(stat(list[0], &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	back = draft_read(list[0], &cause);
	assert_non_null(back);
	assert_true(draft_restore(b, back) > 0);
	for (i = 0; i < a->nfields; i++) {
		ta = form_value_text(&a->fields[i]);
		tb = form_value_text(&b->fields[i]);
		assert_string_equal(ta, tb);
		assert_int_equal(a->fields[i].origin, b->fields[i].origin);
		free(ta);
		free(tb);
	}
	assert_int_equal(b->materials[2].received, 1);
	assert_int_equal(b->materials[0].received, 0);
	assert_int_equal(draft_remove(dir, "51-40"), 0);
	assert_int_equal(draft_remove(dir, "../evil"), -1);
	/* JSON that is no draft is refused, and kept nowhere (the
	 * sanitizer's leak check sees it) */
	snprintf(path, sizeof path, "%s/not-a-draft.json", dir);
	for (i = 0; i < sizeof not_drafts / sizeof not_drafts[0]; i++) {
		assert_non_null(f = fopen(path, "w"));
		fputs(not_drafts[i], f);
		fclose(f);
		assert_null(draft_read(path, &cause));
		assert_non_null(strstr(cause, "not a draft"));
		free(cause);
		cause = NULL;
	}
	unlink(path);
	free(list[0]);
	free(list);
	rmdir(dir);
	cJSON_Delete(doc);
	cJSON_Delete(back);
	form_free(a);
	form_free(b);
}

/* 告知承诺: a material the catalog lets a promise replace loads as
 * such; the promised ones go out by name and come back from a draft
 * as promised, never as received or 容缺. */
static void
promised_material_stands_in_for_the_proof(void **state)
{
	cJSON		*mats, *names;
	struct form	*a, *b;
	char		*cause = NULL;
	cJSON		*doc;

	(void)state;
	mats = cJSON_Duplicate(cJSON_GetObjectItem(service, "materials"), 1);
	cJSON_AddTrueToObject(cJSON_GetArrayItem(mats, 2), "promise");
	a = form_load(cJSON_GetObjectItem(service, "form"), mats, &cause);
	b = form_load(cJSON_GetObjectItem(service, "form"), mats, &cause);
	assert_non_null(a);
	assert_int_equal(a->materials[2].promisable, 1);
	assert_int_equal(a->materials[1].promisable, 0);
	a->materials[2].promised = 1;
	names = form_promised_json(a);
	assert_int_equal(cJSON_GetArraySize(names), 1);
	assert_string_equal(cJSON_GetArrayItem(names, 0)->valuestring,
	    "本人社会保障卡或银行卡");
	doc = draft_values(a);
	assert_true(draft_restore(b, doc) >= 0);
	assert_int_equal(b->materials[2].promised, 1);
	assert_int_equal(b->materials[2].received, 0);
	assert_int_equal(b->materials[2].deferred, 0);
	cJSON_Delete(names);
	names = form_materials_json(b);
	assert_int_equal(cJSON_GetArraySize(names), 0);
	cJSON_Delete(names);
	names = form_deferred_json(b);
	assert_int_equal(cJSON_GetArraySize(names), 0);
	cJSON_Delete(names);
	cJSON_Delete(doc);
	cJSON_Delete(mats);
	form_free(a);
	form_free(b);
}

static void
typing_filters(void **state)
{
	struct form	*fm = load_0501();

	(void)state;
	assert_true(form_accepts(form_field(fm, "agent_id_number"), '7'));
	assert_true(form_accepts(form_field(fm, "agent_id_number"), 'x'));
	assert_false(form_accepts(form_field(fm, "agent_id_number"), 'a'));
	assert_false(form_accepts(form_field(fm, "agent_phone"), 0x5F20));
	assert_true(form_accepts(form_field(fm, "address"), 0x5F20));
	assert_false(form_accepts(form_field(fm, "monthly_amount_fen"), '-'));
	form_free(fm);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loads_the_example_service),
		cmocka_unit_test(refuses_malformed_schemas),
		cmocka_unit_test(validators),
		cmocka_unit_test(values),
		cmocka_unit_test(id_number_fills_birth_sex_age),
		cmocka_unit_test(data_leaves_record_values_to_the_server),
		cmocka_unit_test(draft_round_trip),
		cmocka_unit_test(promised_material_stands_in_for_the_proof),
		cmocka_unit_test(typing_filters),
	};

	return (cmocka_run_group_tests_name("form", tests, setup, teardown));
}
