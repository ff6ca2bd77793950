/*
 * `bianmind admin ...`: what an operator does to a site's database
 * without SQL. Each command opens the database the options name (the
 * config file's, or --db), checks its whole input before writing, writes
 * in one transaction, and audits what it did under the Unix account
 * that ran it. Exit status: 0 done, 1 refused or failed (nothing
 * written), 2 a mistake in the command line.
 */
#ifndef SERVER_ADMIN_H
#define SERVER_ADMIN_H

#include <stdio.h>

struct db;
struct options;

struct admin {
	struct options	*o;
	struct db	*db;		/* NULL until admin_open() */
	char		 who[96];	/* unix:NAME, for the audit trail */
	int		 argc;		/* the command's own arguments */
	char		**argv;		/* from its name on */
};

/* Runs the admin command in o->admin_argv; the exit status. */
int	admin_main(struct options *);

/* Opens the database (as its owner when run as root); 0 or 1 having
 * said why not. */
int	admin_open(struct admin *);
/* An audit row for the command, inside the caller's transaction when
 * one is open; 0 or -1. */
int	admin_audit(struct admin *, const char *action, const char *object,
	    const char *detail);
/* Prints "bianmind: " and the message to stderr; returns 1. */
int	admin_fail(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Prints a usage line for the command to stderr; returns 2. */
int	admin_usage(const char *);
/* Reads a whole file ("-": standard input) into memory, NUL ended;
 * NULL having said why. */
char	*admin_read_file(const char *path, size_t *len);
/* Opens path for the output of an export ("-" or NULL: stdout). */
FILE	*admin_output(const char *path);

/* The commands, one file each. */
int	admin_staff(struct admin *);
int	admin_org(struct admin *);
int	admin_catalog(struct admin *);
int	admin_residents(struct admin *);
int	admin_calendar(struct admin *);
int	admin_backup(struct admin *);

#endif
