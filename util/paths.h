/* The client's folders: state ($XDG_STATE_HOME/bianmin) and config. */
#ifndef UTIL_PATHS_H
#define UTIL_PATHS_H

/* The state folder, created 0700 if missing; NULL if it cannot be.
 * sub (may be NULL) names a folder inside it. Caller frees. */
char	*paths_state(const char *sub);
/* Creates path and its parents with mode 0700; 0 or -1 (errno). */
int	 paths_mkdirs(const char *path);
/* Writes len bytes to path durably: a 0600 temporary file, fsync,
 * rename, fsync of the folder. 0, or -1 with errno set. */
int	 paths_write_file(const char *path, const void *data, size_t len);

#endif
