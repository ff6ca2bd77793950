/* The terminal: curses setup and teardown, the locale check, and the
 * signal self-pipe that the loop polls. */
#ifndef TUI_TERM_H
#define TUI_TERM_H

/* Checks the locale and installs signal handlers; call before
 * term_start(). Returns a warning to show once, or NULL. */
const char	*term_prepare(void);
void		 term_start(void);
/* Restores the terminal; safe to call twice or before term_start(). */
void		 term_end(void);
/* Takes the terminal back after a stop (SIGCONT). */
void		 term_resume(void);
/* Whether the terminal's terminfo entry has a string capability
 * ("khome", "smcup"). */
int		 term_has(const char *cap);
/* Applies the terminal's current size after SIGWINCH. */
void		 term_resize(void);
/* The read end of the self-pipe: one byte per caught signal. */
int		 term_signal_fd(void);
/* Reads one caught signal number, or 0 when none is pending. */
int		 term_next_signal(void);

#endif
