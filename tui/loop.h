/* The event loop: one thread, curl_multi_poll() over the terminal, the
 * signal pipe and the transfers; one redraw per turn. */
#ifndef TUI_LOOP_H
#define TUI_LOOP_H

/* Runs until app.quit is set or the terminal goes away. */
void	loop_run(void);
/* Dispatches one key as if typed (tests and the shell use it). */
void	loop_key(int key);
/* A descriptor to wait on beside the terminal (a child's pipe): fn runs
 * from the loop when it is readable or closed, until loop_unwatch().
 * -1 when the few slots are taken. */
int	loop_watch(int fd, void (*fn)(void *), void *arg);
void	loop_unwatch(int fd);

#endif
