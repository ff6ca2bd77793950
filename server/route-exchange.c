/* /api/v1/exchange/inbound: the departments' signed reports of the
 * results of applications forwarded to them (docs/api.md 24). No
 * session: the request is known by its signature only. */
#include "reply.h"
#include "route.h"

/* POST /exchange/inbound: until the departments' keys are configured
 * the route knows no sender, and answers as if it were not there. */
static void
inbound(struct req *r)
{
	reply_not_found(r);
}

const struct route routes_exchange[] = {
	{ "POST", "/api/v1/exchange/inbound", inbound, ROUTE_PUBLIC, 0 },
	{ NULL, NULL, NULL, 0, 0 }
};
