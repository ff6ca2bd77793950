/* What the admin commands share: their database, their audit rows,
 * their messages and their files. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin-common.h"
#include "audit.h"
#include "db.h"
#include "db-open.h"
#include "options.h"
#include "privs.h"
#include "secrets.h"
#include "../util/xmalloc.h"

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
