/*
 * `bianmind admin ...`: what an operator does to a site's database
 * without SQL. Each command opens the database the options name (the
 * config file's, or --db), checks its whole input before writing, writes
 * in one transaction, and audits what it did under the Unix account
 * that ran it. Exit status: 0 done, 1 refused or failed (nothing
 * written), 2 a mistake in the command line. The commands are
 * admin-*.c; admin-common.h is what they share.
 */
#ifndef SERVER_ADMIN_H
#define SERVER_ADMIN_H

struct options;

/* Runs the admin command in o->admin_argv; the exit status. */
int	admin_main(struct options *);

#endif
