/* Applications, timelines, hand-offs, certificate types, certificates,
 * verification results and problem extensions from server JSON: strict
 * types, nulls as documented, sanitized text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "../../api/applications.h"
#include "../../api/handoffs.h"
#include "../../api/certificates.h"
#include "../../api/problem.h"
#include "../../api/promises.h"

#define SUMMARY \
    "\"id\":9001,\"number\":\"610202001-20261129-0007\"," \
    "\"service\":{\"id\":51,\"txcode\":\"0501\",\"name\":\"高龄津贴申请\"}," \
    "\"resident\":{\"id\":40,\"name\":\"王德顺\"," \
    "\"id_number_masked\":\"610***********0013\"}," \
    "\"community\":{\"id\":1,\"name\":\"红旗社区\"}," \
    "\"status\":\"materials_requested\",\"counter\":\"3\"," \
    "\"staff\":{\"id\":7,\"name\":\"张丽\"}," \
    "\"created_at\":\"2026-11-29T08:30:00Z\"," \
    "\"updated_at\":\"2026-11-29T08:31:12Z\"," \
    "\"due_date\":\"2026-12-25\",\"overdue\":false,\"version\":3"

static const char detail_json[] =
    "{" SUMMARY ",\"ticket_id\":null,\"fee_fen\":0,\"form_version\":1,"
    "\"data\":{},\"materials\":[{\"name\":\"居民身份证\",\"originals\":1,"
    "\"copies\":1}],\"note\":null,\"reason\":null,"
    "\"missing_materials\":[\"户口簿\",\"本人社会保障卡或银行卡\\u001b[2J\"],"
    "\"department\":null,\"collector\":null,"
    "\"client_request_id\":\"5f0c2b7e\"}";

static const char page_json[] =
    "{\"items\":[{" SUMMARY "}],\"page\":1,\"per_page\":20,\"total\":1}";

static const char timeline_json[] =
    "{\"items\":[{\"id\":1,\"at\":\"2026-11-29T08:30:00Z\",\"staff\":{"
    "\"id\":7,\"name\":\"张丽\"},\"action\":\"create\",\"from_status\":null,"
    "\"to_status\":\"submitted\",\"note\":\"子女代办\",\"reason\":null,"
    "\"missing_materials\":[],\"department\":null,\"collector\":null},"
    "{\"id\":2,\"at\":\"2026-11-29T09:00:00Z\",\"staff\":{\"id\":7,"
    "\"name\":\"张丽\"},\"action\":\"collect\",\"from_status\":"
    "\"completed\",\"to_status\":\"collected\",\"note\":null,\"reason\":"
    "null,\"missing_materials\":[],\"department\":null,\"collector\":{"
    "\"name\":\"王建国\",\"id_number_masked\":\"610***********0016\","
    "\"collected_at\":\"2026-11-29T09:00:00Z\"}}],"
    "\"page\":1,\"per_page\":100,\"total\":2}";

static const char cert_json[] =
    "{\"id\":501,\"serial\":\"红旗社区〔2026〕第000123号\","
    "\"type\":{\"id\":1,\"code\":\"residence\",\"name\":\"居住证明\"},"
    "\"resident\":{\"id\":1,\"name\":\"张红旗\",\"id_number_masked\":"
    "\"610***********0021\"},\"community\":{\"id\":1,\"name\":\"红旗社区\"},"
    "\"purpose\":\"办理居住证\",\"data\":{\"since\":\"2019-06-01\"},"
    "\"issued_at\":\"2026-11-29T08:40:00Z\",\"issued_by\":{\"id\":7,"
    "\"name\":\"张丽\"},\"valid_until\":\"2026-12-29\",\"title\":"
    "\"居住证明\",\"body\":\"兹证明张红旗\\n特此证明。\","
    "\"verify_token\":\"NScIKg7CBIZUMad32F-EaIvNfdt5rRbiaC7V-AxcWHM\","
    "\"verify_code\":\"K7QM3XPD\",\"verify_url\":"
    "\"https://bianmin.example.gov.cn/verify/NScIKg7CBIZUMad32F\","
    "\"rate_url\":\"https://bianmin.example.gov.cn/p/"
    "3f1c9a0be27d4c58a6e0f4b21d9c7e65\","
    "\"reprints\":2,\"stub\":{}}";

static const char types_json[] =
    "{\"items\":[{\"id\":1,\"code\":\"residence\",\"name\":\"居住证明\","
    "\"status\":\"retained\",\"basis\":\"《居住证暂行条例》\","
    "\"alternative\":null,\"purpose\":\"办理居住证\",\"validity_days\":30,"
    "\"template\":{\"title\":\"居住证明\",\"body\":\"兹证明{{name}}\","
    "\"fields\":[]},\"version\":1,\"updated_at\":\"2026-10-08T01:00:00Z\"},"
    "{\"id\":9,\"code\":\"kinship\",\"name\":\"亲属关系证明\",\"status\":"
    "\"cancelled\",\"basis\":\"《不应由基层群众性自治组织出具证明事项清单"
    "（第一批）》\",\"alternative\":\"可凭户口簿\",\"purpose\":null,"
    "\"validity_days\":null,\"template\":null,\"version\":1,"
    "\"updated_at\":\"2026-10-08T01:00:00Z\"}],"
    "\"page\":1,\"per_page\":100,\"total\":2}";

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
detail_parses_missing_sanitized(void **state)
{
	struct app_detail	*a = calloc(1, sizeof *a);
	cJSON			*j = parse(detail_json);
	const char		*cause;

	(void)state;
	assert_int_equal(model_app_detail_parse(j, a, &cause), 0);
	assert_int_equal(a->s.id, 9001);
	assert_int_equal(a->s.version, 3);
	assert_int_equal(a->service_id, 51);
	assert_string_equal(a->s.status, "materials_requested");
	assert_string_equal(a->s.service, "高龄津贴申请");
	assert_string_equal(a->s.txcode, "0501");
	assert_string_equal(a->s.id_masked, "610***********0013");
	assert_string_equal(a->staff, "张丽");
	assert_string_equal(a->reason, "");
	assert_string_equal(a->collector, "");
	assert_int_equal(a->nmissing, 2);
	assert_string_equal(a->missing[0], "户口簿");
	/* the escape from the server never reaches the terminal */
	assert_null(strchr(a->missing[1], '\033'));
	assert_non_null(strstr(a->missing[1], "本人社会保障卡或银行卡"));
	model_app_detail_free(a);
	cJSON_Delete(j);
}

static void
detail_refuses_a_string_version(void **state)
{
	struct app_detail	*a = calloc(1, sizeof *a);
	cJSON			*j = parse_changed(detail_json, "\"version\":3",
				    "\"version\":\"3\"");
	const char		*cause = NULL;

	(void)state;
	assert_int_equal(model_app_detail_parse(j, a, &cause), -1);
	assert_non_null(cause);
	model_app_detail_free(a);
	cJSON_Delete(j);
}

static void
detail_refuses_missing_not_a_list(void **state)
{
	struct app_detail	*a = calloc(1, sizeof *a);
	cJSON			*j = parse_changed(detail_json,
				    "\"missing_materials\":[",
				    "\"missing_materials\":\"户口簿\",\"x\":[");
	const char		*cause = NULL;

	(void)state;
	assert_int_equal(model_app_detail_parse(j, a, &cause), -1);
	assert_non_null(cause);
	model_app_detail_free(a);
	cJSON_Delete(j);
}

static void
page_parses(void **state)
{
	struct app_page	*p = calloc(1, sizeof *p);
	cJSON		*j = parse(page_json);
	const char	*cause;

	(void)state;
	assert_int_equal(model_app_page_parse(j, p, &cause), 0);
	assert_int_equal(p->n, 1);
	assert_int_equal(p->total, 1);
	assert_string_equal(p->items[0].number, "610202001-20261129-0007");
	assert_string_equal(p->items[0].resident, "王德顺");
	assert_int_equal(p->items[0].overdue, 0);
	model_app_page_free(p);
	cJSON_Delete(j);
}

static void
page_refuses_overdue_not_boolean(void **state)
{
	struct app_page	*p = calloc(1, sizeof *p);
	cJSON		*j = parse_changed(page_json, "\"overdue\":false",
			    "\"overdue\":0");
	const char	*cause = NULL;

	(void)state;
	assert_int_equal(model_app_page_parse(j, p, &cause), -1);
	assert_non_null(cause);
	model_app_page_free(p);
	cJSON_Delete(j);
}

static void
timeline_shows_the_collector_masked(void **state)
{
	struct timeline	*t = calloc(1, sizeof *t);
	cJSON		*j = parse(timeline_json);
	const char	*cause;

	(void)state;
	assert_int_equal(model_timeline_parse(j, t, &cause), 0);
	assert_int_equal(t->n, 2);
	assert_int_equal(t->total, 2);
	assert_string_equal(t->items[0].action, "create");
	assert_string_equal(t->items[1].to_status, "collected");
	assert_non_null(strstr(t->items[1].detail, "王建国"));
	assert_non_null(strstr(t->items[1].detail, "610***********0016"));
	model_timeline_free(t);
	cJSON_Delete(j);
}

static void
handoff_parses_its_applications(void **state)
{
	struct handoff	*h = calloc(1, sizeof *h);
	cJSON		*j;
	const char	*cause;
	char		 text[4096];

	(void)state;
	snprintf(text, sizeof text, "{\"id\":31,\"number\":"
	    "\"610202001-J20261129-003\",\"created_at\":"
	    "\"2026-11-29T09:00:00Z\",\"staff\":{\"id\":7,\"name\":\"张丽\"},"
	    "\"centre\":{\"id\":1,\"name\":\"红旗街街道便民服务中心\"},\"to\":"
	    "\"街道民政办\",\"note\":null,\"status\":\"sent\",\"received_at\":"
	    "null,\"received_by\":null,\"receipt_staff\":null,"
	    "\"applications\":[{%s}]}", SUMMARY);
	j = parse(text);
	assert_int_equal(model_handoff_parse(j, h, &cause), 0);
	assert_string_equal(h->number, "610202001-J20261129-003");
	assert_string_equal(h->to, "街道民政办");
	assert_string_equal(h->note, "");
	assert_string_equal(h->centre, "红旗街街道便民服务中心");
	assert_int_equal(h->n, 1);
	assert_string_equal(h->items[0].number, "610202001-20261129-0007");
	model_handoff_free(h);
	cJSON_Delete(j);
}

static void
types_keep_the_basis_of_a_cancelled_one(void **state)
{
	struct cert_type_page	*p = calloc(1, sizeof *p);
	cJSON			*j = parse(types_json);
	const char		*cause;

	(void)state;
	assert_int_equal(model_cert_type_page_parse(j, p, &cause), 0);
	assert_int_equal(p->n, 2);
	assert_int_equal(p->items[0].retained, 1);
	assert_int_equal(p->items[0].validity_days, 30);
	assert_non_null(p->items[0].template);
	assert_string_equal(p->items[0].alternative, "");
	assert_int_equal(p->items[1].retained, 0);
	assert_null(p->items[1].template);
	assert_string_equal(p->items[1].name, "亲属关系证明");
	assert_non_null(strstr(p->items[1].basis, "第一批"));
	assert_string_equal(p->items[1].alternative, "可凭户口簿");
	model_cert_type_page_free(p);
	cJSON_Delete(j);
}

static void
types_refuse_an_unknown_status(void **state)
{
	struct cert_type_page	*p = calloc(1, sizeof *p);
	cJSON			*j = parse_changed(types_json,
				    "\"cancelled\"", "\"revoked\"");
	const char		*cause = NULL;

	(void)state;
	assert_int_equal(model_cert_type_page_parse(j, p, &cause), -1);
	assert_non_null(cause);
	model_cert_type_page_free(p);
	cJSON_Delete(j);
}

static void
certificate_keeps_its_line_breaks(void **state)
{
	struct certificate	*c = calloc(1, sizeof *c);
	cJSON			*j = parse(cert_json);
	const char		*cause;

	(void)state;
	assert_int_equal(model_certificate_parse(j, c, &cause), 0);
	assert_string_equal(c->serial, "红旗社区〔2026〕第000123号");
	assert_string_equal(c->type_name, "居住证明");
	assert_string_equal(c->verify_code, "K7QM3XPD");
	assert_string_equal(c->valid_until, "2026-12-29");
	assert_string_equal(c->body, "兹证明张红旗\n特此证明。");
	assert_string_equal(c->rate_url, "https://bianmin.example.gov.cn/p/"
	    "3f1c9a0be27d4c58a6e0f4b21d9c7e65");
	assert_int_equal(c->reprints, 2);
	model_certificate_free(c);
	cJSON_Delete(j);
}

static void
certificate_without_a_rating_link(void **state)
{
	struct certificate	*c = calloc(1, sizeof *c);
	cJSON			*j = parse(cert_json);
	const char		*cause;

	(void)state;
	/* a server before the link: the certificate prints without it */
	cJSON_DeleteItemFromObjectCaseSensitive(j, "rate_url");
	assert_int_equal(model_certificate_parse(j, c, &cause), 0);
	assert_string_equal(c->rate_url, "");
	model_certificate_free(c);
	cJSON_Delete(j);
	/* a link that is not text is refused with the rest */
	c = calloc(1, sizeof *c);
	j = parse_changed(cert_json, "\"rate_url\":\"https", "\"rate_url\":"
	    "7,\"x\":\"https");
	assert_int_equal(model_certificate_parse(j, c, &cause), -1);
	assert_non_null(cause);
	model_certificate_free(c);
	cJSON_Delete(j);
}

static void
certificate_refuses_a_missing_code(void **state)
{
	struct certificate	*c = calloc(1, sizeof *c);
	cJSON			*j = parse_changed(cert_json,
				    "\"verify_code\":\"K7QM3XPD\"",
				    "\"verify_code\":null");
	const char		*cause = NULL;

	(void)state;
	assert_int_equal(model_certificate_parse(j, c, &cause), -1);
	assert_non_null(cause);
	model_certificate_free(c);
	cJSON_Delete(j);
}

static void
certificate_list_parses(void **state)
{
	struct cert_page	*p = calloc(1, sizeof *p);
	cJSON			*j;
	const char		*cause;

	(void)state;
	j = parse("{\"items\":[{\"id\":501,\"serial\":"
	    "\"红旗社区〔2026〕第000123号\",\"type\":{\"id\":1,\"code\":"
	    "\"residence\",\"name\":\"居住证明\"},\"resident\":{\"id\":1,"
	    "\"name\":\"张红旗\",\"id_number_masked\":"
	    "\"610***********0021\"},\"community\":{\"id\":1,\"name\":"
	    "\"红旗社区\"},\"purpose\":\"办理居住证\",\"issued_at\":"
	    "\"2026-11-29T08:40:00Z\",\"issued_by\":{\"id\":7,\"name\":"
	    "\"张丽\"},\"valid_until\":\"2026-12-29\",\"reprints\":1}],"
	    "\"page\":1,\"per_page\":50,\"total\":1}");
	assert_int_equal(model_cert_page_parse(j, p, &cause), 0);
	assert_int_equal(p->n, 1);
	assert_int_equal(p->items[0].id, 501);
	assert_string_equal(p->items[0].type_name, "居住证明");
	assert_int_equal(p->items[0].reprints, 1);
	model_cert_page_free(p);
	cJSON_Delete(j);

	p = calloc(1, sizeof *p);
	j = parse("{\"items\":[{\"id\":501,\"serial\":\"x\",\"type\":"
	    "{\"name\":\"居住证明\"},\"issued_at\":\"2026-11-29\","
	    "\"valid_until\":\"2026-12-29\",\"reprints\":-1}],\"page\":1,"
	    "\"per_page\":50,\"total\":1}");
	cause = NULL;
	assert_int_equal(model_cert_page_parse(j, p, &cause), -1);
	assert_non_null(cause);
	model_cert_page_free(p);
	cJSON_Delete(j);
}

static void
reprint_and_verify_parse(void **state)
{
	struct reprint		*r = calloc(1, sizeof *r);
	struct verify_result	*v = calloc(1, sizeof *v);
	cJSON			*j1, *j2;
	const char		*cause;

	(void)state;
	j1 = parse("{\"id\":77,\"certificate_id\":501,\"reprint_no\":1,"
	    "\"at\":\"2026-11-30T02:05:00Z\",\"staff\":{\"id\":7,\"name\":"
	    "\"张丽\"},\"reason\":\"原件遗失\"}");
	assert_int_equal(model_reprint_parse(j1, r, &cause), 0);
	assert_int_equal(r->reprint_no, 1);
	assert_int_equal(r->certificate_id, 501);
	assert_string_equal(r->reason, "原件遗失");
	j2 = parse("{\"valid\":false,\"type\":\"居住证明\",\"issued_on\":"
	    "\"2026-11-29\",\"community\":\"红旗社区\",\"valid_until\":"
	    "\"2026-12-29\"}");
	assert_int_equal(model_verify_parse(j2, v, &cause), 0);
	assert_int_equal(v->valid, 0);
	assert_string_equal(v->community, "红旗社区");
	model_reprint_free(r);
	model_verify_free(v);
	cJSON_Delete(j1);
	cJSON_Delete(j2);
}

static void
verify_refuses_validity_as_text(void **state)
{
	struct verify_result	*v = calloc(1, sizeof *v);
	cJSON			*j = parse("{\"valid\":\"true\",\"type\":\"居住证明\","
				    "\"issued_on\":\"2026-11-29\",\"community\":"
				    "\"红旗社区\",\"valid_until\":\"2026-12-29\"}");
	const char		*cause = NULL;

	(void)state;
	assert_int_equal(model_verify_parse(j, v, &cause), -1);
	assert_non_null(cause);
	model_verify_free(v);
	cJSON_Delete(j);
}

static void
problem_extensions(void **state)
{
	struct problem_ext	*e;
	cJSON			*j;

	(void)state;
	j = parse("{\"type\":\"urn:bianmin:problem:certificate-not-issued\","
	    "\"status\":422,\"certificate_type\":{\"id\":9,\"code\":"
	    "\"kinship\",\"name\":\"亲属关系证明\"},\"basis\":"
	    "\"民政部等六部门\\u202e《指导意见》\",\"alternative\":null}");
	e = problem_ext_parse(j);
	assert_string_equal(e->type_name, "亲属关系证明");
	assert_non_null(strstr(e->basis, "《指导意见》"));
	assert_null(strstr(e->basis, "\xe2\x80\xae"));	/* no bidi override */
	assert_string_equal(e->alternative, "");
	assert_int_equal(e->nallowed, 0);
	assert_int_equal(e->current_version, -1);
	problem_ext_free(e);
	cJSON_Delete(j);

	j = parse("{\"current_status\":\"completed\",\"allowed\":[\"collect\"],"
	    "\"conflicts\":[{\"id\":9004,\"number\":\"610202001-20261129-0011\","
	    "\"status\":\"submitted\"}]}");
	e = problem_ext_parse(j);
	assert_string_equal(e->current_status, "completed");
	assert_int_equal(e->nallowed, 1);
	assert_string_equal(e->allowed[0], "collect");
	assert_int_equal(e->nconflicts, 1);
	assert_non_null(strstr(e->conflicts[0], "610202001-20261129-0011"));
	problem_ext_free(e);
	cJSON_Delete(j);

	e = problem_ext_parse(NULL);	/* a problem without a body */
	assert_string_equal(e->basis, "");
	problem_ext_free(e);
}

static const char promise_page_json[] =
    "{\"items\":[{\"id\":31,\"kind\":\"material\",\"matter\":"
    "\"家庭成员收入证明材料\",\"subject\":\"最低生活保障申请\",\"resident\":{"
    "\"id\":40,\"name\":\"王德顺\",\"id_number_masked\":"
    "\"610***********0013\"},"
    "\"community\":{\"id\":1,\"name\":\"红旗社区\"},\"application\":{"
    "\"id\":9001,\"number\":\"610202001-20261129-0007\"},\"certificate\":"
    "null,\"made_at\":\"2026-11-29T08:30:00Z\",\"made_by\":{\"id\":7,"
    "\"name\":\"张丽\"},\"ban_days\":365,\"status\":\"false\",\"check\":{"
    "\"outcome\":\"false\",\"note\":\"隐瞒\\u001b[2J收入\",\"at\":"
    "\"2026-11-30T02:10:00Z\",\"on\":\"2026-11-30\",\"staff\":{\"id\":9,"
    "\"name\":\"刘站长\"}}},{\"id\":32,\"kind\":\"certificate\",\"matter\":"
    "\"居住证明\",\"subject\":\"居住证明\",\"resident\":{\"id\":1,\"name\":"
    "\"张红旗\",\"id_number_masked\":\"610***********0021\"},\"community\":{"
    "\"id\":1,\"name\":\"红旗社区\"},\"application\":null,\"certificate\":{"
    "\"id\":501,\"serial\":\"红旗社区〔2026〕第000123号\"},\"made_at\":"
    "\"2026-11-29T08:40:00Z\",\"made_by\":{\"id\":7,\"name\":\"张丽\"},"
    "\"ban_days\":30,\"status\":\"unchecked\",\"check\":null}],"
    "\"page\":1,\"per_page\":50,\"total\":2}";

/* 告知承诺: the promises to check, their case and check, sanitized; the
 * resident's standing; an application's promises. */
static void
promises_parse(void **state)
{
	struct promise_page	p;
	struct promise_ban	b;
	struct app_detail	d;
	const char		*cause;
	cJSON			*j;
	char			*text;

	(void)state;
	j = cJSON_Parse(promise_page_json);
	assert_int_equal(model_promise_page_parse(j, &p, &cause), 0);
	assert_int_equal(p.n, 2);
	assert_string_equal(p.items[0].which, "610202001-20261129-0007");
	assert_string_equal(p.items[0].status, "false");
	assert_string_equal(p.items[0].checked_on, "2026-11-30");
	assert_null(strchr(p.items[0].note, '\033'));
	assert_string_equal(p.items[1].which, "红旗社区〔2026〕第000123号");
	assert_string_equal(p.items[1].checked_on, "");
	assert_int_equal(p.items[1].ban_days, 30);
	model_promise_page_free(memcpy(malloc(sizeof p), &p, sizeof p));
	cJSON_Delete(j);
	j = cJSON_Parse("{\"barred\":true,\"ban\":{\"promise_id\":31,"
	    "\"since\":\"2026-11-30\",\"until\":\"2027-11-30\",\"reason\":"
	    "\"家庭成员收入证明材料（610202001-20261129-0007）：隐瞒\","
	    "\"recorded_at\":\"2026-11-30T02:10:00Z\",\"staff\":{\"id\":9,"
	    "\"name\":\"刘站长\"}},\"records\":[]}");
	assert_int_equal(model_promise_ban_parse(j, &b, &cause), 0);
	assert_int_equal(b.barred, 1);
	assert_string_equal(b.until, "2027-11-30");
	free(b.since);
	free(b.until);
	free(b.reason);
	cJSON_Delete(j);
	j = cJSON_Parse("{\"barred\":\"no\",\"ban\":null,\"records\":[]}");
	assert_int_equal(model_promise_ban_parse(j, &b, &cause), -1);
	cJSON_Delete(j);
	text = malloc(sizeof detail_json + 256);
	strcpy(text, detail_json);
	strcpy(text + strlen(text) - 1, ",\"promises\":[{\"id\":31,"
	    "\"matter\":\"家庭成员收入证明材料\",\"made_at\":"
	    "\"2026-11-29T08:30:00Z\",\"made_by\":{\"id\":7,\"name\":"
	    "\"张丽\"},\"status\":\"unchecked\",\"ban_days\":365}]}");
	j = cJSON_Parse(text);
	assert_non_null(j);
	assert_int_equal(model_app_detail_parse(j, &d, &cause), 0);
	assert_int_equal(d.npromises, 1);
	assert_string_equal(d.promises[0].matter, "家庭成员收入证明材料");
	assert_int_equal(d.promises[0].ban_days, 365);
	free(text);
	cJSON_Delete(j);
	model_app_detail_free(memcpy(malloc(sizeof d), &d, sizeof d));
}

/* 更正: a correction's entry says each change, old value first, then
 * the reason. */
static void
timeline_shows_a_correction(void **state)
{
	struct timeline	 t;
	const char	*cause;
	cJSON		*j;

	(void)state;
	j = cJSON_Parse("{\"items\":[{\"id\":7,\"at\":\"2026-11-30T02:20:00Z\","
	    "\"staff\":{\"id\":9,\"name\":\"刘站长\"},\"action\":\"correct\","
	    "\"from_status\":\"accepted\",\"to_status\":\"accepted\",\"note\":"
	    "null,\"reason\":\"联系电话录入有误\",\"missing_materials\":[],"
	    "\"department\":null,\"collector\":null,\"changes\":[{\"field\":"
	    "\"data.phone\",\"label\":\"联系电话\",\"old\":\"137****1111\","
	    "\"new\":\"139****2222\"},{\"field\":\"data.family_size\","
	    "\"label\":\"家庭人口数\",\"old\":3,\"new\":null}]}],\"page\":1,"
	    "\"per_page\":100,\"total\":1}");
	assert_int_equal(model_timeline_parse(j, &t, &cause), 0);
	assert_string_equal(t.items[0].detail, "联系电话: 137****1111 -> "
	    "139****2222; 家庭人口数: 3 -> -; 联系电话录入有误");
	model_timeline_free(memcpy(malloc(sizeof t), &t, sizeof t));
	cJSON_Delete(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(detail_parses_missing_sanitized),
		cmocka_unit_test(detail_refuses_a_string_version),
		cmocka_unit_test(detail_refuses_missing_not_a_list),
		cmocka_unit_test(page_parses),
		cmocka_unit_test(page_refuses_overdue_not_boolean),
		cmocka_unit_test(timeline_shows_the_collector_masked),
		cmocka_unit_test(handoff_parses_its_applications),
		cmocka_unit_test(types_keep_the_basis_of_a_cancelled_one),
		cmocka_unit_test(types_refuse_an_unknown_status),
		cmocka_unit_test(certificate_keeps_its_line_breaks),
		cmocka_unit_test(certificate_without_a_rating_link),
		cmocka_unit_test(certificate_refuses_a_missing_code),
		cmocka_unit_test(certificate_list_parses),
		cmocka_unit_test(reprint_and_verify_parse),
		cmocka_unit_test(verify_refuses_validity_as_text),
		cmocka_unit_test(problem_extensions),
		cmocka_unit_test(promises_parse),
		cmocka_unit_test(timeline_shows_a_correction),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
