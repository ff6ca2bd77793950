/* `bianmind admin kiosk`: the self-service terminals' accounts
 * (docs/api.md 25), each bound to a centre. */
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

/* kiosk add USER --name NAME --centre CODE [--password-stdin]. */
static int
kiosk_add(struct admin *a)
{
	static const struct option	longopts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "centre", required_argument, NULL, 'c' },
		{ "password-stdin", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	const char			*user, *name = NULL, *code = NULL;
	const char			*taken;
	char				*cname = NULL, *pw = NULL, *hash = NULL;
	long long			 centre;
	int				 c, from_stdin = 0, rc;

	optind = 0;
	while ((c = getopt_long(a->argc - 1, a->argv + 1, "", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'n': name = optarg; break;
		case 'c': code = optarg; break;
		case 'p': from_stdin = 1; break;
		default: return (ADMIN_USAGE);
		}
	}
	if (optind + 2 != a->argc || name == NULL || code == NULL)
		return (ADMIN_USAGE);
	user = a->argv[optind + 1];
	if (admin_check_account(user, name) != 0)
		return (1);
	if ((rc = admin_open(a)) != 0)
		return (rc);
	if ((taken = admin_name_taken(a->db, user)) != NULL)
		return (admin_fail("%s is already the username of a %s "
		    "account", user, taken));
	if ((centre = admin_centre(a->db, code, &cname)) == 0)
		return (admin_fail("no centre %s (bianmind admin org export "
		    "lists them)", code));
	rc = 1;
	if ((pw = admin_password(from_stdin)) == NULL)
		goto out;
	if ((hash = auth_hash_password(pw)) == NULL) {
		admin_fail("cannot hash the password");
		goto out;
	}
	if (db_begin(a->db) != 0 || db_exec(a->db, "INSERT INTO kiosks "
	    "(username, name, centre_id, password_hash) VALUES (?, ?, ?, ?)",
	    "ttlt", user, name, centre, hash) != 0 ||
	    admin_audit(a, "kiosk_add", user, code) != 0 ||
	    db_commit(a->db) != 0) {
		db_rollback(a->db);
		admin_fail("cannot add kiosk %s: %s", user, db_error(a->db));
		goto out;
	}
	printf("kiosk %s added: %s, %s\n", user, name, cname);
	if (!from_stdin)
		printf("password: %s\n(put it in the kiosk's configuration)\n",
		    pw);
	rc = 0;
out:
	if (pw != NULL)
		explicit_bzero(pw, strlen(pw));
	free(pw);
	free(hash);
	free(cname);
	return (rc);
}

/* kiosk list: every kiosk account. */
static int
kiosk_list(struct admin *a)
{
	struct db_stmt	*st;
	int		 rc;

	if (a->argc != 2)
		return (ADMIN_USAGE);
	if ((rc = admin_open(a)) != 0)
		return (rc);
	rc = db_query(a->db, &st, "SELECT k.username, c.code, k.active, "
	    "k.name FROM kiosks k JOIN centres c ON c.id = k.centre_id "
	    "ORDER BY k.username", "");
	printf("%-16s %-14s %-9s %s\n", "USER", "CENTRE", "STATE", "NAME");
	for (; rc == 1; rc = db_step(st))
		printf("%-16s %-14s %-9s %s\n", db_text(st, 0),
		    db_text(st, 1), db_int(st, 2) ? "active" : "disabled",
		    db_text(st, 3));
	db_reset(st);
	return (rc < 0 ? admin_fail("%s", db_error(a->db)) : 0);
}

/* bianmind admin kiosk: add, list. */
static int
admin_kiosk(struct admin *a)
{
	const char	*sub = a->argc >= 2 ? a->argv[1] : "";

	if (strcmp(sub, "add") == 0)
		return (kiosk_add(a));
	if (strcmp(sub, "list") == 0)
		return (kiosk_list(a));
	return (ADMIN_USAGE);
}

const struct admin_command admin_kiosk_command = {
	"kiosk", admin_kiosk,
	"kiosk add USER --name NAME --centre CODE [--password-stdin]\n"
	"       kiosk list"
};
