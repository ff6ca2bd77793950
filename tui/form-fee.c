/* The fee on an intake form, following the fields its cases read. */
#include <stdlib.h>
#include <string.h>

#include "app-fee.h"
#include "form-fee.h"
#include "dialog-choose.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../api/http.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

/* The service takes a fee: its standard amount or a case's is not 0. */
static int
has_fee(const cJSON *service)
{
	const cJSON	*k;

	if (cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(service,
	    "fee_fen")) > 0)
		return (1);
	cJSON_ArrayForEach(k, cJSON_GetObjectItemCaseSensitive(service,
	    "fee_cases")) {
		if (cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(k,
		    "fee_fen")) > 0)
			return (1);
	}
	return (0);
}

/* "&name=value" for each field the cases read, into b; the first of
 * them still empty, or NULL when all are filled. */
static const struct form_field *
case_fields(const cJSON *service, struct form *fm, struct buf *b)
{
	const cJSON		*k;
	const char		*name;
	struct form_field	*f;
	const struct form_field	*empty = NULL;
	char			*v, *e, *pair;

	cJSON_ArrayForEach(k, cJSON_GetObjectItemCaseSensitive(service,
	    "fee_cases")) {
		name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(k,
		    "field"));
		if (name == NULL || (f = form_field(fm, name)) == NULL)
			continue;
		e = http_escape(name);
		pair = xasprintf("&%s=", e);
		free(e);
		if (b->len == 0 || strstr(b->data, pair) == NULL) {
			v = form_value_text(f);
			if (*v == '\0' && empty == NULL)
				empty = f;
			e = http_escape(v);
			buf_printf(b, "%s%s", pair, e);
			free(e);
			free(v);
		}
		free(pair);
	}
	return (empty);
}

void
form_fee_update(struct form_fee *ff, const void *owner, int slot,
    const cJSON *service, struct form *fm, long long resident_id)
{
	const struct form_field	*empty;
	struct buf		 b;
	char			*key;

	if (fm == NULL || resident_id == 0 || !has_fee(service))
		return;
	buf_init(&b);
	empty = case_fields(service, fm, &b);
	key = xasprintf("%lld%s", resident_id, b.len > 0 ? b.data : "");
	if (ff->asked != NULL && strcmp(ff->asked, key) == 0) {
		free(key);
		buf_free(&b);
		return;
	}
	free(ff->asked);
	ff->asked = key;
	if (empty != NULL) {
		free(ff->line);
		ff->line = xasprintf(_("Fee: follows %s; choose it to see the "
		    "amount."), form_ui_label(empty));
		app_dirty();
	} else
		app_fee_quote(owner, slot, (long long)cJSON_GetNumberValue(
		    cJSON_GetObjectItemCaseSensitive(service, "id")),
		    resident_id, b.len > 0 ? b.data : NULL, &ff->line);
	buf_free(&b);
}

void
form_fee_clear(struct form_fee *ff)
{
	free(ff->line);
	free(ff->asked);
	ff->line = ff->asked = NULL;
}
