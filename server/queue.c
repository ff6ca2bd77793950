/* The queue as applications and certificates need it: the ticket a
 * resident was called with is being served. */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "queue.h"
#include "reply.h"
#include "route.h"
#include "scope.h"

int
queue_serve(struct req *r, long long ticket_id)
{
	struct db_stmt	*st;
	cJSON		*errors = NULL;
	char		 status[16] = "";

	/* the ticket's row stays locked until the transaction ends */
	if (scope_sees(r->db, r->staff, SCOPE_TICKET, ticket_id)) {
		if (db_query(r->db, &st, "SELECT status FROM tickets WHERE "
		    "id = ? FOR UPDATE", "l", ticket_id) == 1)
			snprintf(status, sizeof status, "%s", db_text(st, 0));
		db_reset(st);
	}
	if (status[0] == '\0')
		field_error(&errors, "ticket_id", "not_found", "没有这个号");
	else if (strcmp(status, "called") != 0 && strcmp(status,
	    "serving") != 0)
		field_error(&errors, "ticket_id", "mismatch",
		    "该号不在叫号或办理中");
	if (errors != NULL) {
		reply_validation(r, errors);
		return (-1);
	}
	if (db_exec(r->db, "UPDATE tickets SET status = 'serving' WHERE "
	    "id = ?", "l", ticket_id) != 0) {
		reply_unavailable(r, NULL);
		return (-1);
	}
	return (0);
}
