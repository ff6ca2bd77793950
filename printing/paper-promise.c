/* The 告知承诺书: a proof replaced by the resident's written promise, in
 * the words of the national format text (国办发〔2020〕42号). */
#include <stdio.h>
#include <stdlib.h>

#include "paper-promise.h"
#include "paper-util.h"
#include "papers.h"
#include "../util/xmalloc.h"

#define TITLE	"证明事项告知承诺书"

/* A missing value prints as a dash, never as nothing. */
static const char *
or_dash(const char *s)
{
	return (s != NULL && *s != '\0' ? s : "-");
}

/* Who promises, about what. */
static void
head(struct pdoc *d, const struct paper_promise *p, const char *copy)
{
	char	*s;

	pdoc_text(d, PEL_CENTER, PEL_BOLD, or_dash(p->centre));
	pdoc_text(d, PEL_CENTER, PEL_BIG, TITLE);
	pdoc_text(d, PEL_RIGHT, 0, copy);
	pdoc_rule(d);
	if (p->txcode != NULL && *p->txcode != '\0') {
		s = xasprintf("%s（%s）", or_dash(p->subject), p->txcode);
		pdoc_field(d, "办理事项", s);
		free(s);
	} else
		pdoc_field(d, "办理事项", or_dash(p->subject));
	pdoc_field(d, p->certificate ? "证明编号" : "申请编号",
	    or_dash(p->reference));
	pdoc_field(d, "承诺人", or_dash(p->resident));
	pdoc_field(d, "身份证号", or_dash(p->id_masked));
	s = xasprintf("%s号窗口  经办人：%s", or_dash(p->counter),
	    or_dash(p->staff));
	pdoc_field(d, "窗口", s);
	free(s);
	pdoc_rule(d);
}

/* 一、the matters the promise stands in for. */
static void
matters(struct pdoc *d, const struct paper_promise *p)
{
	char	*s;
	size_t	 i;

	pdoc_text(d, PEL_LEFT, PEL_BOLD, "一、承诺事项");
	if (p->certificate) {
		s = xasprintf("申请人申请出具%s，本居民委员会不再入户走访或"
		    "调取材料核实，依据申请人的书面承诺出具。",
		    or_dash(p->subject));
		pdoc_para(d, s);
		free(s);
		return;
	}
	pdoc_para(d, "以下证明材料实行告知承诺制，申请人以书面承诺代替提交：");
	for (i = 0; i < p->nmatters; i++) {
		s = xasprintf("%zu. %s", i + 1, or_dash(p->matters[i]));
		pdoc_text(d, PEL_LEFT, 0, s);
		free(s);
	}
}

/* 二、what the administration tells the resident. */
static void
notice(struct pdoc *d, const struct paper_promise *p)
{
	char	*s, *days;

	pdoc_text(d, PEL_LEFT, PEL_BOLD, "二、行政机关告知");
	pdoc_para(d, "（一）申请人书面承诺已经符合上述事项所要证明的条件、"
	    "标准和要求的，本机关不再索要有关证明，依据书面承诺办理。");
	pdoc_para(d, "（二）本机关将在办理后依法对承诺内容进行核查（事后"
	    "核查），申请人应当予以配合。");
	days = p->ban_days > 0 ? xasprintf("%d日", p->ban_days) :
	    xstrdup("规定期限");
	s = xasprintf("（三）经核查承诺不实（虚假承诺）的：本机关依法撤销已"
	    "作出的决定，已出具的证明予以作废；将虚假承诺情况记入申请人"
	    "信用记录；自核查认定之日起%s内，申请人办理事项不再适用告知"
	    "承诺制；涉嫌违法犯罪的，依法追究法律责任。", days);
	pdoc_para(d, s);
	free(s);
	free(days);
}

/* 三、the promise, then the signature and the date. */
static void
promise(struct pdoc *d, const struct paper_promise *p)
{
	char	*s, *date;

	pdoc_text(d, PEL_LEFT, PEL_BOLD, "三、申请人承诺");
	pdoc_para(d, "本人已知晓行政机关告知的全部内容，承诺符合上述事项所要"
	    "证明的条件、标准和要求，所承诺内容真实、准确、完整；如有虚假，"
	    "愿意承担不实承诺的法律责任。");
	pdoc_sign(d, "申请人签字（承诺）");
	pdoc_text(d, PEL_LEFT, 0, "日期：______年____月____日");
	s = paper_time(p->at);
	s[10] = '\0';		/* the date of "YYYY-MM-DD HH:MM" */
	date = paper_date(s);
	pdoc_seal(d, or_dash(p->centre), date);
	free(date);
	free(s);
	pdoc_cut(d);
}

/* One copy: the resident's or the file's. */
static void
copy(struct pdoc *d, const struct paper_promise *p, const char *which)
{
	head(d, p, which);
	matters(d, p);
	notice(d, p);
	promise(d, p);
}

struct pdoc *
paper_promise(const struct paper_promise *p)
{
	struct pdoc	*d;
	char		*id;

	id = xasprintf("promise-%s", or_dash(p->reference));
	d = pdoc_new(id, "promise", PDOC_ROLL, TITLE);
	free(id);
	copy(d, p, "第一联 申请人留存");
	copy(d, p, "第二联 窗口存档");
	return (d);
}
