/*
 * The guard: bianmin runs as a child of a small parent that holds no
 * data and only waits. If the child dies by a signal (a crash, a kill),
 * the parent puts the terminal back as it found it: canonical mode and
 * echo, the normal screen, a visible cursor. A signal handler inside a
 * crashing process could not do that safely.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/wait.h>

#include <curses.h>
#include <term.h>

#include "guard.h"
#include "../locale/i18n.h"

static volatile sig_atomic_t	child_pid;

static void
forward(int sig)
{
	if (child_pid > 0)
		kill((pid_t)child_pid, sig);
}

/* Writes a terminfo capability, if the terminal has it. */
static void
put_cap(const char *name)
{
	char	*s = tigetstr((char *)name);

	if (s != NULL && s != (char *)-1)
		(void)!write(STDOUT_FILENO, s, strlen(s));
}

static void
restore(const struct termios *saved, int have_saved, int sig)
{
	int	err;

	if (have_saved)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, saved);
	if (setupterm(NULL, STDOUT_FILENO, &err) == OK) {
		put_cap("sgr0");
		put_cap("rmcup");
		put_cap("cnorm");
	}
	(void)!write(STDOUT_FILENO, "\033[?2004l", 8);	/* paste mode off */
	fprintf(stderr, _("\nbianmin stopped unexpectedly (signal %d). The "
	    "terminal was restored; drafts and the outbox are kept. Start it "
	    "again.\n"), sig);
}

/* Waits for the child, stopping and continuing with it (job control). */
static int
wait_child(pid_t pid, int *status)
{
	for (;;) {
		if (waitpid(pid, status, WUNTRACED) == -1) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		if (!WIFSTOPPED(*status))
			return (0);
		raise(SIGSTOP);		/* let the shell have the terminal */
		kill(pid, SIGCONT);
	}
}

void
guard_start(void)
{
	struct termios		saved;
	struct sigaction	sa;
	int			have_saved, status;
	pid_t			pid;

	if (getenv("BIANMIN_NO_GUARD") != NULL || !isatty(STDIN_FILENO))
		return;
	have_saved = tcgetattr(STDIN_FILENO, &saved) == 0;
	if ((pid = fork()) == -1 || pid == 0)
		return;		/* the child (or no guard): run the program */
	child_pid = pid;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = forward;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGWINCH, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	if (wait_child(pid, &status) != 0)
		_exit(70);
	if (WIFSIGNALED(status)) {
		restore(&saved, have_saved, WTERMSIG(status));
		_exit(128 + WTERMSIG(status));
	}
	_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 70);
}
