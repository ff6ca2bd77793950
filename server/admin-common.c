/* What the admin commands share: their database, their audit rows,
 * their messages and their files. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin-common.h"
#include "audit.h"
#include "auth.h"
#include "db.h"
#include "db-open.h"
#include "options.h"
#include "privs.h"
#include "secrets.h"
#include "valid.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

#define PASSWORD_MIN	8

int
admin_fail(const char *fmt, ...)
{
	va_list	ap;

	fputs("bianmind: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return (1);
}

int
admin_open(struct admin *a)
{
	const char	*db = a->o->db, *file;
	char		*cause = NULL, *pw;

	if (db == NULL)
		return (admin_fail("no database: give --db before admin, or "
		    "db = ... in the config file"));
	/* root's journal files would lock the service out of its own
	 * SQLite database: work as the file's owner */
	if (strncmp(db, "postgres", 8) != 0) {
		file = strncmp(db, "sqlite:", 7) == 0 ? db + 7 : db;
		if (privs_become_owner(file, &cause) != 0)
			goto fail;
	}
	secret_check_target(db);
	if (a->o->db_password_file != NULL) {
		if ((pw = secret_read(a->o->db_password_file, &cause)) == NULL)
			goto fail;
		db_set_password(pw);
		explicit_bzero(pw, strlen(pw));
		free(pw);
	}
	if ((a->db = db_open(db, &cause)) == NULL)
		goto fail;
	return (0);
fail:
	admin_fail("%s", cause);
	free(cause);
	return (1);
}

int
admin_audit(struct admin *a, const char *action, const char *object,
    const char *detail)
{
	return (audit_write(a->db, 0, a->who, action, object, detail,
	    "local"));
}

char *
admin_read_file(const char *path, size_t *len)
{
	FILE	*f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char	*data = NULL, chunk[65536];
	size_t	 got;

	*len = 0;
	if (f == NULL) {
		admin_fail("cannot read %s: %s", path, strerror(errno));
		return (NULL);
	}
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		data = xreallocarray(data, *len + got + 1, 1);
		memcpy(data + *len, chunk, got);
		*len += got;
	}
	if (ferror(f)) {
		admin_fail("cannot read %s: %s", path, strerror(errno));
		free(data);
		data = NULL;
	} else if (data == NULL)
		data = xcalloc(1, 1);
	else
		data[*len] = '\0';
	if (f != stdin)
		fclose(f);
	return (data);
}

FILE *
admin_output(const char *path)
{
	FILE	*f;

	if (path == NULL || strcmp(path, "-") == 0)
		return (stdout);
	if ((f = fopen(path, "w")) == NULL)
		admin_fail("cannot write %s: %s", path, strerror(errno));
	return (f);
}

int
admin_check_account(const char *user, const char *name)
{
	size_t	n = strlen(user);

	if (n < 1 || n > 64 || strspn(user, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != n)
		return (admin_fail("bad username %s: 1 to 64 letters, digits, "
		    "'.', '_' or '-'", user));
	if (utf8_chars(name) < 1 || utf8_chars(name) > 30 ||
	    !valid_controls(name, 0))
		return (admin_fail("--name must be 1 to 30 characters"));
	return (0);
}

long long
admin_centre(struct db *db, const char *code, char **name)
{
	struct db_stmt	*st;
	long long	 id = 0;

	if (db_query(db, &st, "SELECT id, name FROM centres WHERE code = ?",
	    "t", code) == 1) {
		id = db_int(st, 0);
		*name = xstrdup(db_text(st, 1));
	}
	db_reset(st);
	return (id);
}

int
admin_department_exists(struct db *db, const char *code)
{
	struct db_stmt	*st;
	int		 found;

	found = db_query(db, &st, "SELECT 1 FROM departments WHERE code = ?",
	    "t", code) == 1;
	db_reset(st);
	return (found);
}

char *
admin_password(int from_stdin)
{
	char	line[512];
	size_t	n;

	if (!from_stdin) {
		if (auth_new_password(line) != 0) {
			admin_fail("cannot make a password");
			return (NULL);
		}
		return (xstrdup(line));
	}
	if (fgets(line, sizeof line, stdin) == NULL)
		line[0] = '\0';
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	if (utf8_chars(line) < PASSWORD_MIN || !utf8_valid(line, n)) {
		explicit_bzero(line, sizeof line);
		admin_fail("the password on standard input must have at least "
		    "%d characters", PASSWORD_MIN);
		return (NULL);
	}
	return (xstrdup(line));
}

const char *
admin_name_taken(struct db *db, const char *user)
{
	struct db_stmt	*st;
	const char	*kind = NULL;

	if (db_query(db, &st, "SELECT 1 FROM staff WHERE username = ?", "t",
	    user) == 1)
		kind = "staff";
	db_reset(st);
	if (kind != NULL)
		return (kind);
	if (db_query(db, &st, "SELECT 1 FROM kiosks WHERE username = ?", "t",
	    user) == 1)
		kind = "kiosk";
	db_reset(st);
	return (kind);
}
