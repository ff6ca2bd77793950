/* `bianmind admin`: the commands' table and what they share. */
#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin.h"
#include "audit.h"
#include "db.h"
#include "db-open.h"
#include "options.h"
#include "privs.h"
#include "secrets.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

static const struct {
	const char	*name;
	int		(*run)(struct admin *);
	const char	*usage;
} commands[] = {
	{ "staff", admin_staff,
	  "staff add USER --name NAME --role clerk|grid|supervisor|admin\n"
	  "                     --centre CODE [--password-stdin]\n"
	  "       staff list\n"
	  "       staff disable|enable USER\n"
	  "       staff reset-password USER [--password-stdin]" },
	{ "org", admin_org, "org import FILE.csv | org export [FILE]" },
	{ "catalog", admin_catalog,
	  "catalog import FILE.json | catalog export [FILE]" },
	{ "residents", admin_residents,
	  "residents import FILE.csv [--dry-run] [--rejects FILE]" },
	{ "calendar", admin_calendar, "calendar import FILE" },
	{ "backup", admin_backup, "backup FILE" },
};

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
admin_usage(const char *command)
{
	size_t	i;

	for (i = 0; i < sizeof commands / sizeof *commands; i++) {
		if (command == NULL || strcmp(commands[i].name, command) == 0)
			fprintf(stderr, "usage: bianmind admin %s\n",
			    commands[i].usage);
	}
	return (2);
}

/* The Unix account behind the command: the sudo caller's name when
 * root runs it through sudo, else the real user's. */
static void
who_runs(struct admin *a)
{
	const char	*sudo = getenv("SUDO_USER");
	struct passwd	*pw = getpwuid(getuid());

	if (getuid() == 0 && sudo != NULL && *sudo != '\0')
		snprintf(a->who, sizeof a->who, "unix:%s", sudo);
	else if (pw != NULL)
		snprintf(a->who, sizeof a->who, "unix:%s", pw->pw_name);
	else
		snprintf(a->who, sizeof a->who, "unix:%u", (unsigned)getuid());
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
admin_main(struct options *o)
{
	struct admin	 a;
	size_t		 i;
	int		 rc;

	memset(&a, 0, sizeof a);
	a.o = o;
	a.argc = o->admin_argc - 1;
	a.argv = o->admin_argv + 1;
	if (o->verbose)
		log_to_stderr();
	log_set_verbose(o->verbose);
	who_runs(&a);
	if (a.argc < 1 || strcmp(a.argv[0], "help") == 0 ||
	    strcmp(a.argv[0], "--help") == 0)
		return (admin_usage(NULL) - (a.argc >= 1 ? 2 : 0));
	for (i = 0; i < sizeof commands / sizeof *commands; i++) {
		if (strcmp(commands[i].name, a.argv[0]) != 0)
			continue;
		rc = commands[i].run(&a);
		db_close(a.db);
		return (rc);
	}
	admin_fail("no admin command %s", a.argv[0]);
	return (admin_usage(NULL));
}
