/* The client's single event loop. */
#include <poll.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>

#include "bars.h"
#include "draw.h"
#include "keys.h"
#include "loop.h"
#include "print-ui.h"
#include "term.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../util/log.h"

#define SPIN_MS		150
#define DEAD_TURNS	50

static void
draw_stack(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	if (s->ops->overlay && s->below != NULL)
		draw_stack(s->below, top, rows, cols, cy, cx);
	*cy = *cx = -1;
	s->ops->draw(s, top, rows, cols, cy, cx);
}

static void
draw_too_small(void)
{
	erase();
	draw_text(0, 0, _("Window too small."), COLS, STYLE_ERROR);
	if (LINES > 1)
		draw_text(1, 0, _("Make it at least 50x12."), COLS,
		    STYLE_NORMAL);
	curs_set(0);
}

/* The one repaint of a turn: everything into stdscr, then doupdate(),
 * which sends only what changed. */
static void
redraw(void)
{
	int	cy = -1, cx = -1;

	app.dirty = 0;
	if (COLS < TUI_MIN_COLS || LINES < TUI_MIN_ROWS) {
		draw_too_small();
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	erase();
	statusbar_draw(0, COLS);
	if (app.top != NULL)
		draw_stack(app.top, 1, LINES - 3, COLS, &cy, &cx);
	msgline_draw(LINES - 2, COLS);
	keybar_draw(LINES - 1, COLS);
	if (cy >= 0 && cx >= 0) {
		move(cy, cx);
		curs_set(1);
	} else
		curs_set(0);
	wnoutrefresh(stdscr);
	doupdate();
}

static int
locked(void)
{
	return (app.top != NULL && app.top->ops == &screen_lock);
}

/* Locks after the idle minutes: drafts first, then nothing shows. */
static void
idle_check(time_t now)
{
	if (app.lock_minutes <= 0 || app.session == NULL || locked() ||
	    now - app.last_key < (time_t)(app.lock_minutes * 60))
		return;
	app_save_all();
	app_push(&screen_lock, NULL);
}

void
loop_key(int key)
{
	struct screen	*s = app.top;

	app.last_key = time(NULL);
	if (locked() && key != TK_F(10) && key != TK_CTRL('q')) {
		s->ops->key(s, key);
		return;
	}
	if (scan_key(key))
		return;
	if (s != NULL && s->ops->key != NULL && s->ops->key(s, key))
		return;
	switch (key) {
	case TK_F(1):
		if (s != NULL && s->ops != &dialog_help)
			app_push(&dialog_help, s);
		break;
	case TK_F(10):
	case TK_CTRL('q'):
	case TK_CTRL('c'):
		app_ask_quit();
		break;
	case TK_F(2):
		if (app.session != NULL && s != NULL &&
		    s->ops != &screen_lookup)
			app_push(&screen_lookup, NULL);
		break;
	case TK_F(3):
		txcode_prompt();
		break;
	case TK_F(8):
		if (s != NULL && s->ops != &screen_outbox &&
		    app.session != NULL)
			app_push(&screen_outbox, NULL);
		break;
	}
}

static void
handle_signals(void)
{
	int	sig;

	while ((sig = term_next_signal()) != 0) {
		switch (sig) {
		case SIGWINCH:
			term_resize();
			app_dirty();
			break;
		case SIGHUP:
		case SIGTERM:
		case SIGINT:
			log_debug("%s: signal %d, leaving", __func__, sig);
			app_save_all();
			app.quit = 1;
			break;
		case SIGTSTP:
			term_end();
			signal(SIGTSTP, SIG_DFL);
			raise(SIGTSTP);
			break;
		case SIGCONT:
			term_resume();
			app_dirty();
			break;
		}
	}
}

/* Milliseconds until the next thing that needs a wake-up: the spinner
 * while busy, the outbox's next retry, else the clock's next minute. */
static long
next_timeout(void)
{
	time_t	now = time(NULL);
	long	ms = (60 - now % 60) * 1000L, due;

	if (app.busy > 0)
		return (SPIN_MS);
	if (app.sender != NULL && (due = sender_timeout_ms(app.sender,
	    now)) >= 0 && due < ms)
		ms = due;
	if (app.lock_minutes > 0 && app.session != NULL && !locked()) {
		due = (long)((app.last_key + (time_t)(app.lock_minutes * 60) -
		    now) * 1000);
		if (due < ms)
			ms = due < 0 ? 0 : due;
	}
	return (ms);
}

/* After a reply: the link came back, so what waits goes now. */
static void
outbox_turn(int *was_online)
{
	int	online = api_online(app.api);

	if (app.sender == NULL)
		return;
	if (online && !*was_online && app.session != NULL)
		outbox_wake(app.outbox, app.session->username);
	*was_online = online;
	sender_pump(app.sender, time(NULL));
}

void
loop_run(void)
{
	struct curl_waitfd	fds[2 + 8];
	CURLM			*multi = http_multi(api_http(app.api));
	time_t			 minute = time(NULL) / 60;
	int			 idle_reads = 0, was_online = 1, njobs;

	while (!app.quit) {
		if (app.dirty)
			redraw();
		fds[0].fd = STDIN_FILENO;
		fds[0].events = CURL_WAIT_POLLIN;
		fds[0].revents = 0;
		fds[1].fd = term_signal_fd();
		fds[1].events = CURL_WAIT_POLLIN;
		fds[1].revents = 0;
		njobs = print_ui_fds(fds + 2, 8);
		curl_multi_poll(multi, fds, 2 + (unsigned)njobs,
		    (int)next_timeout(), NULL);
		print_ui_poll(fds + 2, njobs);
		if (fds[1].revents != 0)
			handle_signals();
		if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
			log_debug("%s: terminal gone", __func__);
			app_save_all();
			break;
		}
		if (fds[0].revents != 0) {
			/* readable but nothing to read, again and again:
			 * the terminal has gone without a hangup */
			if (keys_drain(loop_key) == 0) {
				if (++idle_reads > DEAD_TURNS) {
					app_save_all();
					break;
				}
			} else
				idle_reads = 0;
		}
		http_process(api_http(app.api));
		outbox_turn(&was_online);
		idle_check(time(NULL));
		if (app.busy > 0) {
			app.spin++;
			app_dirty();
		}
		if (time(NULL) / 60 != minute) {
			minute = time(NULL) / 60;
			app_dirty();
		}
	}
}
