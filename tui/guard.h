/* A parent process that restores the terminal if the client crashes. */
#ifndef TUI_GUARD_H
#define TUI_GUARD_H

/* Forks: returns in the child (and when there is no terminal or
 * BIANMIN_NO_GUARD is set); the parent never returns. */
void	guard_start(void);

#endif
