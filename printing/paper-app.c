/* Receipts and notices about one application. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paper-app.h"
#include "paper-util.h"
#include "papers.h"
#include "../util/xmalloc.h"

/* The head every counter slip shares: centre, title, rule. */
static struct pdoc *
slip(const char *kind, const struct paper_application *a, const char *title,
    const char *id_extra)
{
	struct pdoc	*d;
	char		*id;

	id = xasprintf("%s-%s%s%s", kind, paper_or_dash(a->number),
	    id_extra != NULL ? "-" : "", id_extra != NULL ? id_extra : "");
	d = pdoc_new(id, kind, PDOC_ROLL, title);
	free(id);
	pdoc_text(d, PEL_CENTER, PEL_BOLD, paper_or_dash(a->centre));
	pdoc_text(d, PEL_CENTER, PEL_BIG, title);
	pdoc_rule(d);
	return (d);
}

/* Who, what and when: the fields every slip about an application has. */
static void
app_fields(struct pdoc *d, const struct paper_application *a, int due)
{
	char	*s;

	pdoc_field(d, "申请编号", paper_or_dash(a->number));
	if (a->replaces != NULL)
		pdoc_field(d, "替代临时回执", a->replaces);
	if (a->txcode != NULL && *a->txcode != '\0') {
		s = xasprintf("%s（%s）", paper_or_dash(a->service), a->txcode);
		pdoc_field(d, "办理事项", s);
		free(s);
	} else
		pdoc_field(d, "办理事项", paper_or_dash(a->service));
	pdoc_field(d, "申请人", paper_or_dash(a->resident));
	pdoc_field(d, "身份证号", paper_or_dash(a->id_masked));
	if (a->address != NULL && *a->address != '\0')
		pdoc_field(d, "地址", a->address);
	s = paper_time(a->at);
	pdoc_field(d, "时间", s);
	free(s);
	if (due && a->due_date != NULL) {
		s = paper_date(a->due_date);
		pdoc_field(d, "承诺办结", s);
		free(s);
	}
	s = xasprintf("%s号窗口  经办人：%s", paper_or_dash(a->counter),
	    paper_or_dash(a->staff));
	pdoc_field(d, "窗口", s);
	free(s);
}

/* The materials received, with originals and copies. */
static void
materials(struct pdoc *d, const struct paper_application *a)
{
	char	*label, *value;
	size_t	 i;

	pdoc_text(d, PEL_LEFT, PEL_BOLD, "已收材料：");
	if (a->nmaterials == 0)
		pdoc_text(d, PEL_LEFT, 0, "  （无）");
	for (i = 0; i < a->nmaterials; i++) {
		label = xasprintf("%zu. %s", i + 1, a->materials[i].name);
		value = xasprintf("原件%d份 复印件%d份",
		    a->materials[i].originals, a->materials[i].copies);
		pdoc_field(d, label, value);
		free(label);
		free(value);
	}
}

/* The QR for "where is my application": the query URL or the number. */
static void
query_qr(struct pdoc *d, const struct paper_application *a)
{
	pdoc_qr(d, a->query_url != NULL && *a->query_url != '\0' ?
	    a->query_url : paper_or_dash(a->number), "扫码或凭申请编号查询办理进度");
}

/* What every slip ends with: phone, signature, cut. */
static void
foot(struct pdoc *d, const struct paper_application *a, const char *sign)
{
	if (a->phone != NULL && *a->phone != '\0')
		pdoc_field(d, "咨询电话", a->phone);
	if (sign != NULL)
		pdoc_sign(d, sign);
	pdoc_cut(d);
}

/* The acceptance receipt (受理回执) the resident takes home. */
struct pdoc *
paper_receipt(const struct paper_application *a)
{
	struct pdoc	*d = slip("receipt", a, "受理回执", NULL);

	app_fields(d, a, 1);
	pdoc_rule(d);
	materials(d, a);
	pdoc_rule(d);
	pdoc_text(d, PEL_LEFT, 0, "请妥善保管本回执，凭回执查询和领取办理结果。");
	if (a->pickup_code != NULL && *a->pickup_code != '\0') {
		/* for the self-service terminal, with the ID card */
		pdoc_field(d, "取件码", a->pickup_code);
		pdoc_text(d, PEL_LEFT, 0, "凭身份证和取件码可在自助终端查询办件、"
		    "打印证明，30日内有效，请勿告知他人。");
	} else if (a->pickup_code_lost)
		/* the server keeps no code to show twice (docs/api.md
		 * 1.8): the clerk prints a fresh one (K on the profile) */
		pdoc_field(d, "取件码", "请向工作人员另取");
	query_qr(d, a);
	foot(d, a, "申请人签字");
	return (d);
}

/* The material receipt (材料接收凭证). */
struct pdoc *
paper_materials(const struct paper_application *a)
{
	struct pdoc	*d = slip("materials", a, "材料接收凭证", NULL);

	app_fields(d, a, 0);
	pdoc_rule(d);
	materials(d, a);
	pdoc_rule(d);
	pdoc_text(d, PEL_LEFT, 0, "以上材料已由本窗口接收，原件已当场核验退还。");
	foot(d, a, "递交人签字");
	return (d);
}

/* The one-time notice of missing materials (一次性告知). */
struct pdoc *
paper_missing(const struct paper_application *a)
{
	struct pdoc	*d;
	char		*stamp = paper_stamp(a->at), *s;
	size_t		 i;

	d = slip("missing", a, "一次性告知书", stamp);
	free(stamp);
	app_fields(d, a, 0);
	pdoc_rule(d);
	pdoc_para(d, "您申请的事项尚需补齐以下材料，请一次性补正后到窗口办理：");
	for (i = 0; i < a->nmissing; i++) {
		s = xasprintf("%zu. %s", i + 1, a->missing[i]);
		pdoc_text(d, PEL_LEFT, 0, s);
		free(s);
	}
	pdoc_para(d, "补正期间办理时限暂停计算，材料补齐后继续计算。");
	query_qr(d, a);
	foot(d, a, "申请人签收");
	return (d);
}

/* The refusal notice (不予受理通知书), with reason and basis. */
struct pdoc *
paper_refusal(const struct paper_application *a)
{
	struct pdoc	*d = slip("refusal", a, "不予受理通知书", NULL);
	char		*s, *date;

	app_fields(d, a, 0);
	pdoc_rule(d);
	s = xasprintf("经审查，您申请的“%s”不予受理。", paper_or_dash(a->service));
	pdoc_para(d, s);
	free(s);
	pdoc_field(d, "理由", paper_or_dash(a->reason));
	if (a->basis != NULL && *a->basis != '\0')
		pdoc_field(d, "依据", a->basis);
	pdoc_para(d, "如对本决定有异议，可依法申请行政复议或者提起行政诉讼。");
	s = paper_time(a->at);
	s[10] = '\0';		/* the date of "YYYY-MM-DD HH:MM" */
	date = paper_date(s);
	pdoc_seal(d, paper_or_dash(a->centre), date);
	free(date);
	free(s);
	foot(d, a, "申请人签收");
	return (d);
}

/* The withdrawal note (撤回通知书): the applicant's reason, signed. */
struct pdoc *
paper_withdrawal(const struct paper_application *a)
{
	struct pdoc	*d = slip("withdrawal", a, "撤回通知书", NULL);
	char		*s, *date;

	app_fields(d, a, 0);
	pdoc_rule(d);
	s = xasprintf("申请人主动撤回“%s”的申请，本件办理终止，"
	    "所交材料原件已退还。", paper_or_dash(a->service));
	pdoc_para(d, s);
	free(s);
	pdoc_field(d, "撤回理由", paper_or_dash(a->reason));
	pdoc_para(d, "撤回后如需办理，可重新提出申请。");
	s = paper_time(a->at);
	s[10] = '\0';		/* the date of "YYYY-MM-DD HH:MM" */
	date = paper_date(s);
	pdoc_seal(d, paper_or_dash(a->centre), date);
	free(date);
	free(s);
	foot(d, a, "申请人签字");
	return (d);
}

/* One copy of the 容缺受理通知书: what is missing and by when, what
 * happens if it does not come, and the resident's promise, signed. */
static void
deferral_copy(struct pdoc *d, const struct paper_application *a,
    const char *copy)
{
	char	*s, *date;
	size_t	 i;

	pdoc_text(d, PEL_RIGHT, 0, copy);
	app_fields(d, a, 1);
	pdoc_rule(d);
	pdoc_para(d, "您申请的事项主要材料齐全，以下次要材料按容缺受理办理，"
	    "请于补交期限前到窗口补交：");
	for (i = 0; i < a->ndeferred; i++) {
		date = paper_date(a->deferred[i].due_date != NULL &&
		    *a->deferred[i].due_date != '\0' ?
		    a->deferred[i].due_date : "待定");
		s = xasprintf("%zu. %s", i + 1, a->deferred[i].name);
		pdoc_text(d, PEL_LEFT, 0, s);
		free(s);
		pdoc_field(d, "   补交期限", date);
		free(date);
	}
	pdoc_para(d, "容缺期间办理时限照常计算。材料补齐前本件不予办结；"
	    "逾期未补齐的，依法作出不予批准的决定，已收材料退还申请人。");
	pdoc_rule(d);
	pdoc_text(d, PEL_LEFT, PEL_BOLD, "容缺承诺书");
	pdoc_para(d, "本人已知晓上述容缺事项，承诺在补交期限内补齐所缺材料，"
	    "并对所交材料的真实性负责；逾期未补齐的，愿承担本件不予办结的"
	    "后果。");
	pdoc_sign(d, "申请人签字（承诺）");
	s = paper_time(a->at);
	s[10] = '\0';		/* the date of "YYYY-MM-DD HH:MM" */
	date = paper_date(s);
	pdoc_seal(d, paper_or_dash(a->centre), date);
	free(date);
	free(s);
	foot(d, a, NULL);
}

/* The 容缺受理通知书 in two copies: the resident's and the file's. */
struct pdoc *
paper_deferral(const struct paper_application *a)
{
	struct pdoc	*d = slip("deferral", a, "容缺受理通知书", NULL);

	deferral_copy(d, a, "第一联 申请人留存");
	pdoc_text(d, PEL_CENTER, PEL_BOLD, paper_or_dash(a->centre));
	pdoc_text(d, PEL_CENTER, PEL_BIG, "容缺受理通知书");
	pdoc_rule(d);
	deferral_copy(d, a, "第二联 窗口存档");
	return (d);
}
