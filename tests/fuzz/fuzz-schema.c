/* libFuzzer: any bytes as a service's form schema. A schema is refused
 * with a cause or loaded whole; a loaded one survives every operation. */
#include <locale.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "../../forms/draft.h"
#include "../../forms/form.h"
#include "../../forms/schema.h"
#include "../../forms/validate.h"
#include "../../locale/text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
exercise(struct form *fm)
{
	cJSON	*d, *v;
	char	*t;
	size_t	 i;

	for (i = 0; i < fm->nfields; i++) {
		t = form_value_text(&fm->fields[i]);
		if (!utf8_valid(t, strlen(t)))
			abort();
		form_set_text(&fm->fields[i], t, ORIGIN_TYPED);
		free(t);
	}
	form_check(fm, 1764374400);
	d = form_data(fm);
	cJSON_Delete(d);
	v = draft_values(fm);
	draft_restore(fm, v);
	cJSON_Delete(v);
	d = form_materials_json(fm);
	cJSON_Delete(d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 init;
	cJSON		*j, *form;
	struct form	*fm;
	char		*cause = NULL;

	if (!init) {
		setlocale(LC_ALL, "C.UTF-8");
		init = 1;
	}
	if ((j = cJSON_ParseWithLength((const char *)data, size)) == NULL)
		return (0);
	form = cJSON_GetObjectItem(j, "form");
	fm = form_load(form != NULL ? form : j, cJSON_GetObjectItem(j,
	    "materials"), &cause);
	if (fm == NULL && cause == NULL)
		abort();	/* every refusal says why */
	if (fm != NULL)
		exercise(fm);
	form_free(fm);
	free(cause);
	cJSON_Delete(j);
	return (0);
}
