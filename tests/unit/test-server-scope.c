/* Authorization (server/scope.c) over the role x centre matrix of
 * docs/api.md 1.10 and 16: every route's roles against the matrix of
 * section 16; and two centres with one row of every kind each, staff
 * of every role in each: an admin sees both centres, everyone else
 * their own, and nobody sees a row that is not there. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "../../server/auth.h"
#include "../../server/db.h"
#include "../../server/db-open.h"
#include "../../server/listq.h"
#include "../../server/route.h"
#include "../../server/router.h"
#include "../../server/scope.h"

/* Centre c (1 or 2) has one row of each kind, with id c; ids 3 and up
 * are no row at all. */
static const char fixture[] =
	"INSERT INTO districts VALUES ('610202', '王益区');"
	"INSERT INTO centres (id, name, district_code, code) VALUES"
	"  (1, '红旗社区便民服务站', '610202', 'C1'),"
	"  (2, '光明社区便民服务站', '610202', 'C2');"
	"INSERT INTO communities VALUES"
	"  (1, '610202001001', '红旗社区', '610202', 1),"
	"  (2, '610202001002', '光明社区', '610202', 2);"
	"INSERT INTO staff (id, username, name, role, centre_id,"
	"  password_hash) VALUES"
	"  (1, 'clerk1', '窗口一', 'clerk', 1, '!'),"
	"  (2, 'clerk2', '窗口二', 'clerk', 2, '!'),"
	"  (3, 'grid1', '网格一', 'grid', 1, '!'),"
	"  (4, 'grid2', '网格二', 'grid', 2, '!');"
	"INSERT INTO grids (id, community_id, name, member_id) VALUES"
	"  (1, 1, '红旗一网格', 3), (2, 2, '光明一网格', 4);"
	"INSERT INTO households (id, community_id, grid_id, address) VALUES"
	"  (1, 1, 1, '红旗路1号'), (2, 2, 2, '光明路1号');"
	"INSERT INTO residents (id, id_number, name, sex, birth_date,"
	"  address, community_id, grid_id, household_id, updated_at) VALUES"
	"  (1, '610202198503150021', '张红旗', 'F', '1985-03-15',"
	"   '红旗路1号', 1, 1, 1, '2024-01-01T00:00:00Z'),"
	"  (2, '610202194007080046', '李光明', 'F', '1940-07-08',"
	"   '光明路1号', 2, 2, 2, '2024-01-01T00:00:00Z');"
	"INSERT INTO service_categories VALUES"
	"  (1, '05', '民政', 'Civil affairs', 'A');"
	"INSERT INTO services (id, txcode, item_code, name, name_en, pinyin,"
	"  category_id, conditions, materials, time_limit_days, fee_fen,"
	"  department, approval_chain, form, updated_at) VALUES"
	"  (1, '0501', 'X', '高龄津贴', 'Elderly allowance', 'gljt', 1, '[]',"
	"   '[]', 5, 0, '民政', '[]', '{}', '2024-01-01T00:00:00Z');"
	"INSERT INTO applications (id, number, service_id, resident_id,"
	"  community_id, status, counter, staff_id, created_at,"
	"  created_date, updated_at, due_date, fee_fen, form_version, data,"
	"  data_masked, materials, client_request_id) VALUES"
	"  (1, '610202001-20240101-0001', 1, 1, 1, 'submitted', '1', 1,"
	"   '2024-01-01T00:00:00Z', '2024-01-01', '2024-01-01T00:00:00Z',"
	"   '2024-01-08', 0, 1, '{}', '{}', '[]', 'k1'),"
	"  (2, '610202001-20240101-0002', 1, 2, 2, 'submitted', '1', 2,"
	"   '2024-01-01T00:00:00Z', '2024-01-01', '2024-01-01T00:00:00Z',"
	"   '2024-01-08', 0, 1, '{}', '{}', '[]', 'k2');"
	"INSERT INTO certificate_types (id, code, name, status, basis,"
	"  updated_at) VALUES (1, 'JZ', '居住证明', 'retained', '-',"
	"  '2024-01-01T00:00:00Z');"
	"INSERT INTO certificates (id, serial, type_id, resident_id,"
	"  community_id, purpose, data, issued_at, issued_date, issued_by,"
	"  valid_until, title, body, verify_token, verify_code) VALUES"
	"  (1, 'S1', 1, 1, 1, '-', '{}', '2024-01-01T00:00:00Z',"
	"   '2024-01-01', 1, '2024-04-01', '-', '-', 't1', 'c1'),"
	"  (2, 'S2', 1, 2, 2, '-', '{}', '2024-01-01T00:00:00Z',"
	"   '2024-01-01', 2, '2024-04-01', '-', '-', 't2', 'c2');"
	"INSERT INTO tickets (id, centre_id, date, number, category_id,"
	"  status, issued_at, queued_at) VALUES"
	"  (1, 1, '2024-01-01', 'A001', 1, 'waiting', '-', '-'),"
	"  (2, 2, '2024-01-01', 'A001', 1, 'waiting', '-', '-');"
	"INSERT INTO events (id, category, location, description, urgency,"
	"  grid_id, community_id, status, reporter_id, reported_at,"
	"  reported_date, updated_at) VALUES"
	"  (1, 'other', '-', '-', 'low', 1, 1, 'reported', 1, '-',"
	"   '2024-01-01', '-'),"
	"  (2, 'other', '-', '-', 'low', 2, 2, 'reported', 2, '-',"
	"   '2024-01-01', '-');"
	"INSERT INTO handoffs (id, number, created_at, created_date,"
	"  staff_id, centre_id, to_office) VALUES"
	"  (1, 'H1', '-', '2024-01-01', 1, 1, '民政局'),"
	"  (2, 'H2', '-', '2024-01-01', 2, 2, '民政局');";

static const enum scope_kind kinds[] = {
	SCOPE_COMMUNITY, SCOPE_GRID, SCOPE_HOUSEHOLD, SCOPE_RESIDENT,
	SCOPE_APPLICATION, SCOPE_CERTIFICATE, SCOPE_EVENT, SCOPE_TICKET,
	SCOPE_HANDOFF
};

/* Who asks: a role at a centre (0: none). */
struct caller {
	const char	*role;
	long long	 centre;
	int		 bit;
};

static const struct caller callers[] = {
	{ "clerk", 1, ROLE_CLERK }, { "clerk", 2, ROLE_CLERK },
	{ "grid", 1, ROLE_GRID }, { "grid", 2, ROLE_GRID },
	{ "supervisor", 1, ROLE_SUPER }, { "supervisor", 2, ROLE_SUPER },
	{ "admin", 0, ROLE_ADMIN }, { "admin", 1, ROLE_ADMIN },
};

/* A staff of the caller, as a session makes one: a grid member is the
 * member of his centre's grid. */
static void
staff_of(const struct caller *c, struct staff *s)
{
	memset(s, 0, sizeof *s);
	s->id = strcmp(c->role, "grid") == 0 ? 2 + c->centre : 99;
	s->username = (char *)"tester";
	s->role = (char *)c->role;
	s->centre_id = c->centre;
}

static int
setup(void **state)
{
	struct db	*db;
	char		*cause = NULL;

	if ((db = db_open("sqlite::memory:", &cause)) == NULL)
		fail_msg("db_open: %s", cause);
	assert_int_equal(db_script(db, fixture), 0);
	*state = db;
	return (0);
}

static int
teardown(void **state)
{
	db_close(*state);
	return (0);
}

static void
roles_and_centres(void **state)
{
	struct staff	s;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof callers / sizeof *callers; i++) {
		staff_of(&callers[i], &s);
		assert_int_equal(scope_role(&s), callers[i].bit);
		assert_true(scope_allows(&s, ROLE_ANY));
		assert_int_equal(scope_allows(&s, ROLE_SUPER | ROLE_ADMIN),
		    callers[i].bit == ROLE_SUPER ||
		    callers[i].bit == ROLE_ADMIN);
		if (callers[i].bit == ROLE_ADMIN) {
			assert_int_equal(scope_centre(&s), 0);
			assert_true(scope_centre_ok(&s, 1));
			assert_true(scope_centre_ok(&s, 2));
			assert_int_equal(scope_home_centre(&s),
			    callers[i].centre);
		} else {
			assert_int_equal(scope_centre(&s), callers[i].centre);
			assert_int_equal(scope_home_centre(&s),
			    callers[i].centre);
			assert_true(scope_centre_ok(&s, callers[i].centre));
			assert_false(scope_centre_ok(&s,
			    3 - callers[i].centre));
		}
	}
	/* nobody, an unknown role, a non-admin without a centre: none */
	assert_int_equal(scope_role(NULL), 0);
	assert_false(scope_allows(NULL, ROLE_ANY));
	staff_of(&(struct caller){ "janitor", 1, 0 }, &s);
	assert_int_equal(scope_role(&s), 0);
	assert_false(scope_allows(&s, ROLE_ANY));
	assert_int_equal(scope_centre(&s), -1);
	assert_false(scope_centre_ok(&s, 1));
	staff_of(&(struct caller){ "clerk", 0, ROLE_CLERK }, &s);
	assert_int_equal(scope_centre(&s), -1);
	assert_int_equal(scope_home_centre(&s), -1);
	assert_false(scope_centre_ok(&s, 1));
}

static void
rows_by_role_and_centre(void **state)
{
	struct db	*db = *state;
	struct staff	 s;
	size_t		 i, k;
	long long	 row;
	int		 want;

	for (i = 0; i < sizeof callers / sizeof *callers; i++) {
		staff_of(&callers[i], &s);
		for (k = 0; k < sizeof kinds / sizeof *kinds; k++) {
			for (row = 1; row <= 3; row++) {
				want = row <= 2 && (callers[i].bit ==
				    ROLE_ADMIN || callers[i].centre == row);
				if (scope_sees(db, &s, kinds[k], row) != want)
					fail_msg("%s of centre %lld, kind %d, "
					    "row %lld: want %d",
					    callers[i].role, callers[i].centre,
					    (int)kinds[k], row, want);
			}
		}
	}
}

/* A grid member of the centre who is not the grid's member sees its
 * community, not its households and residents (docs/api.md 1.10). */
static void
grid_member_of_another_grid(void **state)
{
	struct db	*db = *state;
	struct staff	 s;

	staff_of(&callers[2], &s);
	s.id = 99;
	assert_true(scope_sees(db, &s, SCOPE_COMMUNITY, 1));
	assert_false(scope_sees(db, &s, SCOPE_HOUSEHOLD, 1));
	assert_false(scope_sees(db, &s, SCOPE_RESIDENT, 1));
	s.id = 3;
	assert_true(scope_sees(db, &s, SCOPE_HOUSEHOLD, 1));
	assert_true(scope_sees(db, &s, SCOPE_RESIDENT, 1));
}

static void
nobody_sees_rows(void **state)
{
	struct db	*db = *state;
	struct staff	 s;
	size_t		 k;

	staff_of(&(struct caller){ "clerk", 0, ROLE_CLERK }, &s);
	for (k = 0; k < sizeof kinds / sizeof *kinds; k++) {
		assert_false(scope_sees(db, &s, kinds[k], 1));
		assert_false(scope_sees(db, &s, kinds[k], 2));
	}
	assert_false(scope_sees(db, NULL, SCOPE_RESIDENT, 1));
}

static void
grids_with_their_community(void **state)
{
	struct db	*db = *state;
	struct staff	 s;

	staff_of(&callers[0], &s);		/* a clerk of centre 1 */
	assert_int_equal(scope_grid_community(db, &s, 1), 1);
	assert_int_equal(scope_grid_community(db, &s, 2), 0);
	assert_int_equal(scope_grid_community(db, &s, 3), 0);
	staff_of(&callers[6], &s);		/* an admin */
	assert_int_equal(scope_grid_community(db, &s, 2), 2);
}

/* The communities a list shows the caller. */
static int
listed(struct db *db, const struct staff *s, long long *first)
{
	struct listq	*q;
	struct db_stmt	*st;
	cJSON		*page;
	int		 n = 0;

	q = listq_new(db, "c.id", " FROM communities c", 1, 20);
	scope_list(q, s, "c.centre_id = ?");
	listq_order(q, "c.id");
	while ((st = listq_next(q)) != NULL) {
		if (n++ == 0)
			*first = db_int(st, 0);
	}
	assert_int_equal(listq_total(q), n);
	page = listq_page(q);
	cJSON_Delete(page);
	return (n);
}

static void
lists_by_role_and_centre(void **state)
{
	struct db	*db = *state;
	struct staff	 s;
	size_t		 i;
	long long	 first = 0;

	for (i = 0; i < sizeof callers / sizeof *callers; i++) {
		staff_of(&callers[i], &s);
		if (callers[i].bit == ROLE_ADMIN) {
			assert_int_equal(listed(db, &s, &first), 2);
			continue;
		}
		assert_int_equal(listed(db, &s, &first), 1);
		assert_int_equal(first, callers[i].centre);
	}
	staff_of(&(struct caller){ "grid", 0, ROLE_GRID }, &s);
	assert_int_equal(listed(db, &s, &first), 0);
}

/* The matrix of docs/api.md section 16, as one line a route. */
struct matrix {
	char	*text;
	int	 routes, checked;
};

/* The cell of role (0 clerk ... 3 admin) in the route's row of the
 * matrix: 1 allowed, 0 forbidden, -1 public; fails when the route has
 * no row. */
static int
cell(const char *text, const struct route *r, int role)
{
	char		 head[160];
	const char	*row, *p;
	int		 i;

	snprintf(head, sizeof head, "| `%s %s` |", r->method, r->pattern);
	if ((row = strstr(text, head)) == NULL)
		fail_msg("%s %s is not in section 16", r->method, r->pattern);
	p = row + strlen(head);
	for (i = 0; i < role; i++)
		p = strchr(p, '|') + 1;
	while (*p == ' ')
		p++;
	if (strncmp(p, "public", 6) == 0)
		return (-1);
	return (strncmp(p, "\xe2\x80\x94", 3) != 0);	/* an em dash */
}

/* Checks one route's roles against its row. */
static void
check_route(const struct route *r, void *arg)
{
	static const char *const	 roles[] = { "clerk", "grid",
	    "supervisor", "admin" };
	struct matrix			*m = arg;
	struct staff			 s;
	int				 i, want;

	m->routes++;
	for (i = 0; i < 4; i++) {
		staff_of(&(struct caller){ roles[i], 1, 0 }, &s);
		want = cell(m->text, r, i);
		if (want == -1) {
			assert_true(r->flags & ROUTE_PUBLIC);
			continue;
		}
		assert_false(r->flags & ROUTE_PUBLIC);
		if (scope_allows(&s, r->roles) != want)
			fail_msg("%s %s for %s: want %d", r->method,
			    r->pattern, roles[i], want);
		m->checked++;
	}
}

static void
routes_by_role(void **state)
{
	struct matrix	 m = { NULL, 0, 0 };
	FILE		*f;
	long		 n;

	(void)state;
	if ((f = fopen("docs/api.md", "r")) == NULL)
		fail_msg("docs/api.md: run from the top of the tree");
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	m.text = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(m.text, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	if (strstr(m.text, "## 16.") == NULL)
		fail_msg("docs/api.md has no section 16");
	memmove(m.text, strstr(m.text, "## 16."), strlen(strstr(m.text,
	    "## 16.")) + 1);
	route_each(check_route, &m);
	assert_true(m.routes > 50);
	assert_true(m.checked > 150);
	free(m.text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(roles_and_centres),
		cmocka_unit_test(routes_by_role),
		cmocka_unit_test_setup_teardown(rows_by_role_and_centre,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(grid_member_of_another_grid,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(nobody_sees_rows, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(grids_with_their_community,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(lists_by_role_and_centre,
		    setup, teardown),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
