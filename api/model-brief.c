/* Short lines about a resident's applications and certificates, and the
 * revealed identity: what the profile shows of them. */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "model.h"
#include "../locale/date.h"
#include "../util/xmalloc.h"

static void
brief_clear(struct brief *b)
{
	free(b->what);
	free(b->ref);
	free(b->state);
	free(b->date);
}

/* An ApplicationSummary or CertificateSummary as one line's parts. */
static int
brief_parse(const cJSON *it, struct brief *b, int cert)
{
	const cJSON	*o = json_obj(it, cert ? "type" : "service");
	char		*at;

	memset(b, 0, sizeof *b);
	b->what = o != NULL ? json_str(o, "name", 0) : NULL;
	b->ref = json_str(it, cert ? "serial" : "number", 0);
	b->state = cert ? json_str(it, "valid_until", 1) :
	    json_str(it, "status", 0);
	/* the date is enough on a profile: the service zone's */
	at = json_str(it, cert ? "issued_at" : "created_at", 0);
	if (at != NULL) {
		b->date = xmalloc(11);
		date_local_day(at, b->date);
		free(at);
	}
	return (b->what != NULL && b->ref != NULL && b->state != NULL &&
	    b->date != NULL ? 0 : -1);
}

static int
briefs_parse(const cJSON *j, struct briefs *p, int cert,
    const char **cause)
{
	const cJSON	*items = cJSON_GetObjectItemCaseSensitive(j, "items");
	const cJSON	*it;
	long long	 total;

	memset(p, 0, sizeof *p);
	*cause = NULL;
	if (!cJSON_IsArray(items) || json_int(j, "total", &total) != 0) {
		*cause = "the reply is not a page";
		return (-1);
	}
	p->total = total;
	p->items = xcalloc((size_t)cJSON_GetArraySize(items) + 1,
	    sizeof *p->items);
	cJSON_ArrayForEach(it, items) {
		if (brief_parse(it, &p->items[p->n], cert) != 0) {
			brief_clear(&p->items[p->n]);
			*cause = "an item is malformed";
			return (-1);
		}
		p->n++;
	}
	return (0);
}

int
model_app_briefs_parse(const cJSON *j, struct briefs *p, const char **cause)
{
	return (briefs_parse(j, p, 0, cause));
}

int
model_cert_briefs_parse(const cJSON *j, struct briefs *p, const char **cause)
{
	return (briefs_parse(j, p, 1, cause));
}

void
model_briefs_free(void *ptr)
{
	struct briefs	*p = ptr;
	size_t		 i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		brief_clear(&p->items[i]);
	free(p->items);
	free(p);
}

int
model_revealed_parse(const cJSON *j, struct revealed *r, const char **cause)
{
	memset(r, 0, sizeof *r);
	*cause = NULL;
	r->id_number = json_str(j, "id_number", 0);
	r->phone = json_str(j, "phone", 1);
	r->birth_date = json_str(j, "birth_date", 0);
	if (r->id_number == NULL || r->phone == NULL || r->birth_date == NULL)
		*cause = "the revealed identity is incomplete";
	return (*cause != NULL ? -1 : 0);
}

void
model_revealed_free(void *ptr)
{
	struct revealed	*r = ptr;

	if (r == NULL)
		return;
	/* full numbers stay in memory no longer than they are shown */
	if (r->id_number != NULL)
		explicit_bzero(r->id_number, strlen(r->id_number));
	if (r->phone != NULL)
		explicit_bzero(r->phone, strlen(r->phone));
	free(r->id_number);
	free(r->phone);
	free(r->birth_date);
	free(r);
}
