/* The 查询记录: every read of one resident's data, for the resident or
 * the supervisor to keep. */
#include <stdio.h>
#include <stdlib.h>

#include "paper-reads.h"
#include "paper-util.h"
#include "papers.h"
#include "../util/xmalloc.h"

#define TITLE	"查询记录"

/* One read as a field: its time, who and for what. */
static void
one(struct pdoc *d, size_t i, const struct paper_read *r)
{
	char	*label, *s;

	label = xasprintf("%zu. %s", i + 1, paper_or_dash(r->at));
	if (r->reveal)
		s = xasprintf("%s 查看完整身份证号（原因：%s）",
		    paper_or_dash(r->staff), paper_or_dash(r->reason));
	else
		s = xasprintf("%s部门 %s，用途：%s（%s），%s", paper_or_dash(r->dept),
		    paper_or_dash(r->staff), paper_or_dash(r->purpose), paper_or_dash(r->basis),
		    r->refused ? "未经授权，已拒绝" : r->records > 0 ?
		    "已查询" : "未查到");
	pdoc_field(d, label, s);
	free(s);
	free(label);
}

struct pdoc *
paper_reads(const struct paper_reads *p)
{
	struct pdoc	*d;
	char		*id, *t, *s;
	size_t		 i;

	t = paper_stamp(p->at);
	id = xasprintf("reads-%s", t);
	free(t);
	d = pdoc_new(id, "reads", PDOC_A4, TITLE);
	free(id);
	pdoc_text(d, PEL_CENTER, PEL_BOLD, paper_or_dash(p->centre));
	pdoc_text(d, PEL_CENTER, PEL_BIG, TITLE);
	pdoc_rule(d);
	pdoc_field(d, "居民", paper_or_dash(p->resident));
	pdoc_field(d, "身份证号", paper_or_dash(p->id_masked));
	t = paper_time(p->at);
	s = xasprintf("%s  打印人：%s", t, paper_or_dash(p->staff));
	pdoc_field(d, "打印时间", s);
	free(s);
	free(t);
	pdoc_rule(d);
	for (i = 0; i < p->n; i++)
		one(d, i, &p->items[i]);
	if (p->n == 0)
		pdoc_para(d, "暂无查询记录。");
	pdoc_rule(d);
	pdoc_para(d, "本记录列出各部门按用途查询本人信息、工作人员查看本人"
	    "完整身份证号的情况。如有疑问，可向社区便民服务中心提出。");
	return (d);
}
