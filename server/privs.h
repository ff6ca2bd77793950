/* Starting as root: bind the address, then become the service's own
 * account before anything else is opened; and the admin commands, run
 * as root, work as the owner of the database file. */
#ifndef SERVER_PRIVS_H
#define SERVER_PRIVS_H

/* A listening TCP socket on ADDR:PORT or [ADDR6]:PORT; -1 with *cause
 * (caller frees). */
int	privs_listen(const char *listen, char **cause);
/* When running as root, becomes user (its groups too); "root" stays.
 * NULL while root is refused: bianmind serves as root only when told.
 * Not root: nothing to do. 0 or -1 with *cause. */
int	privs_drop(const char *user, char **cause);
/* As root, takes the owner of path (a SQLite database), or of its
 * folder while it does not exist yet, as user and group, so that the
 * files SQLite makes keep that owner; nothing for root's own. 0 or -1
 * with *cause. */
int	privs_become_owner(const char *path, char **cause);

#endif
