/* The event loop: one thread, curl_multi_poll() over the terminal, the
 * signal pipe and the transfers; one redraw per turn. */
#ifndef TUI_LOOP_H
#define TUI_LOOP_H

/* Runs until app.quit is set or the terminal goes away. */
void	loop_run(void);
/* Dispatches one key as if typed (tests and the shell use it). */
void	loop_key(int key);

#endif
