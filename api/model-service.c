/* Services and applications from server JSON. */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "model.h"
#include "../util/xmalloc.h"

static int
txcode_ok(const char *s)
{
	size_t	i;

	if (strlen(s) != 4)
		return (0);
	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return (0);
	}
	return (1);
}

int
model_service_parse(const cJSON *j, struct service *s, const char **cause)
{
	memset(s, 0, sizeof *s);
	*cause = NULL;
	if (json_int(j, "id", &s->id) != 0 || s->id <= 0)
		*cause = "the service has no id";
	else if ((s->txcode = json_str(j, "txcode", 0)) == NULL ||
	    !txcode_ok(s->txcode))
		*cause = "the service has no transaction code";
	else if ((s->name = json_str(j, "name", 0)) == NULL)
		*cause = "the service has no name";
	else if ((s->name_en = json_str(j, "name_en", 1)) == NULL)
		*cause = "the service's English name is not text";
	else if (json_obj(j, "form") == NULL)
		*cause = "the service has no form";
	if (*cause != NULL)
		return (-1);
	s->json = cJSON_Duplicate(j, 1);
	return (0);
}

void
model_service_free(void *p)
{
	struct service	*s = p;

	if (s == NULL)
		return;
	free(s->txcode);
	free(s->name);
	free(s->name_en);
	cJSON_Delete(s->json);
	free(s);
}

int
model_application_parse(const cJSON *j, struct application *a,
    const char **cause)
{
	const cJSON	*svc = json_obj(j, "service");
	const cJSON	*res = json_obj(j, "resident");

	memset(a, 0, sizeof *a);
	*cause = NULL;
	if (json_int(j, "id", &a->id) != 0 || a->id <= 0)
		*cause = "the application has no id";
	else if ((a->number = json_str(j, "number", 0)) == NULL)
		*cause = "the application has no number";
	else if ((a->status = json_str(j, "status", 0)) == NULL)
		*cause = "the application has no status";
	else if ((a->due_date = json_str(j, "due_date", 1)) == NULL)
		*cause = "the due date is not text";
	else if (svc == NULL || (a->service_name = json_str(svc, "name",
	    0)) == NULL)
		*cause = "the application has no service";
	else if (res == NULL || (a->resident_name = json_str(res, "name",
	    0)) == NULL)
		*cause = "the application has no resident";
	return (*cause != NULL ? -1 : 0);
}

void
model_application_free(void *p)
{
	struct application	*a = p;

	if (a == NULL)
		return;
	free(a->number);
	free(a->status);
	free(a->due_date);
	free(a->service_name);
	free(a->resident_name);
	free(a);
}
