/*
 * What the `bianmind admin` commands share (admin-common.c): the
 * command being run, opening its database, its audit rows, messages
 * and files; and each command's descriptor, one a file (admin-*.c),
 * which admin.c runs.
 */
#ifndef SERVER_ADMIN_COMMON_H
#define SERVER_ADMIN_COMMON_H

#include <stdio.h>

struct db;
struct options;

/* A command's exit status: 0 done, 1 refused or failed (nothing
 * written), ADMIN_USAGE a mistake in the command line, after which
 * admin.c prints the command's usage. */
#define ADMIN_USAGE	2

struct admin {
	struct options	*o;
	struct db	*db;		/* NULL until admin_open() */
	char		 who[96];	/* unix:NAME, for the audit trail */
	int		 argc;		/* the command's own arguments */
	char		**argv;		/* from its name on */
};

struct admin_command {
	const char	*name;
	int		(*run)(struct admin *);
	const char	*usage;
};

/* The commands, one file each. */
extern const struct admin_command admin_staff_command;
extern const struct admin_command admin_org_command;
extern const struct admin_command admin_catalog_command;
extern const struct admin_command admin_residents_command;
extern const struct admin_command admin_calendar_command;
extern const struct admin_command admin_backup_command;
extern const struct admin_command admin_exchange_command;
extern const struct admin_command admin_purpose_command;
extern const struct admin_command admin_kiosk_command;

/* Opens the database (as its owner when run as root); 0 or 1 having
 * said why not. */
int	admin_open(struct admin *);
/* An audit row for the command, inside the caller's transaction when
 * one is open; 0 or -1. */
int	admin_audit(struct admin *, const char *action, const char *object,
	    const char *detail);
/* "staff" or "kiosk" when a staff account or a kiosk has the username
 * (they share the login throttle's counts, so one name is one
 * account), else NULL. */
const char *admin_name_taken(struct db *, const char *user);
/* Checks a new account's username (1 to 64 letters, digits, '.', '_'
 * or '-') and its --name (1 to 30 characters); 0, or 1 having said
 * what is wrong. */
int	admin_check_account(const char *user, const char *name);
/* The id and (*name, the caller's) of the centre with code; 0 when
 * there is none. */
long long admin_centre(struct db *, const char *code, char **name);
/* 1 when a department has the code (mz, wj, rs, ga, zj). */
int	admin_department_exists(struct db *, const char *code);
/* A new one-time password, or one line of standard input of at least
 * 8 characters; NULL having said why. */
char	*admin_password(int from_stdin);
/* Prints "bianmind: " and the message to stderr; returns 1. */
int	admin_fail(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Reads a whole file ("-": standard input) into memory, NUL ended;
 * NULL having said why. */
char	*admin_read_file(const char *path, size_t *len);
/* Opens path for the output of an export ("-" or NULL: stdout). */
FILE	*admin_output(const char *path);

#endif
