/* printing/: the document model, paper layout by GB width, plain text,
 * serialization and printer profiles. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../locale/text.h"
#include "../../printing/doc-io.h"
#include "../../printing/doc.h"
#include "../../printing/layout.h"
#include "../../printing/paper-app.h"
#include "../../printing/paper-cert.h"
#include "../../printing/paper-util.h"
#include "../../printing/papers.h"
#include "../../printing/plain.h"
#include "../../printing/profile.h"
#include "../../util/buf.h"

#define ADDRESS "陕西省铜川市王益区红旗街道红旗街8号院1号楼1单元101室" \
	"（东门进·右转，二楼）"

static const struct paper_material materials[] = {
	{ "居民身份证", 1, 1 },
	{ "本人社会保障卡或银行卡", 0, 1 },
};

static struct paper_application app = {
	.centre = "红旗街街道便民服务中心", .counter = "3", .staff = "张丽",
	.number = "610202001-20261129-0007", .service = "高龄津贴申请",
	.txcode = "0501", .resident = "王德顺",
	.id_masked = "610***********0013", .address = ADDRESS,
	.due_date = "2026-12-25", .at = 1796000000,
	.materials = materials, .nmaterials = 2
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
paper_width_counts_gb_columns(void **state)
{
	(void)state;
	assert_int_equal(playout_width("A1-"), 3);
	assert_int_equal(playout_width("张红旗"), 6);
	/* a terminal in zh_CN.UTF-8 draws these narrow; paper does not */
	assert_int_equal(text_width("·"), 1);
	assert_int_equal(playout_width("·"), 2);
	assert_int_equal(playout_width("—…"), 4);
	assert_int_equal(playout_width("买买提·艾力"), 12);
}

/* Joins wrapped lines back: nothing may be lost or cut in half. */
static void
check_wrap(const char *s, int width)
{
	char	**lines;
	size_t	  n, i;
	char	  joined[1024] = "";

	n = playout_wrap(s, width, width, &lines);
	assert_true(n > 1);
	for (i = 0; i < n; i++) {
		assert_true(playout_width(lines[i]) <= width);
		assert_true(utf8_valid(lines[i], strlen(lines[i])));
		assert_true(strlen(joined) + strlen(lines[i]) < sizeof joined);
		strcat(joined, lines[i]);
		free(lines[i]);
	}
	free(lines);
	assert_string_equal(joined, s);
}

static void
long_address_wraps_at_characters(void **state)
{
	(void)state;
	check_wrap(ADDRESS, 32 - 6);
	check_wrap(ADDRESS, 48 - 6);
	check_wrap(ADDRESS, 7);		/* odd width: never half a 字 */
}

static void
closing_mark_never_starts_a_line(void **state)
{
	char	**lines;
	size_t	  n, i;

	(void)state;
	/* 8 columns: "一二三四" fits, the "，" would start line 2 */
	n = playout_wrap("一二三四，五六", 8, 8, &lines);
	assert_int_equal(n, 2);
	assert_string_equal(lines[0], "一二三");
	assert_string_equal(lines[1], "四，五六");
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* An ID number that fits on a line goes down whole; one longer than the
 * line still breaks, losing nothing. */
static void
a_number_is_never_cut_in_two(void **state)
{
	char	**lines;
	size_t	  n, i;

	(void)state;
	n = playout_wrap("申请人王德顺身份证号610202194512030013。", 24, 24,
	    &lines);
	assert_int_equal(n, 2);
	assert_string_equal(lines[0], "申请人王德顺身份证号");
	assert_string_equal(lines[1], "610202194512030013。");
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	check_wrap("610202194512030013610202194512030013", 24);
}

/* On 58 mm the big title of the refusal note takes two even lines, not
 * eight characters and 书 alone. */
static void
a_centred_title_wraps_evenly(void **state)
{
	struct pdoc	*d = pdoc_new("t", "certrefusal", PDOC_ROLL, "t");
	struct playout	*l;

	(void)state;
	pdoc_text(d, PEL_CENTER, PEL_BIG, "不予出具证明告知书");
	l = playout_new(d, 32);
	assert_int_equal(l->n, 2);
	assert_string_equal(l->lines[0].text, "不予出具证");
	assert_string_equal(l->lines[1].text, "明告知书");
	playout_free(l);
	pdoc_free(d);
}

/* Every line of the receipt fits the paper; the address wraps under
 * its value column. */
static void
check_receipt(int cols)
{
	struct pdoc	*d = paper_receipt(&app);
	struct playout	*l = playout_new(d, cols);
	size_t		 i;
	int		 found = 0, max;

	for (i = 0; i < l->n; i++) {
		if (l->lines[i].kind != PLINE_TEXT)
			continue;
		max = (l->lines[i].style & PEL_DWIDTH) ? cols / 2 : cols;
		assert_true(playout_width(l->lines[i].text) <= max);
		if (strncmp(l->lines[i].text, "地址：", strlen("地址：")) == 0) {
			found = 1;
			/* the next line is the value's continuation */
			assert_true(strncmp(l->lines[i + 1].text, "      ", 6)
			    == 0);
		}
	}
	assert_true(found);
	playout_free(l);
	pdoc_free(d);
}

static void
receipt_fits_58_and_80(void **state)
{
	(void)state;
	check_receipt(32);
	check_receipt(42);
	check_receipt(48);
}

static void
plain_text_58(void **state)
{
	struct pdoc	*d = paper_receipt(&app);
	struct buf	 b;
	char		*cause = NULL;

	(void)state;
	buf_init(&b);
	assert_int_equal(plain_render(d, 32, NULL, &b, &cause), 0);
	/* the number does not fit after its label at 32: whole on the next
	 * line, right-aligned */
	assert_non_null(strstr(b.data, "申请编号：\n"
	    "         610202001-20261129-0007\n"));
	assert_non_null(strstr(b.data,
	    "2. 本人社会保障卡或银行卡：\n  原件0份 复印件1份\n"));
	assert_non_null(strstr(b.data, "[QR] 610202001-20261129-0007\n"));
	assert_non_null(strstr(b.data, "申请人签字：____________________\n"));
	buf_free(&b);
	buf_init(&b);
	assert_int_equal(plain_render(d, 48, NULL, &b, &cause), 0);
	assert_non_null(strstr(b.data,
	    "申请编号：610202001-20261129-0007\n"));
	buf_free(&b);
	pdoc_free(d);
}

/* The 取件码 is on the receipt printed as the application is taken,
 * and on no other; a receipt from a replayed answer says to ask. */
static void
receipt_pickup_code(void **state)
{
	struct paper_application	 a = app;
	struct pdoc			*d;
	struct buf			 b;
	char				*cause = NULL;

	(void)state;
	a.pickup_code = "402918";
	d = paper_receipt(&a);
	buf_init(&b);
	assert_int_equal(plain_render(d, 48, NULL, &b, &cause), 0);
	assert_non_null(strstr(b.data, "取件码：402918\n"));
	buf_free(&b);
	pdoc_free(d);
	d = paper_receipt(&app);
	buf_init(&b);
	assert_int_equal(plain_render(d, 48, NULL, &b, &cause), 0);
	assert_null(strstr(b.data, "取件码"));
	buf_free(&b);
	pdoc_free(d);
	/* from a replay's answer, which has the code null: the resident
	 * is told to ask for one */
	a = app;
	a.pickup_code_lost = 1;
	d = paper_receipt(&a);
	buf_init(&b);
	assert_int_equal(plain_render(d, 48, NULL, &b, &cause), 0);
	assert_non_null(strstr(b.data, "取件码：请向工作人员另取\n"));
	assert_null(strstr(b.data, "自助终端"));
	buf_free(&b);
	pdoc_free(d);
}

static void
controls_never_reach_paper(void **state)
{
	struct pdoc	*d;

	(void)state;
	d = pdoc_new("id/../../x\x1b", "receipt", PDOC_ROLL, "t\x1b[2J");
	assert_string_equal(d->id, "id_.._.._x_");
	assert_string_equal(d->title, "t[2J");
	pdoc_text(d, PEL_LEFT, 0, "王\x1b@\x1dV\x01\x1c&五\xc2\x9b\xe2\x80\xae六\t七");
	pdoc_field(d, "名\r", "值\x10\n");
	assert_string_equal(d->els[0].text, "王@V&五六 七");
	assert_string_equal(d->els[1].text, "名");
	assert_string_equal(d->els[1].value, "值\n");
	pdoc_free(d);
}

static void
reprint_is_marked(void **state)
{
	struct pdoc	*d = paper_receipt(&app);
	struct playout	*l;

	(void)state;
	l = playout_new(d, 32);
	assert_null(strstr(l->lines[0].text, "补打"));
	playout_free(l);
	pdoc_set_copy(d, 2);
	l = playout_new(d, 32);
	assert_string_equal(l->lines[0].text, "补打（第2次）");
	assert_int_equal(l->lines[0].align, PEL_CENTER);
	playout_free(l);
	pdoc_free(d);
}

static void
serialize_round_trip(void **state)
{
	struct pdoc	*d = paper_receipt(&app), *back;
	char		*s, *again, *cause = NULL;

	(void)state;
	pdoc_para(d, "a\\b\tc");
	pdoc_set_copy(d, 1);
	s = pdoc_serialize(d);
	back = pdoc_parse(s, &cause);
	assert_non_null(back);
	assert_string_equal(back->id, d->id);
	assert_int_equal(back->copy, 1);
	assert_int_equal(back->nels, d->nels);
	again = pdoc_serialize(back);
	assert_string_equal(again, s);
	assert_null(pdoc_parse("bianmin-doc 1\nel\tnope\n", &cause));
	free(cause);
	assert_null(pdoc_parse("garbage", &cause));
	free(cause);
	free(again);
	free(s);
	pdoc_free(back);
	pdoc_free(d);
}

static void
dates(void **state)
{
	char	*s;

	(void)state;
	s = paper_date("2026-12-05");
	assert_string_equal(s, "2026年12月5日");
	free(s);
	s = paper_date("soon");
	assert_string_equal(s, "soon");
	free(s);
}

static void
certificate_signoff(void **state)
{
	struct paper_certificate c = {
		.id = 501, .serial = "红旗社区〔2026〕第000123号",
		.title = "居住证明", .issuer = "红旗社区居民委员会",
		.body = "兹证明张红旗在本社区居住。\n特此证明。\n\n"
		    "红旗社区居民委员会\n2026年11月29日",
		.issued_on = "2026-11-29", .verify_url = "https://v/x",
		.verify_code = "K7QM3XPD",
		.rate_url = "https://v/p/3f1c9a0be27d4c58a6e0f4b21d9c7e65"
	};
	struct pdoc	*d = paper_certificate(&c);
	size_t		 i, seals = 0, links = 0, qr = 0;

	(void)state;
	assert_string_equal(d->id, "cert-501");
	assert_int_equal(d->paper, PDOC_A4);
	for (i = 0; i < d->nels; i++) {
		if (d->els[i].type == PEL_SEAL) {
			seals++;
			assert_string_equal(d->els[i].text, "红旗社区居民委员会");
			assert_string_equal(d->els[i].value, "2026年11月29日");
		}
		/* the rating link is two lines at the foot after the
		 * QR code, which stays the verification's */
		if (d->els[i].type == PEL_TEXT && strstr(d->els[i].text,
		    "评价本次服务") != NULL) {
			links++;
			assert_int_equal(qr, 1);
			assert_true(d->els[i].style & PEL_FOOT);
			assert_true(i + 1 < d->nels);
			assert_true(d->els[i + 1].style & PEL_FOOT);
			assert_string_equal(d->els[i + 1].text,
			    "https://v/p/3f1c9a0be27d4c58a6e0f4b21d9c7e65");
		}
		if (d->els[i].type == PEL_QR) {
			qr++;
			assert_string_equal(d->els[i].text, "https://v/x");
			assert_non_null(strstr(d->els[i].value,
			    "核验码：K7QM 3XPD"));
		}
		/* the sign-off is not repeated as a paragraph */
		if (d->els[i].type == PEL_PARA)
			assert_null(strstr(d->els[i].text, "2026年"));
	}
	assert_int_equal(seals, 1);
	assert_int_equal(links, 1);
	pdoc_free(d);
	/* none without a link (a server before it) */
	c.rate_url = "";
	d = paper_certificate(&c);
	for (i = 0; i < d->nels; i++)
		assert_true(d->els[i].type != PEL_TEXT ||
		    strstr(d->els[i].text, "评价") == NULL);
	pdoc_free(d);
}

static void
profiles(void **state)
{
	const struct pprofile	*p;
	char			*cause = NULL;

	(void)state;
	assert_int_equal(profile_find("generic-58")->columns, 32);
	assert_int_equal(profile_default()->columns, 48);
	assert_int_equal(profile_load("tests/fixtures/print/profiles.ini",
	    &cause), 0);
	p = profile_find("xprinter-58");
	assert_non_null(p);
	assert_int_equal(p->columns, 32);
	assert_string_equal(p->encoding, "GBK");
	assert_false(p->qr_native);
	assert_int_equal(p->cut, PCUT_NONE);
	assert_int_equal(p->feed, 5);
	assert_int_equal(profile_find("generic-80")->columns, 42);
	assert_int_equal(profile_load("/nonexistent.ini", &cause), -1);
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(paper_width_counts_gb_columns),
		cmocka_unit_test(long_address_wraps_at_characters),
		cmocka_unit_test(closing_mark_never_starts_a_line),
		cmocka_unit_test(a_number_is_never_cut_in_two),
		cmocka_unit_test(a_centred_title_wraps_evenly),
		cmocka_unit_test(receipt_fits_58_and_80),
		cmocka_unit_test(plain_text_58),
		cmocka_unit_test(receipt_pickup_code),
		cmocka_unit_test(controls_never_reach_paper),
		cmocka_unit_test(reprint_is_marked),
		cmocka_unit_test(serialize_round_trip),
		cmocka_unit_test(dates),
		cmocka_unit_test(certificate_signoff),
		cmocka_unit_test(profiles),
	};

	return (cmocka_run_group_tests(tests, setup, NULL));
}
