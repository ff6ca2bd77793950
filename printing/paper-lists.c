/* The hand-off list, the end-of-day summary and the queue ticket. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paper-lists.h"
#include "paper-money.h"
#include "paper-util.h"
#include "papers.h"
#include "../util/xmalloc.h"

/* A field whose value is a count. */
static void
field_int(struct pdoc *d, const char *label, int n)
{
	char	*s = xasprintf("%d", n);

	pdoc_field(d, label, s);
	free(s);
}

/* The hand-off list (交接清单) the back office signs. */
struct pdoc *
paper_handoff(const struct paper_handoff *h)
{
	struct pdoc	*d;
	char		*id, *s;
	size_t		 i;

	id = xasprintf("handoff-%s", paper_or_dash(h->number));
	d = pdoc_new(id, "handoff", PDOC_ROLL, "交接清单");
	free(id);
	pdoc_text(d, PEL_CENTER, PEL_BOLD, paper_or_dash(h->centre));
	pdoc_text(d, PEL_CENTER, PEL_BIG, "交接清单");
	pdoc_rule(d);
	pdoc_field(d, "交接单号", paper_or_dash(h->number));
	pdoc_field(d, "接收单位", paper_or_dash(h->to));
	s = paper_time(h->at);
	pdoc_field(d, "移交时间", s);
	free(s);
	pdoc_field(d, "移交人", paper_or_dash(h->staff));
	field_int(d, "件数", (int)h->nitems);
	if (h->note != NULL && *h->note != '\0')
		pdoc_field(d, "备注", h->note);
	pdoc_rule(d);
	for (i = 0; i < h->nitems; i++) {
		s = xasprintf("%zu. %s", i + 1, paper_or_dash(h->items[i].number));
		pdoc_text(d, PEL_LEFT, PEL_BOLD, s);
		free(s);
		pdoc_field(d, "  事项", paper_or_dash(h->items[i].service));
		pdoc_field(d, "  申请人", paper_or_dash(h->items[i].resident));
		s = paper_date(h->items[i].due_date);
		pdoc_field(d, "  承诺办结", s);
		free(s);
	}
	pdoc_rule(d);
	pdoc_sign(d, "移交人签字");
	pdoc_sign(d, "接收人签字");
	pdoc_sign(d, "接收时间");
	pdoc_cut(d);
	return (d);
}

/* The per-service lines of the day's summary. */
static void
daily_services(struct pdoc *d, const struct paper_daily *s)
{
	char	*label, *value;
	size_t	 i;

	if (s->nservices == 0)
		return;
	pdoc_text(d, PEL_LEFT, PEL_BOLD, "分事项（收件/办结）：");
	for (i = 0; i < s->nservices; i++) {
		label = xasprintf("%s %s", paper_or_dash(s->services[i].txcode),
		    paper_or_dash(s->services[i].name));
		value = xasprintf("%d/%d", s->services[i].received,
		    s->services[i].completed);
		pdoc_field(d, label, value);
		free(label);
		free(value);
	}
	pdoc_rule(d);
}

/* The end-of-day summary (日结单) of a centre or a counter. */
struct pdoc *
paper_daily(const struct paper_daily *s)
{
	struct pdoc	*d;
	char		*id, *t;

	id = xasprintf("daily-%s%s%s", paper_or_dash(s->date),
	    s->counter != NULL ? "-c" : "", s->counter != NULL ? s->counter : "");
	d = pdoc_new(id, "daily", PDOC_ROLL, "日结单");
	free(id);
	pdoc_text(d, PEL_CENTER, PEL_BOLD, paper_or_dash(s->centre));
	pdoc_text(d, PEL_CENTER, PEL_BIG, "日结单");
	pdoc_rule(d);
	t = paper_date(s->date);
	pdoc_field(d, "日期", t);
	free(t);
	if (s->counter != NULL)
		pdoc_field(d, "窗口", s->counter);
	pdoc_rule(d);
	field_int(d, "收件", s->received);
	field_int(d, "受理", s->accepted);
	field_int(d, "办结", s->completed);
	field_int(d, "不予受理", s->rejected);
	field_int(d, "出件", s->collected);
	field_int(d, "逾期", s->overdue);
	field_int(d, "开具证明", s->certificates);
	field_int(d, "取号", s->tickets_issued);
	field_int(d, "叫号完成", s->tickets_done);
	if (s->avg_wait_s >= 0) {
		t = xasprintf("%d分%d秒", s->avg_wait_s / 60, s->avg_wait_s % 60);
		pdoc_field(d, "平均等候", t);
		free(t);
	}
	pdoc_rule(d);
	daily_services(d, s);
	if (s->money != NULL)
		paper_money_lines(d, s->money);
	t = paper_time(s->at);
	pdoc_field(d, "打印时间", t);
	free(t);
	pdoc_field(d, "打印人", paper_or_dash(s->staff));
	pdoc_sign(d, "站长签字");
	pdoc_cut(d);
	return (d);
}

/* The queue ticket slip. */
struct pdoc *
paper_ticket(const struct paper_ticket *t)
{
	struct pdoc	*d;
	char		*id, *s;

	id = xasprintf("ticket-%ld", t->id);
	d = pdoc_new(id, "ticket", PDOC_ROLL, "排队号");
	free(id);
	pdoc_text(d, PEL_CENTER, PEL_BOLD, paper_or_dash(t->centre));
	pdoc_text(d, PEL_CENTER, 0, paper_or_dash(t->category));
	pdoc_feed(d, 1);
	pdoc_text(d, PEL_CENTER, PEL_BIG, paper_or_dash(t->number));
	pdoc_feed(d, 1);
	if (t->waiting_ahead >= 0) {
		s = xasprintf("您前面还有 %d 人等候", t->waiting_ahead);
		pdoc_text(d, PEL_CENTER, 0, s);
		free(s);
	}
	s = paper_time(t->at);
	pdoc_text(d, PEL_CENTER, 0, s);
	free(s);
	pdoc_text(d, PEL_CENTER, 0, "请留意叫号，过号请到窗口重新排队。");
	pdoc_cut(d);
	return (d);
}
