/* Terminal setup: locale, curses modes and signals. */
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include <curses.h>
#include <term.h>

#include "borders.h"
#include "draw.h"
#include "term.h"
#include "../locale/i18n.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

static int	sig_pipe[2] = { -1, -1 };
static int	started;

static void
on_signal(int sig)
{
	unsigned char	b = (unsigned char)sig;
	int		saved = errno;

	/* A full pipe means the loop is already waking: nothing is lost. */
	if (write(sig_pipe[1], &b, 1) == -1)
		errno = saved;
	errno = saved;
}

/* Handlers go in before initscr() so that ncurses does not install its
 * own, which exit without letting us save. */
static void
install_signals(void)
{
	static const int	 sigs[] = {
		SIGWINCH, SIGHUP, SIGTERM, SIGINT, SIGTSTP, SIGCONT
	};
	struct sigaction	 sa;
	size_t			 i;

	if (pipe2(sig_pipe, O_NONBLOCK | O_CLOEXEC) != 0)
		fatal("pipe: %s", strerror(errno));
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	for (i = 0; i < sizeof sigs / sizeof *sigs; i++)
		sigaction(sigs[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* In the C/POSIX locale get_wch() cannot read Chinese: switch to
 * C.UTF-8 and say so once. */
const char *
term_prepare(void)
{
	const char	*cs, *warn = NULL;

	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	if (strcmp(cs, "UTF-8") != 0 && strcmp(cs, "GB18030") != 0 &&
	    strcmp(cs, "GBK") != 0) {
		if (setlocale(LC_CTYPE, "C.UTF-8") != NULL)
			warn = N_("The terminal's locale cannot show Chinese "
			    "(set LANG=zh_CN.UTF-8); using UTF-8 anyway.");
	}
	install_signals();
	return (warn);
}

void
term_start(void)
{
	if (started)
		return;
	if (initscr() == NULL)
		fatal("cannot start the terminal (TERM=%s)",
		    getenv("TERM") != NULL ? getenv("TERM") : "");
	started = 1;
	borders_apply();
	raw();
	noecho();
	nonl();
	/* No keypad(): it sends smkx, which puts the keypad in application
	 * mode, where PuTTY's NumLock, / * and - send what F1 .. F4 send.
	 * (Setting keypad_xmit to NULL no longer stops it: ncurses 6 sends
	 * its own copy of the string.) keys.c reads every terminal's
	 * sequences itself, in both modes. */
	nodelay(stdscr, TRUE);
	/* 50 ms tells a lone Esc from an arrow key's sequence on a local
	 * terminal; over a slow link ESCDELAY (ms) may ask for more */
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(50);
	draw_init_styles();
	log_info("terminal: TERM=%s, %dx%d, %d colours; locale %s, codeset "
	    "%s", getenv("TERM") != NULL ? getenv("TERM") : "", COLS, LINES,
	    COLORS, setlocale(LC_CTYPE, NULL), nl_langinfo(CODESET));
	/* no curs_set() here: the first repaint, before anything is drawn,
	 * shows the cursor in a field or hides it (loop.c), and a hide
	 * sent now would be undone there at once: 6 bytes for nothing */
	/* bracketed paste: a paste arrives marked, so none of its
	 * characters can act as a key */
	putp("\033[?2004h");
	fflush(stdout);
}

/* Whether terminfo has the string capability (a key, a mode). */
int
term_has(const char *cap)
{
	char	*v = tigetstr(cap);

	return (v != NULL && v != (char *)-1 && *v != '\0');
}

void
term_end(void)
{
	if (!started)
		return;
	started = 0;
	/* without an alternate screen (vt100) the last screen, full ID
	 * number and all, would stay on the terminal: blank it first */
	if (!term_has("smcup")) {
		erase();
		refresh();
	}
	curs_set(1);
	putp("\033[?2004l");
	endwin();
}

void
term_resume(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGTSTP, &sa, NULL);
	if (!started) {
		started = 1;
		reset_prog_mode();
	}
	term_resize();
}

void
term_resize(void)
{
	struct winsize	ws;

	if (ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
}

int
term_signal_fd(void)
{
	return (sig_pipe[0]);
}

int
term_next_signal(void)
{
	unsigned char	b;

	if (read(sig_pipe[0], &b, 1) == 1)
		return (b);
	return (0);
}
