/* A service's 办事指南 for the kiosk's screen and its printer. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "kiosk-paper.h"
#include "../locale/i18n.h"
#include "../printing/doc.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

/* "12.50" of 1250 fen. */
static void
yuan(char *out, size_t len, long long fen)
{
	snprintf(out, len, "%lld.%02lld", fen / 100, fen % 100);
}

char *
kiosk_guide_text(const struct kiosk_guide *g)
{
	struct buf			 b;
	const struct kiosk_material	*m;
	char				 fee[32];
	size_t				 i;

	buf_init(&b);
	buf_printf(&b, "%s\n", _("Conditions:"));
	for (i = 0; i < g->nconditions; i++)
		buf_printf(&b, "  %zu. %s\n", i + 1, g->conditions[i]);
	if (g->nconditions == 0)
		buf_printf(&b, "  %s\n", _("none"));
	buf_printf(&b, "%s\n", _("Materials:"));
	for (i = 0; i < g->nmaterials; i++) {
		m = &g->materials[i];
		buf_printf(&b, _("  %zu. %s (originals %lld, copies %lld%s)\n"),
		    i + 1, m->name, m->originals, m->copies, m->required ? "" :
		    _(", if any"));
	}
	buf_printf(&b, _("Time limit: %lld working days\n"),
	    g->time_limit_days);
	yuan(fee, sizeof fee, g->fee_fen);
	if (g->fee_fen == 0)
		buf_printf(&b, "%s\n", _("Fee: free of charge"));
	else
		buf_printf(&b, _("Fee: %s yuan (%s)\n"), fee, g->fee_basis);
	return (buf_steal(&b));
}

struct pdoc *
kiosk_paper_guide(const struct kiosk_guide *g)
{
	const struct kiosk_material	*m;
	struct pdoc			*d;
	char				 id[64], fee[32], *s;
	size_t				 i;

	snprintf(id, sizeof id, "guide-%lld-%lld", g->id, (long long)time(NULL));
	d = pdoc_new(id, "guide", PDOC_ROLL, "办事指南");
	pdoc_text(d, PEL_CENTER, PEL_BIG, "办事指南");
	pdoc_text(d, PEL_CENTER, PEL_BOLD, g->name);
	pdoc_rule(d);
	pdoc_text(d, PEL_LEFT, PEL_BOLD, "办理条件");
	for (i = 0; i < g->nconditions; i++) {
		s = xasprintf("%zu. %s", i + 1, g->conditions[i]);
		pdoc_para(d, s);
		free(s);
	}
	if (g->nconditions == 0)
		pdoc_para(d, "无");
	pdoc_text(d, PEL_LEFT, PEL_BOLD, "所需材料");
	for (i = 0; i < g->nmaterials; i++) {
		m = &g->materials[i];
		s = xasprintf("%zu. %s（原件%lld份，复印件%lld份%s）", i + 1,
		    m->name, m->originals, m->copies, m->required ? "" :
		    "，如有");
		pdoc_para(d, s);
		free(s);
	}
	s = xasprintf("%lld个工作日", g->time_limit_days);
	pdoc_field(d, "办理时限", s);
	free(s);
	yuan(fee, sizeof fee, g->fee_fen);
	s = g->fee_fen == 0 ? xstrdup("不收费") : xasprintf("%s元（%s）", fee,
	    g->fee_basis);
	pdoc_field(d, "收费标准", s);
	free(s);
	pdoc_feed(d, 2);
	pdoc_cut(d);
	return (d);
}
