/* The note for a certificate that is no longer issued. */
#include <stdlib.h>
#include <string.h>

#include "paper-notice.h"
#include "paper-util.h"
#include "papers.h"
#include "../util/xmalloc.h"

/* A missing value prints as a dash, never as nothing. */
static const char *
or_dash(const char *s)
{
	return (s != NULL && *s != '\0' ? s : "-");
}

/* Who asked, where and when. */
static void
refusal_fields(struct pdoc *d, const struct paper_cert_refusal *r)
{
	char	*s;

	pdoc_field(d, "申请事项", or_dash(r->type_name));
	if (r->resident != NULL && *r->resident != '\0') {
		pdoc_field(d, "申请人", r->resident);
		pdoc_field(d, "身份证号", or_dash(r->id_masked));
	}
	s = paper_time(r->at);
	pdoc_field(d, "时间", s);
	free(s);
	s = xasprintf("%s号窗口  经办人：%s", or_dash(r->counter),
	    or_dash(r->staff));
	pdoc_field(d, "窗口", s);
	free(s);
}

/* The note (不予出具证明告知书) with its basis and the way instead. */
struct pdoc *
paper_cert_refusal(const struct paper_cert_refusal *r)
{
	struct pdoc	*d;
	char		*id, *stamp = paper_stamp(r->at), *s, *date;

	id = xasprintf("certrefusal-%s-%s", or_dash(r->type_code), stamp);
	free(stamp);
	d = pdoc_new(id, "certrefusal", PDOC_ROLL, "不予出具证明告知书");
	free(id);
	pdoc_text(d, PEL_CENTER, PEL_BOLD, or_dash(r->centre));
	pdoc_text(d, PEL_CENTER, PEL_BIG, "不予出具证明告知书");
	pdoc_rule(d);
	refusal_fields(d, r);
	pdoc_rule(d);
	s = xasprintf("经核查，“%s”已不属于居民委员会出具的证明事项，"
	    "本社区不予出具。", or_dash(r->type_name));
	pdoc_para(d, s);
	free(s);
	pdoc_field(d, "依据", or_dash(r->basis));
	if (r->alternative != NULL && *r->alternative != '\0')
		pdoc_field(d, "办理建议", r->alternative);
	s = paper_time(r->at);
	if (strlen(s) > 10)
		s[10] = '\0';	/* the date of "YYYY-MM-DD HH:MM" */
	date = paper_date(s);
	free(s);
	s = xasprintf("%s居民委员会", or_dash(r->community));
	pdoc_seal(d, s, date);
	free(s);
	free(date);
	pdoc_cut(d);
	return (d);
}
