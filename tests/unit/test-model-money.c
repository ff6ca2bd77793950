/* Fees, payments, cash sessions and the day's money lines from server
 * JSON: amounts in fen as sent, nulls as documented, sanitized text, a
 * wrong type refusing the whole reply. */
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
#include "../../api/cash.h"
#include "../../api/payments.h"

#define PAYMENT \
    "{\"id\":71,\"serial\":\"610202001001-20261129-0003\"," \
    "\"kind\":\"payment\",\"status\":\"in_force\"," \
    "\"application\":{\"id\":9002,\"number\":\"610202001-20261129-0008\"}," \
    "\"service\":{\"id\":96,\"txcode\":\"1006\",\"name\":\"居民身份证换领\"}," \
    "\"resident\":{\"id\":40,\"name\":\"王德顺\\u001b[2J\"," \
    "\"id_number_masked\":\"610***********0013\"}," \
    "\"centre\":{\"id\":1,\"name\":\"红旗街街道便民服务中心\"}," \
    "\"channel\":\"code\",\"amount_fen\":2000," \
    "\"reference\":\"4200001234202611290012345678\",\"reason\":null," \
    "\"counter\":\"3\",\"staff\":{\"id\":7,\"name\":\"张丽\"}," \
    "\"at\":\"2026-11-29T08:35:00Z\",\"date\":\"2026-11-29\"," \
    "\"session_id\":null,\"original\":null,\"reversed_by\":null," \
    "\"approved_by\":null,\"reprints\":0}"

#define SESSION \
    "{\"id\":12,\"centre\":{\"id\":1,\"name\":\"站\"},\"counter\":\"3\"," \
    "\"business_date\":\"2026-11-29\",\"status\":\"closed\"," \
    "\"float_fen\":50000,\"cash_in_fen\":4000,\"cash_out_fen\":0," \
    "\"expected_fen\":54000,\"counted_fen\":53900,\"over_fen\":0," \
    "\"short_fen\":100,\"reason\":\"找零少收1元\"," \
    "\"opened_at\":\"2026-11-29T00:55:00Z\",\"opened_by\":{\"id\":7," \
    "\"name\":\"张丽\"},\"closed_at\":\"2026-11-29T09:00:00Z\"," \
    "\"closed_by\":{\"id\":7,\"name\":\"张丽\"},\"signed_at\":null," \
    "\"signed_by\":null,\"sign_note\":null,\"override\":null}"

static cJSON *
parse(const char *text)
{
	cJSON	*j = cJSON_Parse(text);

	assert_non_null(j);
	return (j);
}

static void
payment_parses_and_is_sanitized(void **state)
{
	struct payment	*p = calloc(1, sizeof *p);
	cJSON		*j = parse(PAYMENT);
	const char	*cause;

	(void)state;
	assert_int_equal(model_payment_parse(j, p, &cause), 0);
	assert_int_equal(p->amount_fen, 2000);
	assert_int_equal(p->application_id, 9002);
	assert_string_equal(p->serial, "610202001001-20261129-0003");
	assert_string_equal(p->txcode, "1006");
	assert_null(strchr(p->resident, '\033'));
	assert_string_equal(p->reason, "");
	assert_string_equal(p->original, "");
	model_payment_free(p);
	cJSON_Delete(j);
}

/* An amount sent as text is not money: the whole reply is refused. */
static void
payment_amount_must_be_integer(void **state)
{
	struct payment	*p = calloc(1, sizeof *p);
	cJSON		*j = parse(PAYMENT);
	const char	*cause;

	(void)state;
	cJSON_ReplaceItemInObject(j, "amount_fen", cJSON_CreateString("20"));
	assert_int_equal(model_payment_parse(j, p, &cause), -1);
	assert_non_null(cause);
	model_payment_free(p);
	cJSON_Delete(j);
}

/* An approved refund: the record reverses the payment by its serial. */
static void
reversal_with_record(void **state)
{
	struct reversal	*r = calloc(1, sizeof *r);
	cJSON		*j = parse("{\"id\":5,\"kind\":\"refund\","
			    "\"reason\":\"退还\",\"counter\":\"3\","
			    "\"status\":\"approved\",\"requested_by\":{\"id\":7,"
			    "\"name\":\"张丽\"},\"requested_at\":"
			    "\"2026-11-29T09:00:00Z\",\"decided_by\":{\"id\":3,"
			    "\"name\":\"王秀兰\"},\"decided_at\":"
			    "\"2026-11-29T09:05:00Z\",\"note\":null,"
			    "\"payment\":" PAYMENT ",\"record\":" PAYMENT "}");
	cJSON		*rec = cJSON_GetObjectItem(j, "record");
	const char	*cause;

	(void)state;
	cJSON_ReplaceItemInObject(rec, "original", parse("{\"id\":71,"
	    "\"serial\":\"610202001001-20261129-0003\"}"));
	cJSON_ReplaceItemInObject(rec, "kind", cJSON_CreateString("refund"));
	assert_int_equal(model_reversal_parse(j, r, &cause), 0);
	assert_int_equal(r->requested_by_id, 7);
	assert_string_equal(r->decided_by, "王秀兰");
	assert_non_null(r->record);
	assert_string_equal(r->record->kind, "refund");
	assert_string_equal(r->record->original,
	    "610202001001-20261129-0003");
	model_reversal_free(r);
	cJSON_Delete(j);
}

static void
session_closed_and_open(void **state)
{
	struct cash_session	*s = calloc(1, sizeof *s);
	cJSON			*j = parse(SESSION);
	const char		*cause;

	(void)state;
	assert_int_equal(model_cash_session_parse(j, s, &cause), 0);
	assert_int_equal(s->counted_fen, 53900);
	assert_int_equal(s->short_fen, 100);
	assert_string_equal(s->signed_by, "");
	assert_string_equal(s->override, "");
	model_cash_session_free(s);
	s = calloc(1, sizeof *s);
	cJSON_ReplaceItemInObject(j, "counted_fen", cJSON_CreateNull());
	assert_int_equal(model_cash_session_parse(j, s, &cause), 0);
	assert_int_equal(s->counted_fen, -1);
	model_cash_session_free(s);
	cJSON_Delete(j);
}

static void
day_money_lines(void **state)
{
	struct day_money	 m;
	cJSON			*j = parse("{\"by_channel\":[{\"channel\":"
				    "\"cash\",\"payments\":3,\"paid_fen\":6000,"
				    "\"reversals\":1,\"reversed_fen\":2000},"
				    "{\"channel\":\"code\",\"payments\":2,"
				    "\"paid_fen\":5000,\"reversals\":0,"
				    "\"reversed_fen\":0}],\"taken_fen\":11000,"
				    "\"returned_fen\":2000,\"refunds\":{\"count\":"
				    "1,\"amount_fen\":2000},\"voids\":{\"count\":0,"
				    "\"amount_fen\":0},\"waived\":{\"count\":1,"
				    "\"amount_fen\":2000},\"relief\":{\"count\":2,"
				    "\"amount_fen\":4000},\"cash\":{\"sessions\":1,"
				    "\"open\":0,\"unsigned\":1,\"float_fen\":50000,"
				    "\"expected_fen\":54000,\"counted_fen\":53900,"
				    "\"over_fen\":0,\"short_fen\":100},"
				    "\"sessions\":[" SESSION "]}");
	const char		*cause = NULL;

	(void)state;
	assert_int_equal(day_money_parse(j, &m, &cause), 0);
	assert_int_equal(m.nchannels, 2);
	assert_string_equal(m.channels[1].channel, "code");
	assert_int_equal(m.channels[0].reversed_fen, 2000);
	assert_int_equal(m.taken_fen, 11000);
	assert_int_equal(m.relief_fen, 4000);
	assert_int_equal(m.short_fen, 100);
	assert_int_equal(m.nlist, 1);
	day_money_clear(&m);
	cJSON_DeleteItemFromObject(j, "cash");
	cause = NULL;
	assert_int_equal(day_money_parse(j, &m, &cause), -1);
	assert_non_null(cause);
	day_money_clear(&m);
	cJSON_Delete(j);
}

/* The application's fee: paid with its receipt's serial, or absent
 * from an older server. */
static void
application_fee(void **state)
{
	struct app_fee	 f;
	cJSON		*j = parse("{\"standard_fen\":2000,\"due_fen\":2000,"
			    "\"reason\":\"按收费标准收取\",\"basis\":null,"
			    "\"status\":\"paid\",\"payment\":{\"id\":71,"
			    "\"serial\":\"S-0001\",\"channel\":\"cash\","
			    "\"amount_fen\":2000,\"at\":\"2026-11-29T08:35:00Z\"}}");
	const char	*cause = NULL;

	(void)state;
	assert_int_equal(app_fee_parse(j, &f, &cause), 0);
	assert_int_equal(f.due_fen, 2000);
	assert_int_equal(f.payment_id, 71);
	assert_string_equal(f.basis, "");
	assert_string_equal(f.channel, "cash");
	app_fee_clear(&f);
	assert_int_equal(app_fee_parse(NULL, &f, &cause), 0);
	assert_string_equal(f.status, "");
	app_fee_clear(&f);
	cJSON_Delete(j);
}

/* The fee told before intake: the relief's reason, its basis. */
static void
fee_quote_with_relief(void **state)
{
	struct fee_quote	*q = calloc(1, sizeof *q);
	cJSON			*j = parse("{\"service\":{\"id\":96,"
				    "\"txcode\":\"1006\",\"name\":\"换领\"},"
				    "\"resident\":{\"id\":40,\"name\":\"王德顺\","
				    "\"id_number_masked\":\"610***0013\"},"
				    "\"standard_fen\":2000,\"due_fen\":0,"
				    "\"relief\":null,\"reason\":\"免收工本费\","
				    "\"basis\":\"居民身份证法第二十条\"}");
	const char		*cause;

	(void)state;
	assert_int_equal(model_fee_quote_parse(j, q, &cause), 0);
	assert_int_equal(q->standard_fen, 2000);
	assert_int_equal(q->due_fen, 0);
	assert_string_equal(q->reason, "免收工本费");
	model_fee_quote_free(q);
	q = calloc(1, sizeof *q);
	cJSON_ReplaceItemInObject(j, "due_fen", cJSON_CreateNumber(-1));
	assert_int_equal(model_fee_quote_parse(j, q, &cause), -1);
	model_fee_quote_free(q);
	cJSON_Delete(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(payment_parses_and_is_sanitized),
		cmocka_unit_test(payment_amount_must_be_integer),
		cmocka_unit_test(reversal_with_record),
		cmocka_unit_test(session_closed_and_open),
		cmocka_unit_test(day_money_lines),
		cmocka_unit_test(application_fee),
		cmocka_unit_test(fee_quote_with_relief),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
