/* /api/v1/residents: search and profile. Every query is scoped to the
 * communities of the caller's centre; other residents are "not found".
 * Creating, changing and revealing are in resident-edit.c, a resident's
 * applications and certificates in their route files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "json.h"
#include "listq.h"
#include "reply.h"
#include "req.h"
#include "residents.h"
#include "route.h"
#include "scope.h"
#include "valid.h"
#include "views.h"

#define MAX_TAGS	8

/* The search's parameters, as bound. */
struct terms {
	char		 id_number[19];
	char		 phone[16];
	const char	*prefix, *name, *address;
	char		 initials[40];
	long long	 grid, community;
	const char	*tags[MAX_TAGS];
	int		 ntags;
};

/* q: a mobile number, ASCII letters (pinyin initials) or a name prefix. */
static void
read_q(struct req *r, struct terms *t, cJSON **errors)
{
	const char	*q = q_string(r, "q", 1, 32, errors);
	size_t		 i, n;

	if (q == NULL)
		return;
	n = strlen(q);
	if (valid_phone(q, t->phone) && q[0] == '1')
		return;
	t->phone[0] = '\0';
	for (i = 0; i < n; i++) {
		if (!((q[i] >= 'a' && q[i] <= 'z') ||
		    (q[i] >= 'A' && q[i] <= 'Z')))
			break;
	}
	if (i == n && n < sizeof t->initials) {
		for (i = 0; i <= n; i++)
			t->initials[i] = (char)(q[i] >= 'A' && q[i] <= 'Z' ?
			    q[i] + 32 : q[i]);
		return;
	}
	t->prefix = q;
}

/* Reads every query parameter; 0, or -1 having replied 400. */
static int
read_terms(struct req *r, struct terms *t)
{
	static const char *const	 allowed[] = { "id_number", "q", "name",
	    "phone", "address", "grid_id", "community_id", "tag", NULL };
	const char			*s, *code;
	cJSON				*errors = NULL;

	memset(t, 0, sizeof *t);
	q_check(r, allowed, 1, &errors);
	if ((s = req_arg(r, "id_number")) != NULL &&
	    (code = valid_id_number(s, t->id_number)) != NULL)
		field_error(&errors, "id_number", code,
		    valid_id_message(code));
	read_q(r, t, &errors);
	if ((s = req_arg(r, "phone")) != NULL && !valid_phone(s, t->phone))
		field_error(&errors, "phone", "pattern", "电话号码格式不正确");
	t->name = q_string(r, "name", 1, 30, &errors);
	t->address = q_string(r, "address", 2, 100, &errors);
	q_int(r, "grid_id", 1, JSON_MAX_ID, &errors, &t->grid);
	q_int(r, "community_id", 1, JSON_MAX_ID, &errors, &t->community);
	t->ntags = q_options(r, "tag", valid_tags(), t->tags, MAX_TAGS,
	    &errors);
	if (errors == NULL)
		return (0);
	reply_validation(r, errors);
	return (-1);
}

/* The terms as conditions. A name or initials prefix holds a whole
 * district's 张 or z: scoped to a centre (and led by nothing more
 * selective), it is read per community from (community_id, name) and
 * (community_id, initials), never row by row across the district. */
static void
add_terms(struct listq *q, const struct terms *t, long long centre)
{
	int	i;

	if (centre != 0 && t->id_number[0] == '\0' && t->phone[0] == '\0' &&
	    t->name == NULL && (t->prefix != NULL || t->initials[0] != '\0'))
		listq_where(q, "r.community_id IN (SELECT id FROM communities "
		    "WHERE centre_id = ?)", "l", centre);
	if (t->id_number[0] != '\0')
		listq_where(q, "r.id_number = ?", "t", t->id_number);
	if (t->phone[0] != '\0')
		listq_where(q, "r.phone = ?", "t", t->phone);
	if (t->prefix != NULL)
		listq_where(q, "r.name >= ? AND r.name < ? || char(1114111)",
		    "tt", t->prefix, t->prefix);
	if (t->name != NULL)
		listq_where(q, "r.name = ?", "t", t->name);
	if (t->initials[0] != '\0')
		listq_where(q, "r.initials >= ? AND r.initials < ? || '{'",
		    "tt", t->initials, t->initials);
	if (t->address != NULL)
		listq_where(q, "instr(r.address, ?) > 0", "t", t->address);
	if (t->grid != 0)
		listq_where(q, "r.grid_id = ?", "l", t->grid);
	if (t->community != 0)
		listq_where(q, "r.community_id = ?", "l", t->community);
	for (i = 0; i < t->ntags; i++)
		listq_where(q, "instr(',' || r.tags || ',', ',' || ? || "
		    "',') > 0", "t", t->tags[i]);
}

/* GET /residents: every parameter ANDed, scoped to the caller. */
static void
search(struct req *r)
{
	struct terms	 t;
	struct listq	*q;
	struct db_stmt	*st;
	time_t		 now = clock_now();

	if (read_terms(r, &t) != 0 || (q = listq_req(r,
	    RESIDENT_SUMMARY_COLS, RESIDENT_FROM)) == NULL)
		return;
	add_terms(q, &t, scope_centre(r->staff));
	scope_list(q, r->staff, "c.centre_id = ?");
	scope_list_grid(q, r->staff, "r.grid_id IN (SELECT id FROM grids "
	    "WHERE member_id = ?)");
	if (t.id_number[0] != '\0')
		listq_one(q);		/* id_number is unique */
	else
		listq_order(q, "r.id");
	while ((st = listq_next(q)) != NULL)
		listq_add(q, resident_summary(st, now));
	reply_json(r, 200, listq_page(q));
}

/* GET /residents/{id}: the profile, its view audited. */
static void
profile(struct req *r)
{
	cJSON		*o;
	long long	 id, version;
	char		 object[48];

	if ((id = req_id(r, 0)) < 0)
		return;
	if ((o = resident_profile(r, id, &version)) == NULL) {
		reply_not_found(r);
		return;
	}
	snprintf(object, sizeof object, "resident/%lld", id);
	if (audit_req(r, "view", object, NULL) != 0) {
		cJSON_Delete(o);
		reply_unavailable(r, "审计记录无法写入");
		return;
	}
	reply_versioned(r, 200, o, version);
}

const struct route routes_residents[] = {
	{ "GET", "/api/v1/residents", search, 0, ROLE_ANY },
	{ "GET", "/api/v1/residents/{id}", profile, 0, ROLE_ANY },
	{ NULL, NULL, NULL, 0, 0 }
};
