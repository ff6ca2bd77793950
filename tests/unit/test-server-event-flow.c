/* The grid event's state table and deadlines (server/event-flow.c,
 * server/event-deadline.c): which step starts from which status, where
 * it leads, who may take it, and when a deadline falls and warns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "../../server/calendar.h"
#include "../../server/event-deadline.h"
#include "../../server/event-flow.h"

/* The caller as a party of an event of the status. */
static struct event_party
as(const char *status, const char *who)
{
	struct event_party	p;

	memset(&p, 0, sizeof p);
	p.status = status;
	p.boss = strcmp(who, "boss") == 0;
	p.reporter = strcmp(who, "reporter") == 0;
	p.assignee = strcmp(who, "assignee") == 0;
	return (p);
}

/* The actions the party may take, as one string. */
static void
actions(const struct event_party *p, char *out, size_t len)
{
	cJSON	*list = cJSON_CreateArray(), *it;

	event_flow_actions(p, list);
	out[0] = '\0';
	cJSON_ArrayForEach(it, list) {
		if (out[0] != '\0')
			strncat(out, " ", len - strlen(out) - 1);
		strncat(out, it->valuestring, len - strlen(out) - 1);
	}
	cJSON_Delete(list);
}

static void
steps_by_status_and_party(void **state)
{
	static const char *const	 cases[][3] = {
		{ "reported", "reporter", "self_resolve" },
		{ "reported", "boss", "return escalate close supervise" },
		{ "returned", "reporter", "self_resolve resubmit" },
		{ "assigned", "assignee", "sign return extend" },
		{ "assigned", "reporter", "" },
		{ "in_progress", "assignee", "feedback extend" },
		{ "resolved", "reporter", "return check" },
		{ "resolved", "assignee", "" },
		{ "checked", "boss", "close supervise" },
		{ "checked", "reporter", "" },
		{ "closed", "boss", "" },
	};
	struct event_party		 p;
	char				 got[256];
	size_t				 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		p = as(cases[i][0], cases[i][1]);
		actions(&p, got, sizeof got);
		assert_string_equal(got, cases[i][2]);
	}
}

static void
targets(void **state)
{
	struct event_party	p;

	(void)state;
	p = as("resolved", "boss");
	assert_string_equal(event_flow_target(EA_RETURN, &p), "in_progress");
	p.self_resolved = 1;		/* a 自办自结 goes back to its reporter */
	assert_string_equal(event_flow_target(EA_RETURN, &p), "returned");
	p = as("assigned", "assignee");
	assert_string_equal(event_flow_target(EA_RETURN, &p), "reported");
	assert_string_equal(event_flow_target(EA_EXTEND, &p), "assigned");
	p.pending = 1;			/* one 延期 at a time */
	assert_null(event_flow_target(EA_EXTEND, &p));
	assert_string_equal(event_flow_target(EA_APPROVE_EXTENSION, &p),
	    "assigned");
	assert_int_equal(event_flow_may(EA_APPROVE_EXTENSION, &p), 0);
	p = as("closed", "boss");
	assert_null(event_flow_target(EA_SUPERVISE, &p));
	/* a unit's event: the supervisor acts for it, not an assignee */
	p = as("in_progress", "assignee");
	p.unit_held = 1;
	assert_int_equal(event_flow_may(EA_FEEDBACK, &p), 0);
	p = as("escalated", "boss");
	assert_int_equal(event_flow_may(EA_SIGN, &p), 1);
	assert_int_equal(event_flow_lookup("approve_extension"),
	    EA_APPROVE_EXTENSION);
	assert_int_equal(event_flow_lookup("fly"), -1);
	assert_int_equal(event_flow_party(&p), 1);
	p = as("reported", "nobody");
	assert_int_equal(event_flow_party(&p), 0);
}

static void
deadlines(void **state)
{
	char	out[11];

	(void)state;
	calendar_clear();		/* weekends only */
	/* 2026-12-04 is a Friday */
	event_due_date("2026-12-04", "urgent", out);
	assert_string_equal(out, "2026-12-07");
	event_due_date("2026-12-04", "high", out);
	assert_string_equal(out, "2026-12-09");
	event_due_date("2026-12-04", "normal", out);
	assert_string_equal(out, "2026-12-15");
	event_due_date("2026-12-05", "low", out);	/* a Saturday */
	assert_string_equal(out, "2026-12-25");
	/* due soon on its last working day and the one before */
	assert_int_equal(event_due_state("assigned", "2026-12-07",
	    "2026-12-04"), 1);
	assert_int_equal(event_due_state("assigned", "2026-12-08",
	    "2026-12-04"), 0);
	assert_int_equal(event_due_state("in_progress", "2026-12-03",
	    "2026-12-04"), 2);
	/* handled: no mark */
	assert_int_equal(event_due_state("resolved", "2026-12-03",
	    "2026-12-04"), 0);
	assert_int_equal(event_due_state("reported", "", "2026-12-04"), 0);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(steps_by_status_and_party),
		cmocka_unit_test(targets),
		cmocka_unit_test(deadlines),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
