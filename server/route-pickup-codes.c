/* The clerk's side of the self-service terminal (docs/api.md 25): a
 * fresh pickup code for a resident, and a certificate released to one
 * kiosk print. */
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "certificates.h"
#include "clock.h"
#include "db.h"
#include "idempotency.h"
#include "json-print.h"
#include "pickup.h"
#include "reply.h"
#include "req.h"
#include "route.h"
#include "scope.h"

/* POST /residents/{id}/pickup-codes: the code is shown this once. */
static void
issue(struct req *r)
{
	cJSON		*o;
	char		 code[7], expires[32], object[40], *replay;
	long long	 id;

	if ((id = req_id(r, 0)) < 0)
		return;
	if (!scope_sees(r->db, r->staff, SCOPE_RESIDENT, id)) {
		reply_not_found(r);
		return;
	}
	if (db_begin_rows(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	snprintf(object, sizeof object, "resident/%lld", id);
	if (pickup_issue(r->db, id, 0, code, expires) != 0 ||
	    audit_req(r, "pickup_code", object, NULL) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	/* a replay answers the code null: it is not kept (docs/api.md
	 * 1.8) */
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "code", code);
	cJSON_AddStringToObject(o, "expires_at", expires);
	explicit_bzero(code, sizeof code);
	replay = json_print_null(o, "code");
	req_note(r, "pickup code for resident %lld", id);
	reply_json(r, 201, o);
	reply_replay_body(r, replay);
	idem_commit(r);
}

/* POST /certificates/{id}/kiosk-release: one more kiosk print. */
static void
release(struct req *r)
{
	cJSON		*c;
	char		 now[32], object[40];
	long long	 id;

	if ((id = req_id(r, 0)) < 0)
		return;
	if (db_begin_rows(r->db) != 0) {
		reply_unavailable(r, NULL);
		return;
	}
	if (db_exec(r->db, "SELECT id FROM certificates WHERE id = ? FOR "
	    "UPDATE", "l", id) != 0) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	if ((c = certificate_full(r, id)) == NULL) {
		db_rollback(r->db);
		reply_not_found(r);
		return;
	}
	if (certificate_refuse_void(r, c) != 0) {
		db_rollback(r->db);
		cJSON_Delete(c);
		return;
	}
	cJSON_Delete(c);
	clock_rfc3339(clock_now(), now);
	snprintf(object, sizeof object, "certificate/%lld", id);
	if (db_exec(r->db, "UPDATE certificates SET kiosk_released_at = ?, "
	    "kiosk_printed_at = NULL WHERE id = ?", "tl", now, id) != 0 ||
	    audit_req(r, "kiosk_release", object, NULL) != 0 ||
	    (c = certificate_full(r, id)) == NULL) {
		db_rollback(r->db);
		reply_unavailable(r, NULL);
		return;
	}
	req_note(r, "certificate %lld released to self-service", id);
	reply_json(r, 200, c);
	idem_commit(r);
}

#define CLERK_ROLES	(ROLE_CLERK | ROLE_SUPER | ROLE_ADMIN)

const struct route routes_pickup_codes[] = {
	{ "POST", "/api/v1/residents/{id}/pickup-codes", issue,
	    ROUTE_IDEM | ROUTE_BODY_OPT, CLERK_ROLES },
	{ "POST", "/api/v1/certificates/{id}/kiosk-release", release,
	    ROUTE_IDEM | ROUTE_BODY_OPT, CLERK_ROLES },
	{ NULL, NULL, NULL, 0, 0 }
};
