/* printing/paper-pay.c: the receipt of a payment and its red-letter
 * receipt, on a 58 mm roll and as plain text, and amounts in the
 * capitals of 人民币大写. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../printing/doc.h"
#include "../../printing/layout.h"
#include "../../printing/paper-pay.h"
#include "../../printing/papers.h"
#include "../../printing/plain.h"
#include "../../util/buf.h"

static struct paper_payment pay = {
	.centre = "红旗街街道便民服务中心",
	.serial = "610202001001-20261129-0003", .kind = "payment",
	.number = "610202001-20261129-0008", .service = "居民身份证换领",
	.txcode = "1006", .payer = "王德顺", .id_masked = "610***********0013",
	.amount_fen = 2000, .channel = "code",
	.reference = "4200001234202611290012345678",
	.basis = "发改价格〔2003〕2322号", .counter = "3", .staff = "张丽",
	.at = 1796000000
};

static int
setup(void **state)
{
	(void)state;
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return (-1);
	return (0);
}

static void
capital(long long fen, const char *want)
{
	char	*s = paper_capital_yuan(fen);

	assert_string_equal(s, want);
	free(s);
}

static void
capitals_of_amounts(void **state)
{
	(void)state;
	capital(2000, "贰拾元整");
	capital(4000, "肆拾元整");
	capital(0, "零元整");
	capital(5, "伍分");
	capital(10550, "壹佰零伍元伍角");
	capital(100005, "壹仟元零伍分");
	capital(1000100, "壹万零壹元整");
	capital(10000000, "壹拾万元整");
	capital(1000000000000LL - 1, "玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾"
	    "玖元玖角玖分");
	capital(-1, "-");
}

/* The text of d at cols columns; the caller frees. */
static char *
plain(struct pdoc *d, int cols)
{
	struct buf	 b;
	char		*cause = NULL, *s;

	buf_init(&b);
	assert_int_equal(plain_render(d, cols, NULL, &b, &cause), 0);
	s = strdup(b.data);
	buf_free(&b);
	return (s);
}

static void
receipt_fits_58mm(void **state)
{
	struct pdoc	*d = paper_payment(&pay);
	struct playout	*l = playout_new(d, 32);
	size_t		 i;
	int		 max;
	char		*s;

	(void)state;
	for (i = 0; i < l->n; i++) {
		if (l->lines[i].kind != PLINE_TEXT)
			continue;
		max = (l->lines[i].style & PEL_DWIDTH) ? 16 : 32;
		assert_true(playout_width(l->lines[i].text) <= max);
	}
	playout_free(l);
	s = plain(d, 48);
	assert_non_null(strstr(s, "收款收据"));
	assert_non_null(strstr(s, "收据编号：610202001001-20261129-0003"));
	assert_non_null(strstr(s, "20.00元"));
	assert_non_null(strstr(s, "贰拾元整"));
	assert_non_null(strstr(s, "收费项目：居民身份证换领（1006）"));
	assert_non_null(strstr(s, "收款方式：扫码支付"));
	assert_non_null(strstr(s, "4200001234202611290012345678"));
	assert_null(strstr(s, "冲红"));
	assert_string_equal(d->id, "payment-610202001001-20261129-0003");
	free(s);
	pdoc_free(d);
}

static void
red_letter_names_what_it_undoes(void **state)
{
	struct paper_payment	 r = pay;
	struct pdoc		*d;
	char			*s;

	(void)state;
	r.kind = "refund";
	r.serial = "610202001001-20261130-0001";
	r.original = "610202001001-20261129-0003";
	r.reason = "申请不予受理，退还工本费";
	r.approved_by = "王秀兰";
	d = paper_payment(&r);
	s = plain(d, 48);
	assert_non_null(strstr(s, "收款收据（冲红）"));
	assert_non_null(strstr(s, "冲红类型：退费"));
	assert_non_null(strstr(s, "原收据编号：610202001001-20261129-0003"));
	assert_non_null(strstr(s, "-20.00元"));
	assert_non_null(strstr(s, "负贰拾元整"));
	assert_non_null(strstr(s, "冲红原因：申请不予受理，退还工本费"));
	assert_non_null(strstr(s, "审批人：王秀兰"));
	assert_null(strstr(s, "收费依据"));
	assert_string_equal(d->id, "redletter-610202001001-20261130-0001");
	free(s);
	pdoc_free(d);
}

/* s without its line breaks and spaces: the sentences as they read,
 * wherever the roll wrapped them. */
static char *
squeezed(char *s)
{
	char	*r, *w;

	for (r = w = s; *r != '\0'; r++) {
		if (*r != '\n' && *r != ' ')
			*w++ = *r;
	}
	*w = '\0';
	return (s);
}

/* Taken while the server could not be reached: a provisional receipt
 * that says so, with the outbox's reference and key, never a serial. */
static void
provisional_says_it_is_one(void **state)
{
	struct paper_payment	 r = pay;
	struct pdoc		*d;
	struct playout		*l;
	size_t			 i;
	char			*s;

	(void)state;
	r.serial = NULL;
	r.channel = "cash";
	r.reference = NULL;
	r.local_ref = 7;
	r.key = "0123456789abcdef0123456789abcdef";
	d = paper_payment(&r);
	l = playout_new(d, 32);
	for (i = 0; i < l->n; i++) {
		if (l->lines[i].kind == PLINE_TEXT)
			assert_true(playout_width(l->lines[i].text) <=
			    ((l->lines[i].style & PEL_DWIDTH) ? 16 : 32));
	}
	playout_free(l);
	s = squeezed(plain(d, 48));
	assert_non_null(strstr(s, "临时收据"));
	assert_non_null(strstr(s, "收据编号：待同步-L7"));
	assert_non_null(strstr(s, "尚未入账"));
	assert_non_null(strstr(s, "正式收款收据"));
	assert_non_null(strstr(s, "待发送编号：L7"));
	assert_non_null(strstr(s, "0123456789abcdef0123456789abcdef"));
	assert_non_null(strstr(s, "贰拾元整"));
	assert_null(strstr(s, "请妥善保管"));
	assert_string_equal(d->id, "payment-provisional-L7");
	free(s);
	pdoc_free(d);
}

/* Printed again: 补打 with its number above all, the record's serial
 * and amount unchanged, a document of its own for the print journal. */
static void
reprint_says_so(void **state)
{
	struct paper_payment	 r = pay;
	struct pdoc		*d;
	char			*s;

	(void)state;
	r.reprint_no = 2;
	d = paper_payment(&r);
	s = plain(d, 48);
	assert_non_null(strstr(s, "补打（第2次）"));
	assert_true(strstr(s, "补打（第2次）") < strstr(s, "收款收据"));
	assert_non_null(strstr(s, "收据编号：610202001001-20261129-0003"));
	assert_non_null(strstr(s, "贰拾元整"));
	assert_string_equal(d->id, "payment-610202001001-20261129-0003-r2");
	free(s);
	pdoc_free(d);
	r.reprint_no = 0;
	d = paper_payment(&r);
	s = plain(d, 48);
	assert_null(strstr(s, "补打"));
	free(s);
	pdoc_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(capitals_of_amounts),
		cmocka_unit_test(receipt_fits_58mm),
		cmocka_unit_test(red_letter_names_what_it_undoes),
		cmocka_unit_test(reprint_says_so),
		cmocka_unit_test(provisional_says_it_is_one),
	};

	return (cmocka_run_group_tests(tests, setup, NULL));
}
