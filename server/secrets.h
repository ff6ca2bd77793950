/* Secrets bianmind reads: the PostgreSQL password from a file (never
 * from the command line, where /proc/PID/cmdline shows it to every
 * user), with a warning whenever a file holding one is readable by
 * others. */
#ifndef SERVER_SECRETS_H
#define SERVER_SECRETS_H

/* The first line of path, without its line end; NULL with *cause.
 * Caller frees (after explicit_bzero). */
char	*secret_read(const char *path, char **cause);
/* Warnings on stderr and in the log about the database target: a
 * password written in it, a password file others can read. */
void	secret_check_target(const char *target);

#endif
