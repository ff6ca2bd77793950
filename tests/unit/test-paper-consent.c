/* printing/paper-consent.c and paper-reads.c: the 核对授权书 with a
 * signature line for each adult and its term as recorded, and the
 * 查询记录 with a department's reads, a refusal and a full-ID reveal,
 * as plain text. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../printing/doc.h"
#include "../../printing/paper-consent.h"
#include "../../printing/paper-reads.h"
#include "../../printing/papers.h"
#include "../../printing/plain.h"
#include "../../util/buf.h"

static const char *const fields[] = { "name", "id_number", "household",
    "income" };
static const char *const adults[] = { "张红旗", "刘强" };

static const struct paper_consent dibao = {
	.centre = "红旗街街道便民服务中心", .counter = "1", .staff = "张丽",
	.resident = "张红旗", .id_masked = "610***********0021",
	.dept = "民政", .purpose = "低保家庭经济状况核对", .code = "mz-dibao",
	.basis = "《社会救助暂行办法》第十一条", .fields = fields,
	.nfields = 4, .consent_days = 365, .signers = adults, .nsigners = 2,
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

static size_t
count(const char *s, const char *what)
{
	size_t	n = 0;

	while ((s = strstr(s, what)) != NULL) {
		n++;
		s += strlen(what);
	}
	return (n);
}

/* What the signers read before they sign: who may read what, for what,
 * under which law, for how long, and a line for each of them. */
static void
authorisation_for_every_adult(void **state)
{
	struct paper_consent	 c = dibao;
	struct pdoc		*d;
	char			*s;

	(void)state;
	c.scope = "家庭收入、存款核对";
	c.signed_on = "2026-11-29";
	c.expires_on = "2027-11-29";
	d = paper_consent(&c);
	s = plain(d, 80);
	assert_non_null(strstr(s, "核对授权书"));
	assert_non_null(strstr(s, "授权人：张红旗"));
	assert_non_null(strstr(s, "610***********0021"));
	assert_non_null(strstr(s, "查询部门：民政部门"));
	assert_non_null(strstr(s, "低保家庭经济状况核对（mz-dibao）"));
	assert_non_null(strstr(s, "《社会救助暂行办法》第十一条"));
	assert_non_null(strstr(s, "姓名、公民身份号码、家庭成员、income"));
	assert_non_null(strstr(s, "授权范围：家庭收入、存款核对"));
	assert_non_null(strstr(s, "自2026-11-29起至2027-11-29止"));
	assert_non_null(strstr(s, "授权人签字（张红旗）"));
	assert_non_null(strstr(s, "授权人签字（刘强）"));
	assert_int_equal(count(s, "授权人签字"), 2);
	assert_non_null(strstr(s, "同意授权"));
	assert_non_null(strstr(s, "2026年11月29日"));	/* the seal's date */
	assert_true(strncmp(d->id, "consent-mz-dibao-", 17) == 0);
	free(s);
	pdoc_free(d);
}

/* Without dates yet the term is the purpose's; without signers one
 * blank line; a missing value is a dash, never nothing. */
static void
authorisation_without_dates(void **state)
{
	struct paper_consent	 c = dibao;
	struct pdoc		*d;
	char			*s;

	(void)state;
	c.signers = NULL;
	c.nsigners = 0;
	c.basis = NULL;
	d = paper_consent(&c);
	s = plain(d, 80);
	assert_non_null(strstr(s, "授权期限：自签署之日起365日"));
	assert_non_null(strstr(s, "授权范围：低保家庭经济状况核对"));
	assert_non_null(strstr(s, "法律依据：-"));
	assert_int_equal(count(s, "授权人签字"), 1);
	free(s);
	pdoc_free(d);
}

static const struct paper_read reads[] = {
	{ .at = "2026-11-29 16:30", .staff = "李民", .dept = "民政",
	  .purpose = "高龄津贴资格核查", .basis = "省老龄办〔2020〕3号",
	  .records = 1 },
	{ .at = "2026-11-29 16:31", .staff = "李民", .dept = "民政",
	  .purpose = "低保家庭经济状况核对", .basis = "《社会救助暂行办法》",
	  .refused = 1 },
	{ .at = "2026-11-28 09:05", .reveal = 1, .staff = "张丽",
	  .reason = "核对户籍" },
};

/* Each read numbered, newest first as given: the department, who, the
 * purpose and its basis, and whether it was answered or refused. */
static void
reads_as_given(void **state)
{
	struct paper_reads	 p = {
		.centre = "红旗街街道便民服务中心", .staff = "张丽",
		.resident = "张红旗", .id_masked = "610***********0021",
		.items = reads, .n = 3, .at = 1796000000
	};
	struct pdoc		*d = paper_reads(&p);
	char			*s = plain(d, 120);
	const char		*two, *refused, *three;

	(void)state;
	assert_non_null(strstr(s, "查询记录"));
	assert_non_null(strstr(s, "居民：张红旗"));
	assert_non_null(strstr(s, "打印人：张丽"));
	assert_non_null(strstr(s, "1. 2026-11-29 16:30：民政部门 李民，用途："
	    "高龄津贴资格核查（省老龄办〔2020〕3号），已查询"));
	two = strstr(s, "2. 2026-11-29 16:31：民政部门 李民，用途：低保");
	refused = strstr(s, "未经授权，已拒绝");
	three = strstr(s, "3. 2026-11-28 09:05：张丽 查看完整身份证号"
	    "（原因：核对户籍）");
	assert_non_null(two);
	assert_non_null(three);
	assert_true(two < refused && refused < three);	/* the second's */
	assert_int_equal(count(s, "已拒绝"), 1);
	assert_null(strstr(s, "暂无查询记录"));
	assert_true(strncmp(d->id, "reads-", 6) == 0);
	free(s);
	pdoc_free(d);
}

static void
reads_none(void **state)
{
	struct paper_reads	 p = { .resident = "张红旗", .at = 1796000000 };
	struct pdoc		*d = paper_reads(&p);
	char			*s = plain(d, 80);

	(void)state;
	assert_non_null(strstr(s, "暂无查询记录。"));
	assert_non_null(strstr(s, "身份证号：-"));
	free(s);
	pdoc_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(authorisation_for_every_adult),
		cmocka_unit_test(authorisation_without_dates),
		cmocka_unit_test(reads_as_given),
		cmocka_unit_test(reads_none),
	};

	return (cmocka_run_group_tests(tests, setup, NULL));
}
