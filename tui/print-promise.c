/* The 告知承诺书 for the resident to sign, from the server's replies. */
#include <stdlib.h>
#include <string.h>

#include "print-cases.h"
#include "print-promise.h"
#include "tui.h"
#include "../api/certificates.h"
#include "../printing/paper-promise.h"
#include "../util/xmalloc.h"

/* The centre, counter and staff of the session printing it. */
static void
who(struct paper_promise *p)
{
	p->centre = app.session != NULL ? app.session->centre_name : "";
	p->counter = app.session != NULL ? app.session->counter : "";
	p->staff = app.session != NULL ? app.session->staff_name : "";
}

/* Member b of member a of o (or member a itself), if it is text. */
static const char *
text_at(const cJSON *o, const char *a, const char *b)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, a);

	if (b != NULL)
		v = cJSON_GetObjectItemCaseSensitive(v, b);
	return (cJSON_GetStringValue(v));
}

struct pdoc *
print_promise_application(const cJSON *j)
{
	const cJSON		*list = cJSON_GetObjectItemCaseSensitive(j,
				    "promises"), *it, *days;
	struct paper_promise	 p;
	struct pdoc		*d;
	const char		**matters;
	size_t			 n = 0;

	if (cJSON_GetArraySize(list) == 0)
		return (NULL);
	memset(&p, 0, sizeof p);
	who(&p);
	matters = xcalloc((size_t)cJSON_GetArraySize(list) + 1,
	    sizeof *matters);
	cJSON_ArrayForEach(it, list) {
		if ((matters[n] = text_at(it, "matter", NULL)) != NULL)
			n++;
		days = cJSON_GetObjectItemCaseSensitive(it, "ban_days");
		if (cJSON_IsNumber(days))
			p.ban_days = (int)days->valuedouble;
	}
	p.subject = text_at(j, "service", "name");
	p.txcode = text_at(j, "service", "txcode");
	p.reference = text_at(j, "number", NULL);
	p.resident = text_at(j, "resident", "name");
	p.id_masked = text_at(j, "resident", "id_number_masked");
	p.matters = matters;
	p.nmatters = n;
	p.at = cases_instant(text_at(j, "created_at", NULL));
	d = paper_promise(&p);
	free(matters);
	return (d);
}

struct pdoc *
print_promise_certificate(const struct certificate *c)
{
	struct paper_promise	 p;
	const char		*matters[1];

	if (c->promise_id == 0)
		return (NULL);
	memset(&p, 0, sizeof p);
	who(&p);
	matters[0] = c->type_name;
	p.certificate = 1;
	p.subject = c->type_name;
	p.reference = c->serial;
	p.resident = c->resident;
	p.id_masked = c->id_masked;
	p.matters = matters;
	p.nmatters = 1;
	p.ban_days = c->promise_ban_days;
	p.at = cases_instant(c->promise_at);
	return (paper_promise(&p));
}
