/* /api/v1/health: liveness for load balancers and the client's link
 * indicator; public, and reveals nothing but the version and the
 * service's time zone. */
#include "db.h"
#include "reply.h"
#include "route.h"
#include "../util/version.h"
#include "../util/zone.h"

/* GET /health: up, and which version and schema. */
static void
health(struct req *r)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "status", "ok");
	cJSON_AddStringToObject(o, "version", BIANMIN_VERSION);
	cJSON_AddNumberToObject(o, "schema_version", db_schema_version(r->db));
	cJSON_AddStringToObject(o, "time_zone", zone_name());
	reply_json(r, 200, o);
}

const struct route routes_health[] = {
	{ "GET", "/api/v1/health", health, ROUTE_PUBLIC, 0 },
	{ NULL, NULL, NULL, 0, 0 }
};
