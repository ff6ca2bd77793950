/* The extension members of a problem reply. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "json.h"
#include "read.h"
#include "problem.h"
#include "../util/xmalloc.h"

/* "610202001-20261129-0011 (submitted)" for each application in the way
 * of a hand-off. */
static void
conflicts_parse(const cJSON *list, struct problem_ext *e)
{
	const cJSON	*it;
	char		*number, *status;

	e->conflicts = xcalloc((size_t)cJSON_GetArraySize(list) + 1,
	    sizeof *e->conflicts);
	cJSON_ArrayForEach(it, list) {
		number = json_str(it, "number", 0);
		status = json_str(it, "status", 0);
		if (number != NULL && status != NULL)
			e->conflicts[e->nconflicts++] = xasprintf("%s (%s)",
			    number, status);
		free(number);
		free(status);
	}
}

struct problem_ext *
problem_ext_parse(const cJSON *j)
{
	struct problem_ext	*e = xcalloc(1, sizeof *e);
	const cJSON		*list;
	const char		*cause = NULL;
	char			*s;

	e->current_version = -1;
	if ((e->current_status = json_str(j, "current_status", 1)) == NULL)
		e->current_status = xstrdup("");
	if (mu_strings(&e->allowed, &e->nallowed,
	    cJSON_GetObjectItemCaseSensitive(j, "allowed"), "", &cause) != 0) {
		mu_strings_free(e->allowed, e->nallowed);
		e->allowed = NULL;
		e->nallowed = 0;
	}
	if (json_int(j, "current_version", &e->current_version) != 0)
		e->current_version = -1;
	e->type_name = json_obj(j, "certificate_type") != NULL ?
	    json_str(json_obj(j, "certificate_type"), "name", 1) : NULL;
	if (e->type_name == NULL)
		e->type_name = xstrdup("");
	e->basis = (s = json_str(j, "basis", 1)) != NULL ? s : xstrdup("");
	e->alternative = (s = json_str(j, "alternative", 1)) != NULL ? s :
	    xstrdup("");
	list = cJSON_GetObjectItemCaseSensitive(j, "conflicts");
	if (cJSON_IsArray(list))
		conflicts_parse(list, e);
	return (e);
}

void
problem_ext_free(struct problem_ext *e)
{
	if (e == NULL)
		return;
	free(e->current_status);
	mu_strings_free(e->allowed, e->nallowed);
	free(e->type_name);
	free(e->basis);
	free(e->alternative);
	mu_strings_free(e->conflicts, e->nconflicts);
	free(e);
}
