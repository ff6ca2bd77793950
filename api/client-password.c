/* POST /sessions/current/password: the staff's own password. */
#include <string.h>

#include <cjson/cJSON.h>

#include "client.h"

struct api_call *
api_password_change(struct api *a, const char *current, const char *next,
    api_cb cb, void *arg)
{
	cJSON	*body = cJSON_CreateObject();

	cJSON_AddStringToObject(body, "current_password", current);
	cJSON_AddStringToObject(body, "new_password", next);
	/* no Idempotency-Key: a second try with the same body fails on
	 * current_password, which is what a clerk should see */
	return (api_call(a, "POST", "/api/v1/sessions/current/password", body,
	    NULL, 0, NULL, cb, arg));
}
