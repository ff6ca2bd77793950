/* The demo seed: the counts, accounts and residents the README and the
 * integration tests rely on, and that every generated number is valid. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "../../forms/idnum.h"
#include "../../server/auth.h"
#include "../../server/db.h"
#include "../../server/db-open.h"
#include "../../server/migrations.h"
#include "../../server/seed.h"

#define RESIDENTS	2000

/* A fresh in-memory database with the current schema. */
static struct db *
open_db(void)
{
	struct db	*db;
	char		*cause = NULL;

	if ((db = db_open("sqlite::memory:", &cause)) == NULL)
		fail_msg("db_open: %s", cause);
	assert_int_equal(db_schema_version(db),
	    (int)migrations_count(MIGRATIONS_SQLITE));
	return (db);
}

/* An in-memory database seeded with RESIDENTS residents from seed 1. */
static struct db *
seeded_db(void)
{
	struct db	*db = open_db();
	char		*cause = NULL;
	int		 rc;

	rc = seed_demo(db, RESIDENTS, 1, &cause);
	if (rc != 0)
		fail_msg("seed_demo: %s", cause);
	assert_null(cause);
	return (db);
}

static int
setup(void **state)
{
	*state = seeded_db();
	return (0);
}

static int
teardown(void **state)
{
	db_close(*state);
	return (0);
}

/* The single integer a query returns. */
static long long
count(struct db *db, const char *sql)
{
	struct db_stmt	*st;
	long long	 n;

	assert_int_equal(db_query(db, &st, sql, ""), 1);
	n = db_int(st, 0);
	db_reset(st);
	return (n);
}

/* The integer sql returns for one text parameter. */
static long long
count_for(struct db *db, const char *sql, const char *arg)
{
	struct db_stmt	*st;
	long long	 n = -1;

	if (db_query(db, &st, sql, "t", arg) == 1)
		n = db_int(st, 0);
	db_reset(st);
	return (n);
}

/* True if the comma-separated list is strictly ascending. */
static int
sorted(const char *list)
{
	const char	*prev = NULL, *p = list;
	size_t		 prevlen = 0, len;
	int		 cmp;

	while (*p != '\0') {
		len = strcspn(p, ",");
		if (prev != NULL) {
			cmp = memcmp(prev, p, prevlen < len ? prevlen : len);
			if (cmp > 0 || (cmp == 0 && prevlen >= len))
				return (0);
		}
		prev = p;
		prevlen = len;
		p += len + (p[len] == ',');
	}
	return (1);
}

/* FNV-1a over name||id_number of every resident, in id order. */
static uint64_t
checksum(struct db *db)
{
	struct db_stmt		*st;
	const unsigned char	*p;
	uint64_t		 h = 0xcbf29ce484222325ULL;
	int			 rc;

	rc = db_query(db, &st, "SELECT name || id_number FROM residents "
	    "ORDER BY id", "");
	for (; rc == 1; rc = db_step(st)) {
		for (p = (const unsigned char *)db_text(st, 0); *p != '\0';
		    p++)
			h = (h ^ *p) * 0x100000001b3ULL;
		h = (h ^ '\n') * 0x100000001b3ULL;
	}
	db_reset(st);
	assert_int_equal(rc, 0);
	return (h);
}

static void
places_and_grids(void **state)
{
	struct db	*db = *state;

	assert_int_equal(count(db, "SELECT count(*) FROM districts"), 5);
	assert_int_equal(count(db, "SELECT count(*) FROM districts WHERE "
	    "code IN ('610202', '610203', '610204', '610222', '610205')"), 5);
	assert_int_equal(count(db, "SELECT count(*) FROM communities"), 73);
	assert_int_equal(count(db, "SELECT count(*) FROM centres"), 73);
	assert_int_equal(count(db, "SELECT count(*) FROM communities c JOIN "
	    "centres e ON e.id = c.centre_id WHERE c.id = e.id AND e.name = "
	    "c.name || '便民服务站' AND e.district_code = c.district_code"),
	    73);
	assert_int_equal(count(db, "SELECT count(*) FROM communities WHERE "
	    "length(code) = 12 AND substr(code, 1, 6) = district_code AND "
	    "(name LIKE '%社区' OR (district_code = '610222' AND "
	    "name LIKE '%村'))"), 73);
	assert_int_equal(count(db, "SELECT count(*) FROM communities WHERE "
	    "(id = 1 AND name = '红旗社区' AND district_code = '610202') OR "
	    "(id = 2 AND name = '光明社区' AND district_code = '610203')"), 2);
	assert_int_equal(count(db, "SELECT count(*) FROM grids"), 446);
	assert_int_equal(count(db, "SELECT min(n) >= 3 FROM (SELECT "
	    "count(g.id) AS n FROM communities c LEFT JOIN grids g ON "
	    "g.community_id = c.id GROUP BY c.id)"), 1);
	assert_int_equal(count_for(db, "SELECT count(*) FROM grids g JOIN "
	    "staff s ON s.id = g.member_id WHERE g.name = ?",
	    "红旗社区第1网格"), 1);
	/* each grid has its own member, of its own centre */
	assert_int_equal(count(db, "SELECT count(DISTINCT g.member_id) FROM "
	    "grids g JOIN staff s ON s.id = g.member_id JOIN communities c ON "
	    "c.id = g.community_id WHERE s.role = 'grid' AND "
	    "s.centre_id = c.centre_id AND g.name = c.name || '第' || "
	    "(g.id - (SELECT min(id) FROM grids WHERE community_id = c.id) "
	    "+ 1) || '网格'"), 446);
	assert_int_equal(count(db, "SELECT count(*) FROM staff WHERE "
	    "password_hash = '!'"), 445);
	assert_int_equal(count(db, "SELECT count(*) FROM sessions"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM audit"), 0);
}

static void
demo_accounts(void **state)
{
	static const struct {
		const char	*username, *password, *name, *role;
		long long	 centre;
	} want[] = {
		{ "clerk01", "demo-clerk", "陈晓梅", "clerk", 1 },
		{ "grid01", "demo-grid", "刘建军", "grid", 1 },
		{ "super01", "demo-super", "王秀兰", "supervisor", 1 },
		{ "admin", "demo-admin", "系统管理员", "admin", 0 },
		{ "clerk02", "demo-clerk", "马丽", "clerk", 2 },
	};
	struct db	*db = *state;
	struct db_stmt	*st;
	size_t		 i;

	st = db_stmt(db, "SELECT name, role, "
	    "coalesce(centre_id, 0), password_hash, active FROM staff WHERE "
	    "username = ?");
	for (i = 0; i < sizeof want / sizeof *want; i++) {
		db_bind_text(st, 1, want[i].username);
		assert_int_equal(db_step(st), 1);
		assert_string_equal(db_text(st, 0), want[i].name);
		assert_string_equal(db_text(st, 1), want[i].role);
		assert_int_equal(db_int(st, 2), want[i].centre);
		assert_true(auth_check_password(want[i].password,
		    db_text(st, 3)));
		assert_false(auth_check_password("wrong",
		    db_text(st, 3)));
		assert_int_equal(db_int(st, 4), 1);
		db_reset(st);
	}
	db_reset(st);
	assert_int_equal(count(db, "SELECT count(*) FROM grids g JOIN staff s "
	    "ON s.id = g.member_id WHERE s.username = 'grid01' AND "
	    "g.name = '红旗社区第1网格'"), 1);
}

static void
named_residents(void **state)
{
	static const struct {
		const char	*id, *name, *sex;
		long long	 community;
	} want[] = {
		{ "610202198503150021", "张红旗", "F", 1 },
		{ "610202194007080046", "李光明", "F", 2 },
		{ "61020219671111005X", "王建国", "M", 1 },
		{ "610203200102200311", "赵印台", "M", 2 },
	};
	struct db	*db = *state;
	struct db_stmt	*st;
	size_t		 i;

	st = db_stmt(db, "SELECT name, sex, community_id, household_id "
	    "FROM residents WHERE id_number = ?");
	for (i = 0; i < sizeof want / sizeof *want; i++) {
		db_bind_text(st, 1, want[i].id);
		assert_int_equal(db_step(st), 1);
		assert_string_equal(db_text(st, 0), want[i].name);
		assert_string_equal(db_text(st, 1), want[i].sex);
		assert_int_equal(db_int(st, 2),
		    want[i].community);
		db_reset(st);
	}
	db_reset(st);
	/* 张红旗 heads a household of three, spouse born 1983, child 2012 */
	assert_int_equal(count(db, "SELECT count(*) FROM residents r JOIN "
	    "residents h ON h.household_id = r.household_id WHERE "
	    "h.id_number = '610202198503150021' AND h.relation = '户主' AND "
	    "((r.relation = '配偶' AND r.sex = 'M' AND r.birth_date LIKE "
	    "'1983-%') OR (r.relation IN ('子', '女') AND r.birth_date LIKE "
	    "'2012-%'))"), 2);
	assert_int_equal(count_for(db, "SELECT count(*) FROM residents WHERE "
	    "id_number = ? AND relation = '母' AND ','||tags||',' LIKE "
	    "'%,elderly_80,%'", "610202194007080046"), 1);
	assert_int_equal(count_for(db, "SELECT count(*) FROM residents WHERE "
	    "id_number = ? AND tags = 'party_member,veteran'",
	    "61020219671111005X"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM residents WHERE "
	    "id_number = '610202198503150022'"), 0);
}

static void
every_number_valid(void **state)
{
	struct db		*db = *state;
	struct db_stmt		*st;
	struct idnum_info	 info;
	const char		*id;
	time_t			 now = time(NULL);
	int			 n = 0, over80;

	st = db_stmt(db, "SELECT id_number, sex, "
	    "birth_date, tags LIKE '%elderly_80%', tags FROM residents");
	while (db_step(st) == 1) {
		id = db_text(st, 0);
		assert_int_equal(idnum_check(id, now, &info), IDNUM_OK);
		assert_string_equal(id, info.normalized);
		assert_int_equal(info.sex, db_text(st, 1)[0]);
		assert_int_equal(memcmp(id + 6, db_text(st, 2), 4),
		    0);
		over80 = idnum_age(&info, now) >= 80;
		assert_int_equal(over80, db_int(st, 3));
		assert_true(sorted(db_text(st, 4)));
		n++;
	}
	db_reset(st);
	assert_int_equal(n, RESIDENTS);
	assert_int_equal(count(db, "SELECT count(DISTINCT id_number) FROM "
	    "residents"), RESIDENTS);
}

static void
phones_and_households(void **state)
{
	struct db	*db = *state;

	assert_int_equal(count(db, "SELECT count(*) FROM residents WHERE "
	    "phone IS NOT NULL AND (length(phone) != 11 OR phone NOT GLOB "
	    "'1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]')"), 0);
	assert_int_equal(count(db, "SELECT count(phone) = count(DISTINCT "
	    "phone) FROM (SELECT phone FROM residents UNION ALL SELECT phone "
	    "FROM staff)"), 1);
	assert_true(count(db, "SELECT count(*) FROM residents WHERE phone "
	    "IS NULL") > 0);
	assert_int_equal(count(db, "SELECT max(n) <= 5 AND min(n) >= 1 AND "
	    "min(heads) = 1 AND max(heads) = 1 FROM (SELECT count(*) AS n, "
	    "sum(relation = '户主') AS heads FROM residents GROUP BY "
	    "household_id)"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM residents r JOIN "
	    "households h ON h.id = r.household_id WHERE r.address != "
	    "h.address OR r.community_id != h.community_id OR r.grid_id != "
	    "h.grid_id"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM households WHERE "
	    "address NOT LIKE '陕西省铜川市%'"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM residents WHERE "
	    "household_id IS NULL OR (version != 1 AND id NOT IN (SELECT "
	    "resident_id FROM resident_history)) OR updated_at NOT GLOB "
	    "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:"
	    "[0-9][0-9]:[0-9][0-9]Z'"), 0);
	assert_true(count(db, "SELECT count(*) FROM residents WHERE "
	    "community_id = 1") >= 60);
	assert_true(count(db, "SELECT count(*) FROM residents WHERE "
	    "community_id = 2") >= 60);
	assert_int_equal(count(db, "SELECT count(DISTINCT community_id) FROM "
	    "residents"), 73);
	assert_int_equal(count(db, "SELECT count(*) FROM pragma_"
	    "foreign_key_check"), 0);
}

/* Spouses of opposite sex within 8 years; children 20 to 40 years
 * younger than the head, parents as much older. */
static void
family_ages(void **state)
{
	struct db	*db = *state;

	assert_int_equal(count(db, "SELECT count(*) FROM residents r JOIN "
	    "residents h ON h.household_id = r.household_id AND "
	    "h.relation = '户主' WHERE r.relation = '配偶' AND (r.sex = h.sex "
	    "OR abs(substr(r.birth_date, 1, 4) - substr(h.birth_date, 1, 4)) "
	    "> 8)"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM residents r JOIN "
	    "residents h ON h.household_id = r.household_id AND "
	    "h.relation = '户主' WHERE (r.relation IN ('子', '女') AND "
	    "substr(r.birth_date, 1, 4) - substr(h.birth_date, 1, 4) NOT "
	    "BETWEEN 20 AND 40) OR (r.relation IN ('父', '母') AND "
	    "substr(h.birth_date, 1, 4) - substr(r.birth_date, 1, 4) NOT "
	    "BETWEEN 20 AND 40)"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM residents WHERE "
	    "(relation IN ('子', '孙子', '父') AND sex != 'M') OR "
	    "(relation IN ('女', '孙女', '母') AND sex != 'F')"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM residents WHERE "
	    "birth_date > date('now')"), 0);
}

static void
names_and_ethnicities(void **state)
{
	struct db	*db = *state;

	assert_true(count(db, "SELECT count(*) FROM residents WHERE name "
	    "LIKE '%·%' AND ethnicity = '维吾尔族'") >= 3);
	assert_int_equal(count(db, "SELECT count(*) FROM residents WHERE "
	    "(name LIKE '%·%') != (ethnicity = '维吾尔族')"), 0);
	assert_true(count(db, "SELECT count(*) FROM residents WHERE "
	    "ethnicity = '回族'") > 0);
	assert_true(count(db, "SELECT count(*) FROM residents WHERE "
	    "ethnicity = '满族'") > 0);
	assert_true(count(db, "SELECT count(*) FROM residents WHERE "
	    "ethnicity = '汉族'") > RESIDENTS * 9 / 10);
	assert_true(count(db, "SELECT count(*) FROM residents WHERE name "
	    "LIKE '王%'") > 50);
	assert_int_equal(count(db, "SELECT count(*) FROM residents WHERE "
	    "length(name) < 2 OR length(name) > 16"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM residents WHERE "
	    "tags != '' AND ',' || tags || ',' NOT GLOB '*,elderly_80,*' AND "
	    "',' || tags || ',' NOT GLOB '*,disabled,*' AND ',' || tags || "
	    "',' NOT GLOB '*,low_income,*' AND ',' || tags || ',' NOT GLOB "
	    "'*,veteran,*' AND ',' || tags || ',' NOT GLOB "
	    "'*,party_member,*'"), 0);
}

static void
same_seed_same_people(void **state)
{
	struct db	*again = seeded_db(), *other = open_db();
	char	*cause = NULL;

	assert_int_equal(checksum(*state), checksum(again));
	assert_int_equal(seed_demo(other, RESIDENTS, 2, &cause), 0);
	assert_true(checksum(*state) != checksum(other));
	db_close(again);
	db_close(other);
}

static void
refuses_a_seeded_database(void **state)
{
	struct db	*db = *state;
	char	*cause = NULL;

	assert_int_equal(seed_demo(db, RESIDENTS, 1, &cause), -1);
	assert_non_null(cause);
	free(cause);
	assert_int_equal(count(db, "SELECT count(*) FROM residents"),
	    RESIDENTS);
	/* the generated staff, and the two demo department accounts */
	assert_int_equal(count(db, "SELECT count(*) FROM staff"), 452);
}

static void
refuses_too_few(void **state)
{
	struct db	*db = open_db();
	char		*cause = NULL;

	(void)state;
	assert_int_equal(seed_demo(db, 49, 1, &cause), -1);
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	assert_int_equal(count(db, "SELECT count(*) FROM districts"), 0);
	assert_int_equal(seed_demo(db, 50, 7, &cause), 0);
	assert_null(cause);
	assert_int_equal(count(db, "SELECT count(*) FROM residents"), 50);
	assert_int_equal(count(db, "SELECT count(*) FROM residents WHERE "
	    "id_number IN ('610202198503150021', '610202194007080046', "
	    "'61020219671111005X', '610203200102200311')"), 4);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(places_and_grids),
		cmocka_unit_test(demo_accounts),
		cmocka_unit_test(named_residents),
		cmocka_unit_test(every_number_valid),
		cmocka_unit_test(phones_and_households),
		cmocka_unit_test(family_ages),
		cmocka_unit_test(names_and_ethnicities),
		cmocka_unit_test(same_seed_same_people),
		cmocka_unit_test(refuses_a_seeded_database),
	};
	const struct CMUnitTest	alone[] = {
		cmocka_unit_test(refuses_too_few),
	};

	return (cmocka_run_group_tests(tests, setup, teardown) +
	    cmocka_run_group_tests(alone, NULL, NULL));
}
