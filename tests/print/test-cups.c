/* Printing through a real CUPS: a private cupsd whose queues keep what
 * they receive (tests/print/with-cupsd.sh), the client's own code from
 * document to journal, and the faults a counter meets. */
#include <dirent.h>
#include <iconv.h>
#include <locale.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../printing/cups.h"
#include "../../printing/journal.h"
#include "../../printing/paper-app.h"
#include "../../printing/paper-cert.h"
#include "../../printing/paper-pay.h"
#include "../../printing/papers.h"
#include "../../printing/print-entry.h"
#include "../../printing/print-reconcile.h"
#include "../../printing/print.h"
#include "../../printing/profile.h"
#include "../../util/buf.h"
#include "../../util/xmalloc.h"

#define NUMBER	"610202001-20261129-0007"
#define SERIAL	"红旗社区〔2026〕第000123号"

static struct printer	*printer;
static char		*state;
static const char	*receipt_spool, *a4_spool, *base;

static const struct paper_material materials[] = {
	{ "居民身份证", 1, 1 }, { "户口簿", 1, 1 },
};

/* An application; each test gives it its own number. */
static struct paper_application
application(const char *number)
{
	struct paper_application a = {
		.centre = "红旗街街道便民服务中心", .counter = "3",
		.staff = "张丽", .number = number,
		.service = "高龄津贴申请", .txcode = "0501",
		.resident = "王德顺", .id_masked = "610***********0013",
		.address = "红旗街8号院1号楼1单元101室\x1b@\x1dV\x01",
		.due_date = "2026-12-25", .at = 1796000000,
		.materials = materials, .nmaterials = 2
	};

	return (a);
}

static int
count_files(const char *dir)
{
	DIR		*d = opendir(dir);
	struct dirent	*e;
	int		 n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (strncmp(e->d_name, "job-", 4) == 0 &&
		    strstr(e->d_name, ".bin") != NULL)
			n++;
	closedir(d);
	return (n);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE		*f = fopen(path, "r");
	struct buf	 b;
	char		 chunk[8192];
	size_t		 n;

	assert_non_null(f);
	buf_init(&b);
	buf_add(&b, "", 0);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return (buf_steal(&b));
}

static char *
kept(const char *spool, int job, size_t *len)
{
	char	*path = xasprintf("%s/job-%d.bin", spool, job), *s;

	s = slurp(path, len);
	free(path);
	return (s);
}

/* Polls the job as the client's loop does, until it reaches a status
 * (or settles). Bounded in turns, not timed. */
static void
until(struct print_job *j, enum print_status want)
{
	struct pollfd	pfd;
	int		turns;

	for (turns = 0; turns < 600; turns++) {
		if (print_job_status(j) == want || print_job_update(j) ||
		    print_job_status(j) == want)
			return;
		pfd.fd = print_job_fd(j);
		pfd.events = POLLIN;
		poll(&pfd, 1, 100);
	}
}

static struct print_job *
start(struct pdoc *d, const char *queue, int reprint)
{
	struct print_target	 t = { PRINT_CUPS, queue, NULL };
	struct print_job	*j;
	char			*cause = NULL;

	if (d->paper == PDOC_ROLL)
		t.profile = profile_find("generic-80");
	j = print_start(printer, d, &t, reprint, &cause);
	if (j == NULL)
		fail_msg("print_start: %s", cause);
	return (j);
}

static int
sh(const char *fmt, ...)
{
	va_list	 ap;
	char	*cmd;
	int	 rc;

	va_start(ap, fmt);
	assert_int_not_equal(vasprintf(&cmd, fmt, ap), -1);
	va_end(ap);
	rc = system(cmd);
	free(cmd);
	return (rc);
}

static int
setup(void **st)
{
	char	*cause = NULL;

	(void)st;
	setlocale(LC_ALL, "C.UTF-8");
	base = getenv("PRINT_TEST_DIR");
	receipt_spool = getenv("PRINT_TEST_RECEIPT_SPOOL");
	a4_spool = getenv("PRINT_TEST_A4_SPOOL");
	if (base == NULL || receipt_spool == NULL || a4_spool == NULL)
		return (-1);
	state = xasprintf("%s/state", base);
	if ((printer = printer_new(state, &cause)) == NULL)
		return (-1);
	printer_set_helper(printer, "bin/bianmin-pdf");
	return (0);
}

static int
teardown(void **st)
{
	(void)st;
	printer_free(printer);
	free(state);
	return (0);
}

/* The GB18030 stream decodes back to the receipt's Chinese text, with
 * the QR store command carrying the application number. */
static void
receipt_through_cups(void **st)
{
	struct paper_application a = application(NUMBER);
	struct pdoc		*d = paper_receipt(&a);
	struct print_job	*j;
	const char		 qr[] = "\x1d(k\x1a\x00" "1P0" NUMBER;
	char			*data, utf8[16384], *ip, *op;
	size_t			 len, il, ol;
	iconv_t			 cd;
	int			 before = count_files(receipt_spool);

	(void)st;
	j = start(d, "receipt", 0);
	until(j, PRINT_DONE);
	assert_int_equal(print_job_status(j), PRINT_DONE);
	assert_non_null(strstr(print_job_message(j), "receipt"));
	assert_int_equal(count_files(receipt_spool), before + 1);
	data = kept(receipt_spool, print_job_cups_id(j), &len);
	assert_memory_equal(data, "\x1b@\x1c&", 4);
	assert_non_null(memmem(data, len, qr, sizeof qr - 1));
	/* the injected ESC @ GS V 1 of the address never arrives */
	assert_null(memmem(data, len, "101室\x1b", strlen("101室") + 1));
	cd = iconv_open("UTF-8", "GB18030");
	ip = data;
	il = len;
	op = utf8;
	ol = sizeof utf8 - 1;
	assert_int_not_equal(iconv(cd, &ip, &il, &op, &ol), (size_t)-1);
	iconv_close(cd);
	/* command bytes (ESC E 0 ...) hold NULs: search by length */
	ol = (size_t)(op - utf8);
#define HAS(s)	memmem(utf8, ol, s, strlen(s))
	assert_non_null(HAS("受理回执\n"));
	assert_non_null(HAS("申请编号：" NUMBER "\n"));
	assert_non_null(HAS("申请人：王德顺\n"));
	assert_non_null(HAS("1. 居民身份证：原件1份 复印件1份\n"));
	assert_non_null(HAS("地址：红旗街8号院1号楼1单元101室@V\n"));
	assert_null(HAS("补打"));
#undef HAS
	assert_int_equal(printer_state(printer, d->id, NULL), PJ_DONE);
	free(data);
	print_job_free(j);
	pdoc_free(d);
}

/* What a receipt queue kept of job j, GB18030 decoded to UTF-8 (the
 * command bytes with it, NULs and all: searched by length). */
static char *
kept_text(struct print_job *j, size_t *textlen, char **raw, size_t *len)
{
	char	*utf8 = xmalloc(32768), *ip, *op;
	size_t	 il, ol;
	iconv_t	 cd;

	*raw = kept(receipt_spool, print_job_cups_id(j), len);
	cd = iconv_open("UTF-8", "GB18030");
	assert_true(cd != (iconv_t)-1);
	ip = *raw;
	il = *len;
	op = utf8;
	ol = 32767;
	assert_int_not_equal(iconv(cd, &ip, &il, &op, &ol), (size_t)-1);
	iconv_close(cd);
	*textlen = (size_t)(op - utf8);
	return (utf8);
}

static const struct paper_payment payment = {
	.centre = "红旗街街道便民服务中心",
	.serial = "610202001001-20261129-0003", .kind = "payment",
	.number = NUMBER, .service = "居民身份证换领", .txcode = "1006",
	.payer = "王德顺", .id_masked = "610***********0013",
	.amount_fen = 2000, .channel = "cash",
	.basis = "发改价格〔2003〕2322号", .counter = "3", .staff = "张丽",
	.at = 1796000000
};

/* The 收款收据 as the receipt printer gets it from CUPS: GB18030, its
 * serial, the amount in figures and in 大写, the partial cut last. */
static void
payment_receipt_through_cups(void **st)
{
	struct pdoc		*d = paper_payment(&payment);
	struct print_job	*j;
	char			*raw, *text;
	size_t			 len, tl;

	(void)st;
	j = start(d, "receipt", 0);
	until(j, PRINT_DONE);
	assert_int_equal(print_job_status(j), PRINT_DONE);
	text = kept_text(j, &tl, &raw, &len);
	assert_memory_equal(raw, "\x1b@\x1c&", 4);
	/* 收款收据 in GB18030: CA D5 BF EE CA D5 BE DD */
	assert_non_null(memmem(raw, len, "\xCA\xD5\xBF\xEE\xCA\xD5\xBE\xDD",
	    8));
	assert_true(len > 3);
	assert_memory_equal(raw + len - 3, "\x1dV\x01", 3);
	assert_null(memmem(raw, len - 3, "\x1dV", 2));
#define HAS(s)	memmem(text, tl, s, strlen(s))
	assert_non_null(HAS("收据编号：610202001001-20261129-0003\n"));
	assert_non_null(HAS("20.00元"));
	assert_non_null(HAS("人民币（大写）：贰拾元整\n"));
	assert_non_null(HAS("收款方式：现金\n"));
	assert_non_null(HAS("收费依据：发改价格〔2003〕2322号\n"));
	assert_null(HAS("冲红"));
	assert_null(HAS("补打"));
	free(text);
	free(raw);
	print_job_free(j);
	pdoc_free(d);
}

/* Its red-letter receipt, printed again: 补打 with its number, the
 * serial it undoes, the amount negative in figures and in 大写. */
static void
red_letter_reprint_through_cups(void **st)
{
	struct paper_payment	 r = payment;
	struct pdoc		*d;
	struct print_job	*j;
	char			*raw, *text;
	size_t			 len, tl;

	(void)st;
	r.kind = "refund";
	r.serial = "610202001001-20261130-0001";
	r.original = payment.serial;
	r.reason = "申请人放弃办理";
	r.approved_by = "王秀兰";
	r.reprint_no = 1;
	d = paper_payment(&r);
	j = start(d, "receipt", 0);
	until(j, PRINT_DONE);
	assert_int_equal(print_job_status(j), PRINT_DONE);
	text = kept_text(j, &tl, &raw, &len);
	/* 冲红 in GB18030: B3 E5 BA EC */
	assert_non_null(memmem(raw, len, "\xB3\xE5\xBA\xEC", 4));
	assert_memory_equal(raw + len - 3, "\x1dV\x01", 3);
	assert_non_null(HAS("补打（第1次）\n"));
	assert_non_null(HAS("收款收据（冲红）\n"));
	assert_non_null(HAS("收据编号：610202001001-20261130-0001\n"));
	assert_non_null(HAS("原收据编号：610202001001-20261129-0003\n"));
	assert_non_null(HAS("-20.00元"));
	assert_non_null(HAS("人民币（大写）：负贰拾元整\n"));
	assert_non_null(HAS("审批人：王秀兰\n"));
#undef HAS
	assert_int_equal(printer_state(printer, d->id, NULL), PJ_DONE);
	free(text);
	free(raw);
	print_job_free(j);
	pdoc_free(d);
}

static struct pdoc *
certificate(void)
{
	struct paper_certificate c = {
		.id = 501, .serial = SERIAL, .title = "居住证明",
		.issuer = "红旗社区居民委员会",
		.body = "兹证明张红旗（性别：女，公民身份号码："
		    "610202198503150021），自2019年6月1日起在红旗街12号院"
		    "3号楼2单元501室居住至今，居住性质为自有住房。\n特此证明。"
		    "\n本证明用于办理居住证，自开具之日起30日内有效。\n\n"
		    "红旗社区居民委员会\n2026年11月29日",
		.issued_on = "2026-11-29", .valid_until = "2026-12-29",
		.verify_url = "https://bianmin.example.gov.cn/verify/"
		    "NScIKg7CBIZUMad32F-EaIvNfdt5rRbiaC7V-AxcWHM",
		.verify_code = "K7QM3XPD"
	};

	return (paper_certificate(&c));
}

static char *
pdf_text(const char *path)
{
	char	*cmd = xasprintf("pdftotext -layout '%s' -", path);
	FILE	*f = popen(cmd, "r");
	struct buf b;
	char	 chunk[4096];
	size_t	 n;

	assert_non_null(f);
	buf_init(&b);
	buf_add(&b, "", 0);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	assert_int_equal(pclose(f), 0);
	free(cmd);
	return (buf_steal(&b));
}

/* The A4 certificate goes to CUPS as a PDF with its title, serial and
 * name as text; a second print is refused unless asked as a reprint,
 * which is marked 补打. */
static void
certificate_through_cups(void **st)
{
	struct pdoc		*d = certificate();
	struct print_job	*j;
	char			*path, *text, *cause = NULL;
	struct print_target	 t = { PRINT_CUPS, "a4", NULL };
	int			 before = count_files(a4_spool);

	(void)st;
	j = start(d, "a4", 0);
	until(j, PRINT_DONE);
	assert_int_equal(print_job_status(j), PRINT_DONE);
	assert_int_equal(count_files(a4_spool), before + 1);
	path = xasprintf("%s/job-%d.bin", a4_spool, print_job_cups_id(j));
	text = pdf_text(path);
	assert_non_null(strstr(text, "居住证明"));
	assert_non_null(strstr(text, SERIAL));
	assert_non_null(strstr(text, "张红旗"));
	assert_non_null(strstr(text, "K7QM 3XPD"));
	assert_null(strstr(text, "补打"));
	/* one page: pdftotext ends each page with a form feed */
	assert_non_null(strchr(text, '\f'));
	assert_null(strchr(strchr(text, '\f') + 1, '\f'));
	free(text);
	free(path);
	print_job_free(j);

	assert_null(print_start(printer, d, &t, 0, &cause));
	assert_non_null(strstr(cause, "reprint"));
	free(cause);
	assert_int_equal(count_files(a4_spool), before + 1);

	j = start(d, "a4", 1);
	until(j, PRINT_DONE);
	assert_int_equal(print_job_status(j), PRINT_DONE);
	assert_int_equal(count_files(a4_spool), before + 2);
	path = xasprintf("%s/job-%d.bin", a4_spool, print_job_cups_id(j));
	text = pdf_text(path);
	assert_non_null(strstr(text, "补打（第1次）"));
	free(text);
	free(path);
	print_job_free(j);
	pdoc_free(d);
}

/* A stopped printer: the clerk is told why, the job waits in CUPS and
 * prints once when the printer is started again. */
static void
printer_stopped(void **st)
{
	struct paper_application a = application("610202001-20261129-0101");
	struct pdoc		*d = paper_receipt(&a);
	struct print_job	*j;
	int			 before = count_files(receipt_spool);

	(void)st;
	assert_int_equal(sh("cupsdisable -r 'cover open' receipt"), 0);
	j = start(d, "receipt", 0);
	until(j, PRINT_STOPPED);
	assert_int_equal(print_job_status(j), PRINT_STOPPED);
	assert_non_null(strstr(print_job_message(j), "is stopped"));
	assert_non_null(strstr(print_job_message(j), "paused"));
	assert_non_null(strstr(print_job_message(j), "cover open"));
	assert_int_equal(count_files(receipt_spool), before);
	assert_int_equal(printer_state(printer, d->id, NULL), PJ_SENT);
	assert_int_equal(sh("cupsenable receipt"), 0);
	until(j, PRINT_DONE);
	assert_int_equal(print_job_status(j), PRINT_DONE);
	assert_int_equal(count_files(receipt_spool), before + 1);
	print_job_free(j);
	pdoc_free(d);
}

/* Out of paper: the printer's reason is shown; the job completes once
 * paper is back. */
static void
media_empty(void **st)
{
	struct paper_application a = application("610202001-20261129-0102");
	struct pdoc		*d = paper_materials(&a);
	struct print_job	*j;
	int			 before = count_files(receipt_spool);

	(void)st;
	assert_int_equal(sh("touch %s/receipt.media-empty", base), 0);
	j = start(d, "receipt", 0);
	until(j, PRINT_STOPPED);
	assert_int_equal(print_job_status(j), PRINT_STOPPED);
	assert_non_null(strstr(print_job_message(j), "media-empty"));
	assert_int_equal(sh("rm %s/receipt.media-empty", base), 0);
	until(j, PRINT_DONE);
	assert_int_equal(print_job_status(j), PRINT_DONE);
	assert_int_equal(count_files(receipt_spool), before + 1);
	print_job_free(j);
	pdoc_free(d);
}

/* A job the printer aborts may be partly on paper: printing it again is
 * a reprint, asked for and marked. */
static void
job_aborted(void **st)
{
	struct paper_application a = application("610202001-20261129-0103");
	struct pdoc		*d = paper_refusal(&a);
	struct print_job	*j;
	struct print_target	 t = { PRINT_CUPS, "receipt", NULL };
	char			*cause = NULL, *data;
	size_t			 len;
	int			 before = count_files(receipt_spool);

	(void)st;
	t.profile = profile_find("generic-80");
	j = start(d, "broken", 0);
	until(j, PRINT_ABORTED);
	assert_int_equal(print_job_status(j), PRINT_ABORTED);
	assert_non_null(strstr(print_job_message(j), "broken"));
	assert_non_null(strstr(print_job_message(j), "reprint"));
	assert_int_equal(printer_state(printer, d->id, NULL), PJ_ABORTED);
	print_job_free(j);
	assert_null(print_start(printer, d, &t, 0, &cause));
	free(cause);
	j = start(d, "receipt", 1);
	until(j, PRINT_DONE);
	assert_int_equal(print_job_status(j), PRINT_DONE);
	assert_int_equal(count_files(receipt_spool), before + 1);
	data = kept(receipt_spool, print_job_cups_id(j), &len);
	/* 补打 in GB18030: B2 B9 B4 F2 */
	assert_non_null(memmem(data, len, "\xB2\xB9\xB4\xF2", 4));
	free(data);
	print_job_free(j);
	pdoc_free(d);
}

/* A queue that is not there: nothing printed, a clear word, and the
 * document prints later as an original. */
static void
queue_missing(void **st)
{
	struct paper_application a = application("610202001-20261129-0104");
	struct pdoc		*d = paper_receipt(&a);
	struct print_job	*j;
	int			 before = count_files(receipt_spool);

	(void)st;
	j = start(d, "nosuch", 0);
	until(j, PRINT_FAILED);
	assert_int_equal(print_job_status(j), PRINT_FAILED);
	assert_non_null(strstr(print_job_message(j), "nosuch"));
	assert_non_null(strstr(print_job_message(j), "printed later"));
	assert_int_equal(printer_state(printer, d->id, NULL), PJ_FAILED);
	print_job_free(j);
	j = start(d, "receipt", 0);
	until(j, PRINT_DONE);
	assert_int_equal(print_job_status(j), PRINT_DONE);
	assert_int_equal(d->copy, 0);
	assert_int_equal(count_files(receipt_spool), before + 1);
	print_job_free(j);
	pdoc_free(d);
}

/* A crash after the job was handed to CUPS (its id never journaled):
 * at start the job is found by its title and the document counts as
 * printed; one never handed over may be printed again. Nothing is
 * printed by the reconciliation. */
static void
crash_reconciled(void **st)
{
	struct paper_application a = application("610202001-20261129-0105");
	struct paper_application b = application("610202001-20261129-0106");
	struct pdoc		*d = paper_receipt(&a), *e = paper_receipt(&b);
	struct journal		*jr;
	struct pj_entry		 pe;
	struct print_target	 t = { PRINT_CUPS, "receipt", NULL };
	char			*title, *path, *cause = NULL;
	int			 job, before = count_files(receipt_spool);
	struct print_job	*j;

	(void)st;
	path = xasprintf("%s/prints/journal", state);
	jr = journal_open(path, &cause);
	assert_non_null(jr);
	memset(&pe, 0, sizeof pe);
	pe.id = d->id;
	pe.state = PJ_PENDING;
	pe.sink = "cups";
	pe.dest = "receipt";
	assert_int_equal(journal_append(jr, &pe, &cause), 0);
	title = print_title(d->id, 0);
	assert_int_equal(pcups_submit("receipt", title, PCUPS_RAW, "x\n", 2,
	    &job, &cause), 0);
	pe.id = e->id;
	assert_int_equal(journal_append(jr, &pe, &cause), 0);
	journal_free(jr);
	free(path);
	free(title);
	/* let CUPS finish the job it was given */
	for (int i = 0; i < 300 && count_files(receipt_spool) == before; i++)
		poll(NULL, 0, 100);
	assert_true(printer_reconcile(printer, NULL, NULL) >= 2);
	assert_int_equal(printer_state(printer, d->id, NULL), PJ_DONE);
	assert_int_equal(printer_state(printer, e->id, NULL), PJ_FAILED);
	assert_int_equal(count_files(receipt_spool), before + 1);
	t.profile = profile_find("generic-80");
	assert_null(print_start(printer, d, &t, 0, &cause));
	free(cause);
	j = start(e, "receipt", 0);
	until(j, PRINT_DONE);
	assert_int_equal(print_job_status(j), PRINT_DONE);
	assert_int_equal(count_files(receipt_spool), before + 2);
	print_job_free(j);
	pdoc_free(d);
	pdoc_free(e);
}

/* The demo: no printer, files in the prints folder. */
static void
file_sink(void **st)
{
	struct paper_application a = application("610202001-20261129-0107");
	struct pdoc		*d = paper_receipt(&a), *c = certificate();
	struct print_target	 t = { PRINT_FILE, NULL, NULL };
	struct print_job	*j;
	char			*cause = NULL, *txt, *data;
	size_t			 len;

	(void)st;
	t.profile = profile_find("generic-58");
	j = print_start(printer, d, &t, 0, &cause);
	assert_non_null(j);
	print_job_wait(j);
	assert_int_equal(print_job_status(j), PRINT_DONE);
	assert_non_null(print_job_path(j));
	assert_non_null(strstr(print_job_message(j), print_job_path(j)));
	assert_non_null(strstr(print_job_path(j), ".txt"));
	txt = slurp(print_job_path(j), &len);
	assert_non_null(strstr(txt, "受理回执"));
	free(txt);
	print_job_free(j);
	pdoc_free(d);
	pdoc_set_copy(c, 0);
	d = pdoc_new("cert-file", "certificate", PDOC_A4, "居住证明");
	pdoc_free(d);
	/* the certificate printed above was cert-501; a new id here */
	free(c->id);
	c->id = xstrdup("cert-502");
	j = print_start(printer, c, &t, 0, &cause);
	assert_non_null(j);
	print_job_wait(j);
	assert_int_equal(print_job_status(j), PRINT_DONE);
	assert_non_null(strstr(print_job_path(j), "cert-502.pdf"));
	data = slurp(print_job_path(j), &len);
	assert_memory_equal(data, "%PDF-", 5);
	free(data);
	print_job_free(j);
	pdoc_free(c);
}

/* cupsd down: a clear word at once; the document prints when CUPS is
 * back, once. */
static void
cupsd_down(void **st)
{
	struct paper_application a = application("610202001-20261129-0108");
	struct pdoc		*d = paper_receipt(&a);
	struct print_job	*j;
	int			 before = count_files(receipt_spool);

	(void)st;
	assert_int_equal(sh("kill $(cat $PRINT_TEST_CUPSD_PID); "
	    "while kill -0 $(cat $PRINT_TEST_CUPSD_PID) 2>/dev/null; do "
	    "sleep 0.1; done"), 0);
	j = start(d, "receipt", 0);
	until(j, PRINT_FAILED);
	assert_int_equal(print_job_status(j), PRINT_FAILED);
	assert_non_null(strstr(print_job_message(j), "not running"));
	assert_non_null(strstr(print_job_message(j), "printed later"));
	print_job_free(j);
	assert_int_equal(sh("$PRINT_TEST_CUPSD -f >/dev/null 2>&1 & "
	    "echo $! >$PRINT_TEST_CUPSD_PID; i=0; "
	    "until lpstat -r | grep -q 'is running'; do i=$((i+1)); "
	    "[ $i -gt 300 ] && exit 1; sleep 0.1; done"), 0);
	j = start(d, "receipt", 0);
	until(j, PRINT_DONE);
	assert_int_equal(print_job_status(j), PRINT_DONE);
	assert_int_equal(count_files(receipt_spool), before + 1);
	print_job_free(j);
	pdoc_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(receipt_through_cups),
		cmocka_unit_test(certificate_through_cups),
		cmocka_unit_test(payment_receipt_through_cups),
		cmocka_unit_test(red_letter_reprint_through_cups),
		cmocka_unit_test(printer_stopped),
		cmocka_unit_test(media_empty),
		cmocka_unit_test(job_aborted),
		cmocka_unit_test(queue_missing),
		cmocka_unit_test(crash_reconciled),
		cmocka_unit_test(file_sink),
		cmocka_unit_test(cupsd_down),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
