/* The receipt of a payment (收款收据) and the red-letter receipt (冲红)
 * of its refund or void: the serial, the amount in 元 and in capitals,
 * the channel, who took it and where. A red-letter receipt names the
 * serial it undoes and prints the amount as negative. One printed
 * again says so, 补打 with the reprint's number, above all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paper-pay.h"
#include "paper-util.h"
#include "papers.h"
#include "../util/xmalloc.h"

/* A missing value prints as a dash, never as nothing. */
static const char *
or_dash(const char *s)
{
	return (s != NULL && *s != '\0' ? s : "-");
}

static int
red_letter(const struct paper_payment *p)
{
	return (p->kind != NULL && strcmp(p->kind, "payment") != 0);
}

/* The channel as the receipt names it. */
static const char *
channel_name(const char *c)
{
	if (c == NULL)
		return ("-");
	if (strcmp(c, "cash") == 0)
		return ("现金");
	if (strcmp(c, "code") == 0)
		return ("扫码支付");
	if (strcmp(c, "waived") == 0)
		return ("免收");
	return (c);
}

static const char *const digit[] = { "零", "壹", "贰", "叁", "肆", "伍",
    "陆", "柒", "捌", "玖" };

/* A group of four digits (1-9999), its inner zeros said once. */
static void
group4(char *out, int g)
{
	static const char *const unit[] = { "仟", "佰", "拾", "" };
	int	d[4], i, zero = 0, started = 0;

	d[0] = g / 1000;
	d[1] = g / 100 % 10;
	d[2] = g / 10 % 10;
	d[3] = g % 10;
	for (i = 0; i < 4; i++) {
		if (d[i] == 0) {
			zero = started;
			continue;
		}
		if (zero)
			strcat(out, "零");
		zero = 0;
		started = 1;
		strcat(out, digit[d[i]]);
		strcat(out, unit[i]);
	}
}

/* The 角 and 分 after the 元 (or 整). */
static void
cents(char *out, long long fen, int yuan)
{
	int	jiao = (int)(fen / 10 % 10), f = (int)(fen % 10);

	if (jiao == 0 && f == 0) {
		strcat(out, "整");
		return;
	}
	if (jiao != 0) {
		strcat(out, digit[jiao]);
		strcat(out, "角");
	} else if (yuan)
		strcat(out, "零");
	if (f != 0) {
		strcat(out, digit[f]);
		strcat(out, "分");
	}
}

char *
paper_capital_yuan(long long fen)
{
	static const char *const name[] = { "", "万", "亿" };
	char		 out[256] = "";
	long long	 y = fen / 100;
	int		 g[3], i, top, zero = 0, lower;

	if (fen < 0 || y >= 1000000000000LL)
		return (xstrdup("-"));
	if (fen == 0)
		return (xstrdup("零元整"));
	g[0] = (int)(y % 10000);
	g[1] = (int)(y / 10000 % 10000);
	g[2] = (int)(y / 100000000);
	for (top = 2; top > 0 && g[top] == 0; top--)
		;
	for (i = top; i >= 0; i--) {
		lower = i > 0 && (g[0] != 0 || (i > 1 && g[1] != 0));
		if (g[i] == 0) {
			zero = *out != '\0' && lower;
			continue;
		}
		if (*out != '\0' && (zero || g[i] < 1000))
			strcat(out, "零");
		zero = 0;
		group4(out, g[i]);
		strcat(out, name[i]);
	}
	if (y > 0)
		strcat(out, "元");
	cents(out, fen, y > 0);
	return (xstrdup(out));
}

/* The amount, "20.00元（人民币贰拾元整）", negative on a red letter. */
static void
amount(struct pdoc *d, const struct paper_payment *p)
{
	char	*cap = paper_capital_yuan(p->amount_fen), *s;

	s = xasprintf("%s%lld.%02lld元", red_letter(p) ? "-" : "",
	    p->amount_fen / 100, p->amount_fen % 100);
	pdoc_text(d, PEL_CENTER, PEL_BIG, s);
	free(s);
	s = xasprintf("%s%s", red_letter(p) ? "负" : "", cap);
	pdoc_field(d, "人民币（大写）", s);
	free(s);
	free(cap);
}

/* What was paid for and by whom. */
static void
what(struct pdoc *d, const struct paper_payment *p)
{
	char	*s;

	if (p->local_ref > 0) {
		s = xasprintf("待同步-L%lld", p->local_ref);
		pdoc_field(d, "收据编号", s);
		free(s);
	} else
		pdoc_field(d, "收据编号", or_dash(p->serial));
	if (red_letter(p)) {
		pdoc_field(d, "冲红类型", strcmp(p->kind, "refund") == 0 ?
		    "退费" : "作废");
		pdoc_field(d, "原收据编号", or_dash(p->original));
	}
	pdoc_field(d, "申请编号", or_dash(p->number));
	s = xasprintf("%s（%s）", or_dash(p->service), or_dash(p->txcode));
	pdoc_field(d, "收费项目", s);
	free(s);
	pdoc_field(d, "交款人", or_dash(p->payer));
	pdoc_field(d, "身份证号", or_dash(p->id_masked));
}

/* How it was paid, why, and who took it where and when. */
static void
how(struct pdoc *d, const struct paper_payment *p)
{
	char	*s;

	pdoc_field(d, "收款方式", channel_name(p->channel));
	if (p->reference != NULL && *p->reference != '\0')
		pdoc_field(d, "交易流水号", p->reference);
	if (p->reason != NULL && *p->reason != '\0')
		pdoc_field(d, red_letter(p) ? "冲红原因" : "免收原因",
		    p->reason);
	if (!red_letter(p) && p->basis != NULL && *p->basis != '\0')
		pdoc_field(d, "收费依据", p->basis);
	if (red_letter(p) && p->approved_by != NULL && *p->approved_by != '\0')
		pdoc_field(d, "审批人", p->approved_by);
	s = paper_time(p->at);
	pdoc_field(d, "时间", s);
	free(s);
	s = xasprintf("%s号窗口  经办人：%s", or_dash(p->counter),
	    or_dash(p->staff));
	pdoc_field(d, "窗口", s);
	free(s);
}

/* What a provisional receipt says plainly: not yet at the server, the
 * official receipt follows, and the outbox's reference and key that
 * tie the two together. */
static void
provisional(struct pdoc *d, const struct paper_payment *p)
{
	char	*s;

	pdoc_text(d, PEL_LEFT, PEL_BOLD, "临时收据：网络中断，本笔收款已存入"
	    "本机待发送队列，尚未入账。");
	pdoc_text(d, PEL_LEFT, 0, "网络恢复、送达服务器后，另行打印带编号的"
	    "正式收款收据，凭本收据换取。");
	s = xasprintf("L%lld", p->local_ref);
	pdoc_field(d, "待发送编号", s);
	free(s);
	pdoc_field(d, "幂等键", or_dash(p->key));
	pdoc_rule(d);
}

struct pdoc *
paper_payment(const struct paper_payment *p)
{
	const char	*title = red_letter(p) ? "收款收据（冲红）" :
			    p->local_ref > 0 ? "临时收据" : "收款收据";
	struct pdoc	*d;
	char		*id;

	if (p->local_ref > 0)
		id = xasprintf("payment-provisional-L%lld", p->local_ref);
	else if (p->reprint_no > 0)	/* a document of its own, once */
		id = xasprintf("%s-%s-r%d", red_letter(p) ? "redletter" :
		    "payment", or_dash(p->serial), p->reprint_no);
	else
		id = xasprintf("%s-%s", red_letter(p) ? "redletter" :
		    "payment", or_dash(p->serial));
	d = pdoc_new(id, red_letter(p) ? "redletter" : "payment", PDOC_ROLL,
	    title);
	free(id);
	if (p->reprint_no > 0 && p->local_ref <= 0) {
		id = xasprintf("补打（第%d次）", p->reprint_no);
		pdoc_text(d, PEL_RIGHT, PEL_BOLD, id);
		free(id);
	}
	pdoc_text(d, PEL_CENTER, PEL_BOLD, or_dash(p->centre));
	pdoc_text(d, PEL_CENTER, PEL_BIG, title);
	pdoc_rule(d);
	what(d, p);
	pdoc_rule(d);
	amount(d, p);
	pdoc_rule(d);
	how(d, p);
	pdoc_rule(d);
	if (p->local_ref > 0)
		provisional(d, p);
	else
		pdoc_text(d, PEL_LEFT, 0, red_letter(p) ?
		    "本收据冲销原收据，原收据同时作废。" :
		    "本收据为办件缴费凭证，请妥善保管。");
	pdoc_sign(d, red_letter(p) ? "领款人签字" : "收款人签章");
	pdoc_cut(d);
	return (d);
}
