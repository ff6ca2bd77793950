/* CSV export (UTF-8 with a BOM, GB18030) and the import of a resident
 * list in either charset, with a reason for each refused row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "../../forms/idnum.h"
#include "../../locale/conv.h"
#include "../../locale/csv.h"

/* A resident list's columns, as an import screen would ask for them. */
static const char *
check_id(const char *v)
{
	enum idnum_error	e = idnum_check(v, time(NULL), NULL);

	return (e == IDNUM_OK ? NULL : idnum_strerror(e));
}

static const struct csv_column residents[] = {
	{ "name", { "姓名", "name", NULL }, 1, 0, NULL },
	{ "id_number", { "身份证号", "ID number", "id_number", NULL }, 1, 1,
	    check_id },
	{ "phone", { "手机", "mobile", NULL }, 0, 0, NULL },
	{ "address", { "住址", "address", NULL }, 0, 0, NULL },
};
#define NCOLS 4

static const char *const people[] = {
	"姓名", "身份证号", "手机", "住址",
	"张红旗", "610202198503150021", "13800000001",
	    "陕西省铜川市王益区红旗社区3号楼1单元101室",
	"买买提·艾力", "650102197804160036", "", "红旗社区, \"东\"院",
	"李镕", "61020219671111005X", "0919-1234567", "2号, 院内",
	"王珺", "610202194007080046", "", "=1+1",
};
#define NROWS 5

static struct csv_import *
import(const char *buf, size_t len)
{
	struct csv_import	*im;
	char			*cause = NULL;

	im = csv_import(buf, len, residents, NCOLS, &cause);
	if (im == NULL)
		fail_msg("csv_import: %s", cause);
	return (im);
}

/* Exported, then imported: every cell comes back as it was. */
static void
round_trip(enum csv_charset cs)
{
	struct csv_import	*im;
	char			*out, *cause = NULL;
	size_t			 len, i;

	out = csv_export(people, NROWS, NCOLS, cs, &len, &cause);
	assert_non_null(out);
	im = import(out, len);
	assert_int_equal(im->charset, cs);
	assert_int_equal(im->nrejects, 0);
	assert_int_equal(im->nrows, NROWS - 1);
	for (i = 0; i < (NROWS - 1) * NCOLS; i++)
		assert_string_equal(im->values[i], people[NCOLS + i]);
	assert_int_equal(im->lines[3], 5);
	csv_import_free(im);
	free(out);
}

static void
round_trip_utf8(void **state)
{
	(void)state;
	round_trip(CSV_UTF8);
}

static void
round_trip_gb18030(void **state)
{
	(void)state;
	round_trip(CSV_GB18030);
}

/* What a spreadsheet reads: a BOM, CRLF, ID numbers as text, quoted
 * commas and quotes, formulas disarmed; GB18030 bytes for the other. */
static void
export_bytes(void **state)
{
	const char	*cells[] = { "610202198503150021", "a,b", "=cmd()",
	    "say \"hi\"", "0919", "12" };
	char		*out, *cause = NULL;
	size_t		 len;

	(void)state;
	out = csv_export(cells, 2, 3, CSV_UTF8, &len, &cause);
	assert_string_equal(out, "\xEF\xBB\xBF\"=\"\"610202198503150021\"\"\","
	    "\"a,b\",'=cmd()\r\n\"say \"\"hi\"\"\",\"=\"\"0919\"\"\",12\r\n");
	assert_int_equal(len, strlen(out));
	free(out);
	cells[0] = "镕·珺";
	out = csv_export(cells, 1, 1, CSV_GB18030, &len, &cause);
	assert_int_equal(len, 8);
	assert_memory_equal(out, "\xE9" "F\xA1\xA4\xAC" "B\r\n", 8);
	free(out);
	cells[0] = "bad\xFF";
	assert_null(csv_export(cells, 1, 1, CSV_UTF8, &len, &cause));
	free(cause);
}

/* A list typed by hand in GB18030: each bad row is refused with its line
 * and why; the good ones are taken. */
static void
import_rejects(void **state)
{
	const char	*utf8 =
	    "身份证号,姓名,手机,住址,备注\n"			/* 1 */
	    "610202198503150021,张红旗,13800000001,3号楼,\n"	/* 2 ok */
	    "610202198503150022,张三,,,\n"			/* 3 check */
	    ",李四,,,\n"					/* 4 empty */
	    "61020219671111005X,王五\n"				/* 5 count */
	    "610202198503150021,张红旗,,,重复\n"		/* 6 dup */
	    "\n"						/* 7 blank */
	    "650102197804160036,\"买买提·艾力,\n"		/* 8 quote */
	    ",,,,\n"						/* 9 empty */
	    "610202194007080046,王\x1b[2J,,,\n"		/* 10 ctrl */
	    "61020219671111005X,\"王\n建国\",,,\n";		/* 11-12 */
	char			*gb, *file, want[128];
	size_t			 len, glen;
	struct csv_import	*im;

	(void)state;
	gb = conv_from_utf8("GB18030", utf8, strlen(utf8), NULL, &glen,
	    NULL, NULL);
	assert_non_null(gb);
	/* line 13: bytes that are not GB18030 (0x81 then 0x20) */
	len = glen + 26;
	file = malloc(len);
	memcpy(file, gb, glen);
	memcpy(file + glen, "61020219850315002\x81 1,x,,,\n", 26);
	im = import(file, len);
	assert_int_equal(im->charset, CSV_GB18030);
	assert_int_equal(im->nrows, 1);
	assert_string_equal(im->values[0], "张红旗");
	assert_string_equal(im->values[1], "610202198503150021");
	assert_int_equal(im->nrejects, 8);
	assert_int_equal(im->rejects[0].line, 3);
	assert_non_null(strstr(im->rejects[0].reason, "check digit"));
	assert_int_equal(im->rejects[1].line, 4);
	assert_string_equal(im->rejects[1].reason, "身份证号 is empty");
	assert_int_equal(im->rejects[2].line, 5);
	assert_string_equal(im->rejects[2].reason,
	    "2 fields, but the header has 5");
	assert_int_equal(im->rejects[3].line, 6);
	assert_string_equal(im->rejects[3].reason,
	    "身份证号 is the same as on line 2");
	/* the open quote does not swallow the lines after it */
	assert_int_equal(im->rejects[4].line, 8);
	assert_string_equal(im->rejects[4].reason, "a quote is not closed");
	assert_int_equal(im->rejects[5].line, 10);
	assert_string_equal(im->rejects[5].reason,
	    "姓名 has control characters");
	/* a quoted line break is one row over two lines, refused */
	assert_int_equal(im->rejects[6].line, 11);
	assert_string_equal(im->rejects[6].reason,
	    "姓名 has control characters");
	assert_int_equal(im->rejects[7].line, 13);
	snprintf(want, sizeof want, "bytes that are not GB18030 (at byte "
	    "%zu of the file)", glen + 17);
	assert_string_equal(im->rejects[7].reason, want);
	csv_import_free(im);
	free(gb);
	free(file);
}

/* The header decides: English names work, a missing required column or
 * no header at all stops the import with a reason. */
static void
import_header(void **state)
{
	const char		*en = "\xEF\xBB\xBF" "ID number,Name\r\n"
				    "\"=\"\"610202198503150021\"\"\",张红旗\r\n";
	struct csv_import	*im;
	char			*cause = NULL;

	(void)state;
	im = import(en, strlen(en));
	assert_int_equal(im->charset, CSV_UTF8);
	assert_int_equal(im->nrows, 1);
	assert_string_equal(im->values[0], "张红旗");
	assert_string_equal(im->values[1], "610202198503150021");
	assert_string_equal(im->values[2], "");
	csv_import_free(im);
	assert_null(csv_import("姓名,住址\n张红旗,x\n", strlen("姓名,住址\n"
	    "张红旗,x\n"), residents, NCOLS, &cause));
	assert_string_equal(cause, "the header has no column 身份证号");
	free(cause);
	assert_null(csv_import("\n\n", 2, residents, NCOLS, &cause));
	assert_string_equal(cause, "the file has no header row");
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip_utf8),
		cmocka_unit_test(round_trip_gb18030),
		cmocka_unit_test(export_bytes),
		cmocka_unit_test(import_rejects),
		cmocka_unit_test(import_header),
	};

	return (cmocka_run_group_tests_name("csv", tests, NULL, NULL));
}
