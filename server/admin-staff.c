/* `bianmind admin staff`: accounts, their first passwords, and their
 * end. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin-common.h"
#include "auth.h"
#include "db.h"
#include "valid.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

struct staff_args {
	const char	*user, *name, *role, *centre, *department;
	int		 password_stdin;
};

/* The staff id of a username, 0 when there is none. */
static long long
staff_id(struct db *db, const char *user)
{
	struct db_stmt	*st;
	long long	 id = 0;

	if (db_query(db, &st, "SELECT id FROM staff WHERE username = ?", "t",
	    user) == 1)
		id = db_int(st, 0);
	db_reset(st);
	return (id);
}

/* Says the password, once: only the administrator sees it. */
static void
print_password(const char *user, const char *pw, int first)
{
	if (!first)
		return;
	printf("initial password: %s\n", pw);
	printf("(%s must change it at the first login)\n", user);
}

/* The add's arguments; 2 having said what is wrong. */
static int
add_args(struct admin *a, struct staff_args *s)
{
	static const struct option	longopts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "role", required_argument, NULL, 'r' },
		{ "centre", required_argument, NULL, 'c' },
		{ "department", required_argument, NULL, 'd' },
		{ "password-stdin", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	int				c;

	memset(s, 0, sizeof *s);
	optind = 0;
	while ((c = getopt_long(a->argc - 1, a->argv + 1, "", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'n': s->name = optarg; break;
		case 'r': s->role = optarg; break;
		case 'c': s->centre = optarg; break;
		case 'd': s->department = optarg; break;
		case 'p': s->password_stdin = 1; break;
		default: return (ADMIN_USAGE);
		}
	}
	if (optind + 2 != a->argc || s->name == NULL || s->role == NULL)
		return (ADMIN_USAGE);
	s->user = a->argv[optind + 1];
	return (0);
}

/* A department's account: a department that exists, no centre. */
static int
add_check_department(struct admin *a, const struct staff_args *s)
{
	if (s->centre != NULL)
		return (admin_fail("a department's account has no centre"));
	if (s->department == NULL)
		return (admin_fail("--department CODE is needed for a "
		    "department"));
	if (!admin_department_exists(a->db, s->department))
		return (admin_fail("no department %s (mz, wj, rs, ga, zj)",
		    s->department));
	return (0);
}

/* A centre's (or an admin's) account: a centre that exists, none for
 * an admin. */
static int
add_check_centre(struct admin *a, const struct staff_args *s,
    long long *centre, char **cname)
{
	if (s->department != NULL)
		return (admin_fail("--department is for a department's "
		    "account"));
	if (s->centre == NULL && strcmp(s->role, "admin") != 0)
		return (admin_fail("--centre CODE is needed for a %s",
		    s->role));
	if (s->centre != NULL && (*centre = admin_centre(a->db, s->centre,
	    cname)) == 0)
		return (admin_fail("no centre %s (bianmind admin org export "
		    "lists them)", s->centre));
	return (0);
}

/* Checks what add was given against the rules and the database. */
static int
add_check(struct admin *a, const struct staff_args *s, long long *centre,
    char **cname)
{
	static const char *const	roles[] = { "clerk", "grid",
	    "supervisor", "admin", "department", NULL };
	const char			*taken;
	size_t				i;

	if (admin_check_account(s->user, s->name) != 0)
		return (1);
	for (i = 0; roles[i] != NULL && strcmp(roles[i], s->role) != 0; i++)
		;
	if (roles[i] == NULL)
		return (admin_fail("--role must be clerk, grid, supervisor, "
		    "admin or department"));
	if ((strcmp(s->role, "department") == 0 ?
	    add_check_department(a, s) : add_check_centre(a, s, centre,
	    cname)) != 0)
		return (1);
	if ((taken = admin_name_taken(a->db, s->user)) != NULL)
		return (admin_fail(strcmp(taken, "staff") == 0 ?
		    "staff %s already exists" : "%s is a kiosk's username",
		    s->user));
	return (0);
}

/* staff add USER --name NAME --role ROLE --centre CODE. */
static int
staff_add(struct admin *a)
{
	struct staff_args	 s;
	long long		 centre = 0;
	char			*cname = NULL, *pw = NULL, *hash = NULL;
	int			 rc, first;

	if ((rc = add_args(a, &s)) != 0)
		return (rc);
	if ((rc = admin_open(a)) != 0)
		return (rc);
	if ((rc = add_check(a, &s, &centre, &cname)) != 0)
		goto out;
	rc = 1;
	first = !s.password_stdin;
	if ((pw = admin_password(s.password_stdin)) == NULL)
		goto out;
	if ((hash = auth_hash_password(pw)) == NULL) {
		admin_fail("cannot hash the password");
		goto out;
	}
	if (db_begin(a->db) != 0 || db_exec(a->db, "INSERT INTO staff "
	    "(username, name, role, centre_id, password_hash, "
	    "must_change_password, department) VALUES (?, ?, ?, ?, ?, ?, ?)",
	    "tttLtdt", s.user, s.name, s.role, centre, hash, first,
	    s.department) != 0 ||
	    admin_audit(a, "staff_add", s.user, s.role) != 0 ||
	    db_commit(a->db) != 0) {
		db_rollback(a->db);
		admin_fail("cannot add %s: %s", s.user, db_error(a->db));
		goto out;
	}
	printf("staff %s added: %s, %s%s%s\n", s.user, s.name, s.role,
	    cname != NULL ? ", " : "", cname != NULL ? cname : "");
	print_password(s.user, pw, first);
	rc = 0;
out:
	if (pw != NULL)
		explicit_bzero(pw, strlen(pw));
	free(pw);
	free(hash);
	free(cname);
	return (rc);
}

/* staff list: every account, the disabled ones too. */
static int
staff_list(struct admin *a)
{
	struct db_stmt	*st;
	int		 rc;

	if (a->argc != 2)
		return (ADMIN_USAGE);
	if ((rc = admin_open(a)) != 0)
		return (rc);
	rc = db_query(a->db, &st, "SELECT s.username, s.name, s.role, "
	    "coalesce(c.code, '-'), s.active, s.must_change_password FROM "
	    "staff s LEFT JOIN centres c ON c.id = s.centre_id ORDER BY "
	    "s.username", "");
	printf("%-16s %-10s %-12s %-14s %s\n", "USER", "ROLE", "CENTRE",
	    "STATE", "NAME");
	for (; rc == 1; rc = db_step(st))
		printf("%-16s %-10s %-12s %-14s %s\n", db_text(st, 0),
		    db_text(st, 2), db_text(st, 3), !db_int(st, 4) ?
		    "disabled" : db_int(st, 5) ? "first-password" : "active",
		    db_text(st, 1));
	db_reset(st);
	return (rc < 0 ? admin_fail("%s", db_error(a->db)) : 0);
}

/* disable, enable, reset-password: one account's state; a disabled or
 * reset account's sessions end at once. */
static int
staff_change(struct admin *a, const char *what)
{
	int		 reset = strcmp(what, "reset-password") == 0;
	int		 stdin_pw = 0, first = 0, rc;
	long long	 id;
	char		*pw = NULL, *hash = NULL;
	const char	*user;

	if (a->argc == 4 && reset && strcmp(a->argv[3], "--password-stdin") ==
	    0)
		stdin_pw = 1;
	else if (a->argc != 3)
		return (ADMIN_USAGE);
	user = a->argv[2];
	first = !stdin_pw;
	if ((rc = admin_open(a)) != 0)
		return (rc);
	if ((id = staff_id(a->db, user)) == 0)
		return (admin_fail("no staff %s", user));
	if (reset && ((pw = admin_password(stdin_pw)) == NULL ||
	    (hash = auth_hash_password(pw)) == NULL)) {
		free(pw);
		return (1);
	}
	rc = db_begin(a->db);
	if (rc == 0 && reset)
		rc = db_exec(a->db, "UPDATE staff SET password_hash = ?, "
		    "must_change_password = ? WHERE id = ?", "tdl", hash, first,
		    id);
	else if (rc == 0)
		rc = db_exec(a->db, "UPDATE staff SET active = ? WHERE id = ?",
		    "dl", strcmp(what, "enable") == 0, id);
	if (rc == 0 && strcmp(what, "enable") != 0)
		rc = db_exec(a->db, "DELETE FROM sessions WHERE staff_id = ?",
		    "l", id);
	if (rc != 0 || admin_audit(a, reset ? "staff_reset_password" :
	    strcmp(what, "enable") == 0 ? "staff_enable" : "staff_disable",
	    user, NULL) != 0 || db_commit(a->db) != 0) {
		db_rollback(a->db);
		rc = admin_fail("cannot change %s: %s", user, db_error(a->db));
	} else {
		printf("staff %s: %s\n", user, reset ? "password reset" :
		    strcmp(what, "enable") == 0 ? "enabled" :
		    "disabled, its sessions ended");
		if (reset)
			print_password(user, pw, first);
	}
	if (pw != NULL)
		explicit_bzero(pw, strlen(pw));
	free(pw);
	free(hash);
	return (rc);
}

/* bianmind admin staff: add, list, disable, enable, reset-password. */
static int
admin_staff(struct admin *a)
{
	const char	*sub = a->argc >= 2 ? a->argv[1] : "";

	if (strcmp(sub, "add") == 0)
		return (staff_add(a));
	if (strcmp(sub, "list") == 0)
		return (staff_list(a));
	if (strcmp(sub, "disable") == 0 || strcmp(sub, "enable") == 0 ||
	    strcmp(sub, "reset-password") == 0)
		return (staff_change(a, sub));
	return (ADMIN_USAGE);
}

const struct admin_command admin_staff_command = {
	"staff", admin_staff,
	"staff add USER --name NAME --role clerk|grid|supervisor|admin\n"
	"                     --centre CODE [--password-stdin]\n"
	"       staff add USER --name NAME --role department --department CODE\n"
	"                     [--password-stdin]\n"
	"       staff list\n"
	"       staff disable|enable USER\n"
	"       staff reset-password USER [--password-stdin]"
};
