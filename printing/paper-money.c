/* The day-end sheet's money: every fen taken, given back, waived and
 * counted, in 元. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paper-money.h"
#include "papers.h"
#include "../util/xmalloc.h"

/* "20.00元"; a sign only for a negative amount. */
static char *
yuan(long long fen)
{
	return (xasprintf("%s%lld.%02lld元", fen < 0 ? "-" : "",
	    (fen < 0 ? -fen : fen) / 100, (fen < 0 ? -fen : fen) % 100));
}

/* "3笔 60.00元". */
static void
field_count(struct pdoc *d, const char *label, int n, long long fen)
{
	char	*y = yuan(fen), *s = xasprintf("%d笔 %s", n, y);

	pdoc_field(d, label, s);
	free(s);
	free(y);
}

static void
field_yuan(struct pdoc *d, const char *label, long long fen)
{
	char	*y = yuan(fen);

	pdoc_field(d, label, y);
	free(y);
}

static const char *
channel_name(const char *c)
{
	if (strcmp(c, "cash") == 0)
		return ("现金");
	if (strcmp(c, "code") == 0)
		return ("扫码");
	if (strcmp(c, "waived") == 0)
		return ("免收");
	return (c);
}

static const char *
status_name(const char *s)
{
	if (strcmp(s, "open") == 0)
		return ("未日结");
	if (strcmp(s, "closed") == 0)
		return ("已日结 待签核");
	if (strcmp(s, "signed") == 0)
		return ("已签核");
	return (s);
}

/* One counter's drawer: expected against counted, over or short. */
static void
drawer(struct pdoc *d, const struct paper_money_session *s)
{
	char	*label, *a, *b;

	label = xasprintf("%s号窗口钱箱", s->counter);
	pdoc_field(d, label, status_name(s->status));
	free(label);
	field_yuan(d, "  备用金", s->float_fen);
	field_yuan(d, "  应有现金", s->expected_fen);
	if (s->counted_fen >= 0)
		field_yuan(d, "  实点现金", s->counted_fen);
	else
		pdoc_field(d, "  实点现金", "-");
	if (s->over_fen > 0)
		field_yuan(d, "  长款", s->over_fen);
	if (s->short_fen > 0)
		field_yuan(d, "  短款", s->short_fen);
	if (s->reason != NULL && *s->reason != '\0')
		pdoc_field(d, "  长短款原因", s->reason);
	a = xstrdup(s->closed_by != NULL && *s->closed_by != '\0' ?
	    s->closed_by : "-");
	b = xstrdup(s->signed_by != NULL && *s->signed_by != '\0' ?
	    s->signed_by : "-");
	label = xasprintf("日结 %s  签核 %s", a, b);
	pdoc_field(d, "  经办", label);
	free(label);
	free(a);
	free(b);
}

void
paper_money_lines(struct pdoc *d, const struct paper_money *m)
{
	char	*label;
	size_t	 i;

	pdoc_text(d, PEL_LEFT, PEL_BOLD, "收费日结：");
	for (i = 0; i < m->nchannels; i++) {
		label = xasprintf("%s收款", channel_name(m->channels[i].channel));
		field_count(d, label, m->channels[i].payments,
		    m->channels[i].paid_fen);
		free(label);
		label = xasprintf("%s冲红", channel_name(m->channels[i].channel));
		field_count(d, label, m->channels[i].reversals,
		    m->channels[i].reversed_fen);
		free(label);
	}
	field_yuan(d, "实收合计", m->taken_fen);
	field_yuan(d, "冲红退回合计", m->returned_fen);
	field_yuan(d, "净收", m->taken_fen - m->returned_fen);
	field_count(d, "退费", m->refunds, m->refunds_fen);
	field_count(d, "作废", m->voids, m->voids_fen);
	field_count(d, "免收", m->waived, m->waived_fen);
	field_count(d, "减免", m->relief, m->relief_fen);
	pdoc_rule(d);
	pdoc_text(d, PEL_LEFT, PEL_BOLD, "现金钱箱：");
	for (i = 0; i < m->nsessions; i++)
		drawer(d, &m->sessions[i]);
	field_yuan(d, "应有现金合计", m->expected_fen);
	field_yuan(d, "实点现金合计", m->counted_fen);
	field_yuan(d, "长款合计", m->over_fen);
	field_yuan(d, "短款合计", m->short_fen);
	if (m->open > 0 || m->unsigned_ > 0) {
		label = xasprintf("未日结%d个，未签核%d个", m->open,
		    m->unsigned_);
		pdoc_field(d, "注意", label);
		free(label);
	}
	pdoc_rule(d);
	pdoc_sign(d, "收款员签字");
}
