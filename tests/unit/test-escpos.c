/* printing/escpos.c and encode.c: bytes checked by hand against the
 * ESC/POS command reference and the GB code tables. */
#include <iconv.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../printing/doc.h"
#include "../../printing/encode.h"
#include "../../printing/escpos.h"
#include "../../printing/profile.h"
#include "../../util/buf.h"

static int
setup(void **state)
{
	(void)state;
	return (setlocale(LC_ALL, "C.UTF-8") == NULL ? -1 : 0);
}

static void
render(const struct pdoc *d, const char *profile, struct buf *b)
{
	char	*cause = NULL;

	buf_init(b);
	assert_int_equal(escpos_render(d, profile_find(profile), b, &cause),
	    0);
}

static void
assert_bytes(const struct buf *b, const unsigned char *want, size_t len)
{
	size_t	i;

	for (i = 0; i < len && i < b->len; i++)
		if ((unsigned char)b->data[i] != want[i])
			fail_msg("byte %zu: got %02x, want %02x", i,
			    (unsigned char)b->data[i], want[i]);
	assert_int_equal(b->len, len);
}

/* Bold centred 张三, a QR code of "A1", then feed and partial cut. */
static void
receipt_bytes_58(void **state)
{
	static const unsigned char want[] = {
		0x1B, 0x40,			/* ESC @: initialise */
		0x1C, 0x26,			/* FS &: Chinese mode */
		0x1B, 0x61, 0x01,		/* ESC a 1: centre */
		0x1B, 0x45, 0x01,		/* ESC E 1: bold */
		0x1D, 0x21, 0x11,		/* GS ! 0x11: double w+h */
		0xD5, 0xC5, 0xC8, 0xFD, 0x0A,	/* 张三 in GB, LF */
		0x1B, 0x45, 0x00,		/* bold off */
		0x1D, 0x21, 0x00,		/* normal size */
		0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00,
						/* QR model 2 */
		0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x04,
						/* module 4 dots */
		0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31,
						/* level M */
		0x1D, 0x28, 0x6B, 0x05, 0x00, 0x31, 0x50, 0x30, 'A', '1',
						/* store "A1" */
		0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30,
						/* print it */
		0x1B, 0x64, 0x01,		/* ESC d 1 */
		0x1B, 0x64, 0x04,		/* ESC d 4 before the cut */
		0x1D, 0x56, 0x01		/* GS V 1: partial cut */
	};
	struct pdoc	*d = pdoc_new("t", "test", PDOC_ROLL, "t");
	struct buf	 b;

	(void)state;
	pdoc_text(d, PEL_CENTER, PEL_BIG, "张三");
	pdoc_qr(d, "A1", NULL);
	pdoc_cut(d);
	render(d, "generic-58", &b);
	assert_bytes(&b, want, sizeof want);
	buf_free(&b);
	pdoc_free(d);
}

/* GB2312 lacks 镕 (GBK E9 46): it prints as ？ (A3 BF); no FS & for a
 * printer that starts in Chinese mode; full cut. */
static void
gb2312_replacement(void **state)
{
	static const unsigned char want[] = {
		0x1B, 0x40,
		0xD6, 0xEC, 0xA3, 0xBF, 0x0A,	/* 朱？ */
		0x1B, 0x64, 0x03, 0x1D, 0x56, 0x00
	};
	struct pdoc	*d = pdoc_new("t", "test", PDOC_ROLL, "t");
	struct buf	 b;

	(void)state;
	pdoc_text(d, PEL_LEFT, 0, "朱镕");
	render(d, "gb2312-80", &b);
	assert_bytes(&b, want, sizeof want);
	buf_free(&b);
	pdoc_free(d);
}

static void
encodings(void **state)
{
	struct pencode	*e;
	char		*s, *cause = NULL;
	size_t		 len;

	(void)state;
	e = pencode_new("GBK", &cause);
	s = pencode_string(e, "镕·", &len);
	assert_int_equal(len, 4);
	assert_memory_equal(s, "\xE9\x46\xA1\xA4", 4);	/* 镕 · */
	free(s);
	/* an emoji is not in GBK: a visible ？ */
	s = pencode_string(e, "a\xF0\x9F\x98\x80" "b", &len);
	assert_memory_equal(s, "a\xA3\xBF" "b", len);
	free(s);
	pencode_free(e);
	e = pencode_new("GB18030", &cause);
	/* GB18030 has it: four bytes, linear from 90 30 81 30 for U+10000:
	 * 0xF600 = ((4 * 10 + 9) * 126 + 123) * 10 + 6 */
	s = pencode_string(e, "\xF0\x9F\x98\x80", &len);
	assert_int_equal(len, 4);
	assert_memory_equal(s, "\x94\x39\xFC\x36", 4);
	free(s);
	pencode_free(e);
	assert_null(pencode_new("NO-SUCH-CODESET", &cause));
	free(cause);
}

/* Data full of commands prints exactly like the same data without them. */
static void
control_bytes_removed(void **state)
{
	struct pdoc	*dirty = pdoc_new("t", "test", PDOC_ROLL, "t");
	struct pdoc	*clean = pdoc_new("t", "test", PDOC_ROLL, "t");
	struct buf	 a, b;

	(void)state;
	pdoc_field(dirty, "姓名", "王\x1b" "d\x7f\x1dV\x01五\xc2\x9b\x1c.");
	pdoc_field(clean, "姓名", "王dV五.");
	pdoc_qr(dirty, "X\x1b@Y", NULL);
	pdoc_qr(clean, "X@Y", NULL);
	render(dirty, "generic-80", &a);
	render(clean, "generic-80", &b);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	buf_free(&a);
	buf_free(&b);
	pdoc_free(dirty);
	pdoc_free(clean);
}

/* The raster fallback: GS v 0 with the size of a version 1 code (21
 * modules + 2 x 2 margin) x 4 dots = 100 dots, 13 bytes a row. */
static void
raster_qr(void **state)
{
	struct pdoc	*d = pdoc_new("t", "test", PDOC_ROLL, "t");
	struct buf	 b;
	const unsigned char head[] = { 0x1D, 0x76, 0x30, 0x00, 13, 0, 100, 0 };
	char		*at;

	(void)state;
	pdoc_qr(d, "A1", NULL);
	render(d, "gbk-58-raster", &b);
	at = memmem(b.data, b.len, head, sizeof head);
	assert_non_null(at);
	/* after the image: ESC d 1, then the feed of a profile without cut */
	assert_int_equal(b.len - (size_t)(at - b.data),
	    sizeof head + 13 * 100 + 3 + 3);
	assert_null(memmem(b.data, b.len, "\x1D\x28\x6B", 3));
	buf_free(&b);
	pdoc_free(d);
}

/* What the test of the real printer checks: decode the GB18030 back. */
static void
decodes_back(void **state)
{
	struct pdoc	*d = pdoc_new("t", "test", PDOC_ROLL, "t");
	struct buf	 b;
	iconv_t		 cd;
	char		 out[256], *ip, *op;
	size_t		 il, ol;

	(void)state;
	pdoc_text(d, PEL_LEFT, 0, "受理回执·王德顺");
	render(d, "generic-80", &b);
	cd = iconv_open("UTF-8", "GB18030");
	ip = b.data + 4;	/* after ESC @ FS & */
	il = b.len - 4;
	op = out;
	ol = sizeof out;
	iconv(cd, &ip, &il, &op, &ol);
	iconv_close(cd);
	*op = '\0';
	assert_non_null(strstr(out, "受理回执·王德顺\n"));
	buf_free(&b);
	pdoc_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(receipt_bytes_58),
		cmocka_unit_test(gb2312_replacement),
		cmocka_unit_test(encodings),
		cmocka_unit_test(control_bytes_removed),
		cmocka_unit_test(raster_qr),
		cmocka_unit_test(decodes_back),
	};

	return (cmocka_run_group_tests(tests, setup, NULL));
}
