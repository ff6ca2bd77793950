/* `bianmind admin purpose`: what departments may read residents for
 * (docs/api.md 23): added, listed and disabled, never deleted, since
 * consents and reads name them. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin-common.h"
#include "db.h"
#include "valid.h"
#include "../locale/text.h"

struct purpose_args {
	const char	*code, *dept, *name, *basis, *fields, *consent;
	long long	 days;
};

/* The fields a purpose may name (docs/api.md 23). */
static const char *const purpose_fields[] = {
	"name", "sex", "birth_date", "age", "id_number", "phone", "address",
	"community", "household", "tags", "status", NULL
};

/* 1 for a code of 2 to 32 of a-z, 0-9 and '-'. */
static int
valid_code(const char *s)
{
	size_t	n = strlen(s);

	return (n >= 2 && n <= 32 &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n);
}

/* 1 when every comma-separated name of list is a known field, each
 * once. */
static int
valid_fields(const char *list)
{
	char		 copy[256], *s, *save = NULL;
	const char	*seen[16];
	size_t		 i, j, n = 0;

	if (strlen(list) >= sizeof copy || *list == '\0')
		return (0);
	snprintf(copy, sizeof copy, "%s", list);
	for (s = strtok_r(copy, ",", &save); s != NULL;
	    s = strtok_r(NULL, ",", &save)) {
		for (i = 0; purpose_fields[i] != NULL &&
		    strcmp(purpose_fields[i], s) != 0; i++)
			;
		if (purpose_fields[i] == NULL || n == 16)
			return (0);
		for (j = 0; j < n; j++)
			if (seen[j] == purpose_fields[i])
				return (0);
		seen[n++] = purpose_fields[i];
	}
	return (strstr(list, ",,") == NULL && list[strlen(list) - 1] != ',');
}

/* The add's arguments; 2 having said what is wrong. */
static int
add_args(struct admin *a, struct purpose_args *p)
{
	static const struct option	longopts[] = {
		{ "department", required_argument, NULL, 'd' },
		{ "name", required_argument, NULL, 'n' },
		{ "basis", required_argument, NULL, 'b' },
		{ "fields", required_argument, NULL, 'f' },
		{ "consent", required_argument, NULL, 'c' },
		{ "days", required_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 }
	};
	char				*end;
	int				 c;

	memset(p, 0, sizeof *p);
	optind = 0;
	while ((c = getopt_long(a->argc - 1, a->argv + 1, "", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'd': p->dept = optarg; break;
		case 'n': p->name = optarg; break;
		case 'b': p->basis = optarg; break;
		case 'f': p->fields = optarg; break;
		case 'c': p->consent = optarg; break;
		case 'y':
			p->days = strtoll(optarg, &end, 10);
			if (*end != '\0' || p->days < 1 || p->days > 3660)
				return (admin_fail("--days must be 1 to "
				    "3660"));
			break;
		default: return (ADMIN_USAGE);
		}
	}
	if (optind + 2 != a->argc || p->dept == NULL || p->name == NULL ||
	    p->basis == NULL || p->fields == NULL || p->consent == NULL)
		return (ADMIN_USAGE);
	p->code = a->argv[optind + 1];
	return (0);
}

/* Checks what add was given against the rules and the database. */
static int
add_check(struct admin *a, const struct purpose_args *p)
{
	struct db_stmt	*st;
	int		 taken, none = strcmp(p->consent, "none") == 0;

	if (!valid_code(p->code))
		return (admin_fail("bad code %s: 2 to 32 of a-z, 0-9 and '-'",
		    p->code));
	if (utf8_chars(p->name) < 1 || utf8_chars(p->name) > 60 ||
	    !valid_controls(p->name, 0))
		return (admin_fail("--name must be 1 to 60 characters"));
	if (utf8_chars(p->basis) < 1 || utf8_chars(p->basis) > 300 ||
	    !valid_controls(p->basis, 0))
		return (admin_fail("--basis must be 1 to 300 characters"));
	if (!valid_fields(p->fields))
		return (admin_fail("--fields must be a comma-separated list "
		    "of name, sex, birth_date, age, id_number, phone, "
		    "address, community, household, tags, status"));
	if (!none && strcmp(p->consent, "subject") != 0 &&
	    strcmp(p->consent, "household_adults") != 0)
		return (admin_fail("--consent must be none, subject or "
		    "household_adults"));
	if (none != (p->days == 0))
		return (admin_fail(none ? "--days is for a purpose that "
		    "needs consent" : "--days DAYS is needed: how long a "
		    "consent lasts"));
	if (!admin_department_exists(a->db, p->dept))
		return (admin_fail("no department %s (mz, wj, rs, ga, zj)",
		    p->dept));
	taken = db_query(a->db, &st, "SELECT 1 FROM purposes WHERE code = ?",
	    "t", p->code) == 1;
	db_reset(st);
	if (taken)
		return (admin_fail("purpose %s already exists", p->code));
	return (0);
}

/* purpose add CODE --department D --name N --basis B --fields F
 * --consent C [--days N]. */
static int
purpose_add(struct admin *a)
{
	struct purpose_args	 p;
	int			 rc;

	if ((rc = add_args(a, &p)) != 0)
		return (rc);
	if ((rc = admin_open(a)) != 0)
		return (rc);
	if ((rc = add_check(a, &p)) != 0)
		return (rc);
	if (db_begin(a->db) != 0 || db_exec(a->db, "INSERT INTO purposes "
	    "(code, department, name, basis, fields, consent, consent_days) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)", "ttttttL", p.code, p.dept, p.name,
	    p.basis, p.fields, p.consent, p.days) != 0 ||
	    admin_audit(a, "purpose_add", p.code, p.dept) != 0 ||
	    db_commit(a->db) != 0) {
		db_rollback(a->db);
		return (admin_fail("cannot add %s: %s", p.code,
		    db_error(a->db)));
	}
	printf("purpose %s added: %s, %s\n", p.code, p.dept, p.name);
	return (0);
}

/* purpose list: every purpose, the disabled ones too. */
static int
purpose_list(struct admin *a)
{
	struct db_stmt	*st;
	int		 rc;

	if (a->argc != 2)
		return (ADMIN_USAGE);
	if ((rc = admin_open(a)) != 0)
		return (rc);
	rc = db_query(a->db, &st, "SELECT code, department, consent, "
	    "consent_days, active, name, fields FROM purposes ORDER BY "
	    "department, code", "");
	printf("%-20s %-4s %-16s %-5s %-8s %s\n", "CODE", "DEPT", "CONSENT",
	    "DAYS", "STATE", "NAME (FIELDS)");
	for (; rc == 1; rc = db_step(st))
		printf("%-20s %-4s %-16s %-5s %-8s %s (%s)\n", db_text(st, 0),
		    db_text(st, 1), db_text(st, 2), db_null(st, 3) ? "-" :
		    db_text(st, 3), db_int(st, 4) ? "active" : "disabled",
		    db_text(st, 5), db_text(st, 6));
	db_reset(st);
	return (rc < 0 ? admin_fail("%s", db_error(a->db)) : 0);
}

/* purpose disable CODE: reads under it are refused from now on; its
 * consents and past reads stay. */
static int
purpose_disable(struct admin *a)
{
	struct db_stmt	*st;
	const char	*code;
	int		 rc;

	if (a->argc != 3)
		return (ADMIN_USAGE);
	code = a->argv[2];
	if ((rc = admin_open(a)) != 0)
		return (rc);
	rc = db_query(a->db, &st, "SELECT active FROM purposes WHERE code = ?",
	    "t", code);
	if (rc == 1)
		rc = db_int(st, 0) ? 1 : 2;
	db_reset(st);
	if (rc != 1)
		return (admin_fail(rc == 2 ? "purpose %s is disabled already" :
		    "no purpose %s", code));
	if (db_begin(a->db) != 0 || db_exec(a->db, "UPDATE purposes SET "
	    "active = 0 WHERE code = ?", "t", code) != 0 ||
	    admin_audit(a, "purpose_disable", code, NULL) != 0 ||
	    db_commit(a->db) != 0) {
		db_rollback(a->db);
		return (admin_fail("cannot disable %s: %s", code,
		    db_error(a->db)));
	}
	printf("purpose %s: disabled\n", code);
	return (0);
}

/* bianmind admin purpose: add, list, disable. */
static int
admin_purpose(struct admin *a)
{
	const char	*sub = a->argc >= 2 ? a->argv[1] : "";

	if (strcmp(sub, "add") == 0)
		return (purpose_add(a));
	if (strcmp(sub, "list") == 0)
		return (purpose_list(a));
	if (strcmp(sub, "disable") == 0)
		return (purpose_disable(a));
	return (ADMIN_USAGE);
}

const struct admin_command admin_purpose_command = {
	"purpose", admin_purpose,
	"purpose add CODE --department CODE --name NAME --basis TEXT\n"
	"                     --fields FIELD,... --consent none|subject|"
	"household_adults\n"
	"                     [--days DAYS]\n"
	"       purpose list\n"
	"       purpose disable CODE"
};
