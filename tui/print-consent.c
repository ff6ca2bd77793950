/* The 核对授权书 and the 查询记录 from the server's replies. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "print-consent.h"
#include "tui.h"
#include "when.h"
#include "../api/consents.h"
#include "../printing/paper-consent.h"
#include "../printing/paper-reads.h"
#include "../printing/paper-util.h"
#include "../util/xmalloc.h"

static const char *
centre(void)
{
	return (app.session != NULL ? app.session->centre_name : "");
}

static const char *
staff(void)
{
	return (app.session != NULL ? app.session->staff_name : "");
}

/* Each 核对授权书 is a paper of its own, printed again when the clerk
 * starts over: its instant (and so its id) never repeats the last one,
 * even within the same second. */
static time_t
fresh_instant(void)
{
	static time_t	last;
	time_t		t = time(NULL);

	if (t <= last)
		t = last + 1;
	return (last = t);
}

struct pdoc *
print_consent(const struct dept_purpose *p, const struct consent *c,
    const char *resident, const char *id_masked, const char *const *signers,
    size_t nsigners)
{
	struct paper_consent	 pc;

	memset(&pc, 0, sizeof pc);
	pc.centre = centre();
	pc.counter = app.session != NULL ? app.session->counter : "";
	pc.staff = staff();
	pc.resident = resident;
	pc.id_masked = id_masked;
	pc.dept = p->dept;
	pc.purpose = p->name;
	pc.code = p->code;
	pc.basis = p->basis;
	pc.fields = (const char *const *)p->fields;
	pc.nfields = p->nfields;
	pc.consent_days = (int)p->consent_days;
	pc.signers = signers;
	pc.nsigners = nsigners;
	if (c != NULL) {
		pc.scope = c->scope;
		pc.signed_on = c->signed_on;
		pc.expires_on = c->expires_on;
	}
	pc.at = fresh_instant();
	return (paper_consent(&pc));
}

struct pdoc *
print_reads(const struct read_list *l)
{
	struct paper_reads	 pr;
	struct paper_read	*v;
	char			**at;
	struct pdoc		*d;
	size_t			 i;

	memset(&pr, 0, sizeof pr);
	v = xcalloc(l->n + 1, sizeof *v);
	at = xcalloc(l->n + 1, sizeof *at);
	for (i = 0; i < l->n; i++) {
		at[i] = paper_time(when_parse(l->items[i].at));
		v[i].at = at[i];
		v[i].reveal = strcmp(l->items[i].kind, "reveal") == 0;
		v[i].staff = l->items[i].staff;
		v[i].dept = l->items[i].dept;
		v[i].purpose = l->items[i].purpose;
		v[i].basis = l->items[i].basis;
		v[i].records = l->items[i].records;
		v[i].refused = l->items[i].refused;
		v[i].reason = l->items[i].reason;
	}
	pr.centre = centre();
	pr.staff = staff();
	pr.resident = l->resident;
	pr.id_masked = l->id_masked;
	pr.items = v;
	pr.n = l->n;
	pr.at = time(NULL);
	d = paper_reads(&pr);
	for (i = 0; i < l->n; i++)
		free(at[i]);
	free(at);
	free(v);
	return (d);
}
