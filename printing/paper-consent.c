/* The 核对授权书: what a department may read of a resident, for what and
 * under which law, signed by the resident or every adult of the
 * household before a consent is recorded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paper-consent.h"
#include "paper-util.h"
#include "papers.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

#define TITLE	"核对授权书"

static const struct {
	const char	*code;
	const char	*name;
} field_names[] = {
	{ "name", "姓名" }, { "sex", "性别" }, { "birth_date", "出生日期" },
	{ "age", "年龄" }, { "id_number", "公民身份号码" },
	{ "phone", "联系电话" }, { "address", "住址" },
	{ "community", "所属社区" }, { "household", "家庭成员" },
	{ "tags", "人员类别" }, { "status", "人员状态" },
};

const char *
paper_consent_field(const char *code)
{
	size_t	i;

	for (i = 0; i < sizeof field_names / sizeof *field_names; i++) {
		if (strcmp(field_names[i].code, code) == 0)
			return (field_names[i].name);
	}
	return (code);
}

/* Who consents, to whom, for what. */
static void
head(struct pdoc *d, const struct paper_consent *c)
{
	struct buf	b;
	size_t		i;
	char		*s;

	pdoc_text(d, PEL_CENTER, PEL_BOLD, paper_or_dash(c->centre));
	pdoc_text(d, PEL_CENTER, PEL_BIG, TITLE);
	pdoc_rule(d);
	pdoc_field(d, "授权人", paper_or_dash(c->resident));
	pdoc_field(d, "身份证号", paper_or_dash(c->id_masked));
	s = xasprintf("%s部门", paper_or_dash(c->dept));
	pdoc_field(d, "查询部门", s);
	free(s);
	s = xasprintf("%s（%s）", paper_or_dash(c->purpose), paper_or_dash(c->code));
	pdoc_field(d, "查询用途", s);
	free(s);
	pdoc_field(d, "法律依据", paper_or_dash(c->basis));
	buf_init(&b);
	buf_add(&b, "", 0);
	for (i = 0; i < c->nfields; i++)
		buf_printf(&b, "%s%s", i > 0 ? "、" : "",
		    paper_consent_field(c->fields[i]));
	pdoc_field(d, "查询项目", c->nfields > 0 ? b.data : "-");
	buf_free(&b);
	pdoc_field(d, "授权范围", c->scope != NULL && *c->scope != '\0' ?
	    c->scope : paper_or_dash(c->purpose));
	if (c->signed_on != NULL && c->expires_on != NULL)
		s = xasprintf("自%s起至%s止", c->signed_on, c->expires_on);
	else if (c->consent_days > 0)
		s = xasprintf("自签署之日起%d日", c->consent_days);
	else
		s = xstrdup("-");
	pdoc_field(d, "授权期限", s);
	free(s);
	s = xasprintf("%s号窗口  经办人：%s", paper_or_dash(c->counter),
	    paper_or_dash(c->staff));
	pdoc_field(d, "窗口", s);
	free(s);
	pdoc_rule(d);
}

/* The words of the consent. */
static void
words(struct pdoc *d, const struct paper_consent *c)
{
	char	*s;

	s = xasprintf("本人（本家庭成年成员）自愿授权%s部门，为办理%s，依据%s，"
	    "在上述期限内查询、核对本人在本社区居民信息库中的上述项目。",
	    paper_or_dash(c->dept), paper_or_dash(c->purpose), paper_or_dash(c->basis));
	pdoc_para(d, s);
	free(s);
	pdoc_para(d, "查询结果仅用于上述用途，不得用于其他目的，不得向第三方"
	    "提供；每次查询均记录查询部门、经办人、时间和用途，本人可在社区"
	    "便民服务中心查阅查询记录。");
	pdoc_para(d, "本人可随时到社区便民服务中心书面撤回本授权，撤回前已经"
	    "进行的查询不受影响；授权期满自动失效。");
	pdoc_para(d, "本人已阅读并理解上述内容，同意授权。");
}

/* A line for each signer, then the centre's seal. */
static void
signatures(struct pdoc *d, const struct paper_consent *c)
{
	char	*s, *date, *t;
	size_t	 i;

	for (i = 0; i < c->nsigners; i++) {
		s = xasprintf("授权人签字（%s）", paper_or_dash(c->signers[i]));
		pdoc_sign(d, s);
		free(s);
		pdoc_text(d, PEL_LEFT, 0, "日期：______年____月____日");
	}
	if (c->nsigners == 0) {
		pdoc_sign(d, "授权人签字");
		pdoc_text(d, PEL_LEFT, 0, "日期：______年____月____日");
	}
	t = paper_time(c->at);
	t[10] = '\0';		/* the date of "YYYY-MM-DD HH:MM" */
	date = paper_date(c->signed_on != NULL ? c->signed_on : t);
	pdoc_seal(d, paper_or_dash(c->centre), date);
	free(date);
	free(t);
}

struct pdoc *
paper_consent(const struct paper_consent *c)
{
	struct pdoc	*d;
	char		*id, *t;

	t = paper_stamp(c->at);
	id = xasprintf("consent-%s-%s", paper_or_dash(c->code), t);
	d = pdoc_new(id, "consent", PDOC_A4, TITLE);
	free(id);
	free(t);
	head(d, c);
	words(d, c);
	signatures(d, c);
	return (d);
}
