/* Descriptors to wait on beside the terminal (watch.c); the loop polls
 * them with the transfers. */
#ifndef TUI_WATCH_H
#define TUI_WATCH_H

#include <curl/curl.h>

#define MAX_WATCH	12	/* print jobs (8), a CUPS listing, ... */

/* A descriptor to wait on beside the terminal (a child's pipe): fn runs
 * from the loop when it is readable or closed, until watch_remove().
 * -1 when the few slots are taken. */
int	watch_add(int fd, void (*fn)(void *), void *arg);
void	watch_remove(int fd);
/* The loop's: the watched descriptors into fds (MAX_WATCH of them), their
 * count; then, after the poll, the callbacks of those readable. */
int	watch_fds(struct curl_waitfd *fds);
void	watch_poll(const struct curl_waitfd *fds, int n);

#endif
