/* `bianmind admin backup FILE`: a consistent copy of a SQLite database
 * taken while the server runs (SQLite's online backup), readable by
 * the owner alone. PostgreSQL has pg_dump for that. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "admin-common.h"
#include "db.h"
#include "options.h"
#include "../util/xmalloc.h"

/* Copies every page of src into a new file dest (mode 0600). */
static int
copy_database(const char *src, const char *dest, char **cause)
{
	sqlite3		*from = NULL, *to = NULL;
	sqlite3_backup	*b;
	sqlite3_stmt	*st = NULL;
	int		 rc = -1;

	unlink(dest);
	if (sqlite3_open_v2(src, &from, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK || sqlite3_open_v2(dest, &to, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		*cause = xasprintf("%s", sqlite3_errmsg(from != NULL &&
		    to == NULL ? from : to));
		goto out;
	}
	sqlite3_busy_timeout(from, 5000);
	if ((b = sqlite3_backup_init(to, "main", from, "main")) == NULL) {
		*cause = xasprintf("%s", sqlite3_errmsg(to));
		goto out;
	}
	/* one step: the copy is of one moment, whatever writes come */
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY ||
	    rc == SQLITE_LOCKED)
		sqlite3_sleep(100);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		*cause = xasprintf("%s", sqlite3_errmsg(to));
		rc = -1;
		goto out;
	}
	rc = -1;
	if (sqlite3_prepare_v2(to, "PRAGMA integrity_check", -1, &st,
	    NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW ||
	    strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0) {
		*cause = xstrdup("the copy fails its integrity check");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	sqlite3_close(from);
	sqlite3_close(to);
	return (rc);
}

/* bianmind admin backup: a consistent copy of the database. */
static int
admin_backup(struct admin *a)
{
	const char	*db = a->o->db, *dest;
	char		*tmp, *cause = NULL;
	int		 rc;

	if (a->argc != 2)
		return (ADMIN_USAGE);
	dest = a->argv[1];
	if (db != NULL && strncmp(db, "postgres", 8) == 0)
		return (admin_fail("for PostgreSQL, back up with pg_dump, as "
		    "the database's owner:\n  pg_dump --format=custom "
		    "--file=%s DBNAME\n(restore with pg_restore --clean "
		    "--dbname=DBNAME %s)", dest, dest));
	if ((rc = admin_open(a)) != 0)
		return (rc);
	if (strncmp(db, "sqlite:", 7) == 0)
		db += 7;
	tmp = xasprintf("%s.tmp", dest);
	umask(077);
	if (copy_database(db, tmp, &cause) != 0 || chmod(tmp, 0600) != 0 ||
	    rename(tmp, dest) != 0) {
		unlink(tmp);
		free(tmp);
		rc = admin_fail("backup failed: %s", cause != NULL ? cause :
		    "cannot write the file");
		free(cause);
		return (rc);
	}
	free(tmp);
	if (admin_audit(a, "backup", dest, NULL) != 0)
		return (admin_fail("cannot audit: %s", db_error(a->db)));
	printf("backup written to %s\n", dest);
	return (0);
}

const struct admin_command admin_backup_command = {
	"backup", admin_backup,
	"backup FILE"
};
