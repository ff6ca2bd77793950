/* Paperwork about cases: notices, hand-off lists, certificates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "print-cases.h"
#include "tui.h"
#include "../locale/date.h"
#include "../util/zone.h"
#include "../printing/paper-app.h"
#include "../printing/paper-cert.h"
#include "../printing/paper-lists.h"
#include "../printing/paper-notice.h"
#include "../printing/papers.h"
#include "../util/xmalloc.h"

time_t
cases_instant(const char *s)
{
	time_t	t = zone_instant(s);

	return (t != -1 ? t : time(NULL));
}

void
cases_local_time(const char *s, char *out)
{
	time_t		t = cases_instant(s);
	struct tm	tm;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(out, 20, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(out, 20, "?");
}

/* What every notice about an application carries; the strings stay
 * the detail's. */
static void
application_of(const struct app_detail *d, struct paper_application *a)
{
	memset(a, 0, sizeof *a);
	a->centre = app.session != NULL ? app.session->centre_name : "";
	a->counter = app.session != NULL ? app.session->counter : "";
	a->staff = app.session != NULL ? app.session->staff_name : "";
	a->community = d->s.community;
	a->number = d->s.number;
	a->service = d->s.service;
	a->txcode = d->s.txcode;
	a->resident = d->s.resident;
	a->id_masked = d->s.id_masked;
	a->due_date = d->s.due_date;
	a->at = time(NULL);
}

struct pdoc *
cases_paper_missing(const struct app_detail *d, time_t at)
{
	struct paper_application	a;

	application_of(d, &a);
	a.at = at;
	a.missing = (const char *const *)d->missing;
	a.nmissing = d->nmissing;
	return (paper_missing(&a));
}

struct pdoc *
cases_paper_refusal(const struct app_detail *d)
{
	struct paper_application	a;

	application_of(d, &a);
	a.at = cases_instant(d->updated_at);
	a.reason = d->reason;
	return (paper_refusal(&a));
}

struct pdoc *
cases_paper_withdrawal(const struct app_detail *d)
{
	struct paper_application	a;

	application_of(d, &a);
	a.at = cases_instant(d->updated_at);
	a.reason = d->reason;
	return (paper_withdrawal(&a));
}

struct pdoc *
cases_paper_handoff(const struct handoff *h)
{
	struct paper_handoff		 p;
	struct paper_handoff_item	*items;
	struct pdoc			*d;
	size_t				 i;

	memset(&p, 0, sizeof p);
	items = xcalloc(h->n + 1, sizeof *items);
	for (i = 0; i < h->n; i++) {
		items[i].number = h->items[i].number;
		items[i].service = h->items[i].service;
		items[i].resident = h->items[i].resident;
		items[i].due_date = h->items[i].due_date;
	}
	p.number = h->number;
	p.centre = h->centre;
	p.to = h->to;
	p.staff = h->staff;
	p.note = h->note;
	p.at = cases_instant(h->created_at);
	p.items = items;
	p.nitems = h->n;
	d = paper_handoff(&p);
	free(items);
	return (d);
}

struct pdoc *
cases_paper_certificate(const struct certificate *c, int reprint_no)
{
	struct paper_certificate	 p;
	struct pdoc			*d, *base;
	char				 on[11], *issuer, *mark, *id;
	size_t				 i;

	memset(&p, 0, sizeof p);
	zone_local_day(c->issued_at, on);
	issuer = xasprintf("%s居民委员会", c->community);
	p.id = (long)c->id;
	p.serial = c->serial;
	p.title = c->title;
	p.issuer = issuer;
	p.body = c->body;
	p.issued_on = on;
	p.valid_until = c->valid_until;
	p.verify_url = c->verify_url;
	p.verify_code = c->verify_code;
	p.rate_url = c->rate_url;
	base = paper_certificate(&p);
	free(issuer);
	if (reprint_no <= 0 && c->corrections <= 0)
		return (base);
	/* the server's counts, whichever counter printed before: a
	 * document of its own, so that the journal prints it once */
	id = c->corrections > 0 ? xasprintf("cert-%lld-c%d-r%d", c->id,
	    c->corrections, reprint_no) : xasprintf("cert-%lld-r%d", c->id,
	    reprint_no);
	d = pdoc_new(id, base->kind, base->paper, base->title);
	free(id);
	if (c->corrections > 0) {
		mark = xasprintf("更正（第%d次）", c->corrections);
		pdoc_text(d, PEL_RIGHT, PEL_BOLD, mark);
		free(mark);
	}
	if (reprint_no > 0) {
		mark = xasprintf("补打（第%d次）", reprint_no);
		pdoc_text(d, PEL_RIGHT, PEL_BOLD, mark);
		free(mark);
	}
	for (i = 0; i < base->nels; i++)
		pdoc_add(d, &base->els[i]);
	pdoc_free(base);
	return (d);
}

struct pdoc *
cases_paper_cert_refusal(const char *type_code, const char *type_name,
    const char *basis, const char *alternative, const char *resident,
    const char *id_masked, const char *community)
{
	struct paper_cert_refusal	r;

	memset(&r, 0, sizeof r);
	r.centre = app.session != NULL ? app.session->centre_name : "";
	r.counter = app.session != NULL ? app.session->counter : "";
	r.staff = app.session != NULL ? app.session->staff_name : "";
	r.community = community;
	r.type_code = type_code;
	r.type_name = type_name;
	r.resident = resident;
	r.id_masked = id_masked;
	r.basis = basis;
	r.alternative = alternative;
	r.at = time(NULL);
	return (paper_cert_refusal(&r));
}
