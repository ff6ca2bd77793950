/* The client's single event loop. */
#include <poll.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>

#include "draw.h"
#include "keybar.h"
#include "keymap.h"
#include "keys.h"
#include "loop.h"
#include "request.h"
#include "scan.h"
#include "statusbar.h"
#include "term.h"
#include "tui.h"
#include "watch.h"
#include "../locale/i18n.h"
#include "../util/log.h"

#define SPIN_MS		150
#define DEAD_TURNS	50
static long	tick_ms = -1;	/* the top screen's next wake-up */

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
	if (LINES > 1 && app.evaluator != NULL)
		draw_text(1, 0, _("Make it at least 30x10."), COLS,
		    STYLE_NORMAL);
	else if (LINES > 1)
		draw_text(1, 0, _("Make it at least 50x12."), COLS,
		    STYLE_NORMAL);
	curs_set(0);
}

static int
too_small(void)
{
	if (app.evaluator != NULL)
		return (COLS < EVAL_MIN_COLS || LINES < EVAL_MIN_ROWS);
	return (COLS < TUI_MIN_COLS || LINES < TUI_MIN_ROWS);
}

/* The one repaint of a turn: everything into stdscr, then doupdate(),
 * which sends only what changed. */
static void
redraw(void)
{
	int	cy = -1, cx = -1;

	app.dirty = 0;
	if (too_small()) {
		draw_too_small();
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	erase();
	if (app.top != NULL && app.top->ops->fullscreen) {
		draw_stack(app.top, 0, LINES, COLS, &cy, &cx);
		curs_set(0);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
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

/* What every screen does with Esc and F5 unless it does it itself: Esc
 * cancels what the screen waits for once the spinner says so, else goes
 * back; F5 loads again what it shows. */
static int
kit_key(struct screen *s, int key)
{
	if (key == TK_ESC) {
		if (app_busy_shown() && request_cancel(s->data, SLOT_ANY))
			app_message(MSG_INFO, "%s", _("Cancelled."));
		else if (s->below != NULL)
			app_pop();
		return (1);
	}
	if (key == TK_F(5) && s->ops->reload != NULL) {
		s->ops->reload(s);
		return (1);
	}
	return (0);
}

/* The screen first, then the kit; what they leave goes to the global
 * actions, bound in keymap.c's tables (and keys.ini), never here. */
static void
deliver(int key)
{
	struct screen	*s = app.top;

	if (locked() && keymap_action(key) != ACT_QUIT) {
		s->ops->key(s, key);	/* no global key behind the lock */
		return;
	}
	if (s != NULL && s->ops->key != NULL && s->ops->key(s, key))
		return;
	if (s != NULL && kit_key(s, key))
		return;
	keymap_run(key);
}

/* The keys the scan router gives back, to the screen. */
static void
deliver_all(const int *keys, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		deliver(keys[i]);
}

/* Every key passes the scan router first (scan.c). */
void
loop_key(int key)
{
	int	out[SCAN_OUT];

	app.last_key = time(NULL);
	deliver_all(out, scan_key(key, out));
}

/* What the scan router holds back goes to the screen now. */
static void
scan_flush_all(void)
{
	int	out[SCAN_OUT];

	deliver_all(out, scan_flush(out));
}

/* Keys held back past their time go to the screen. */
static void
scan_tick_all(void)
{
	int	out[SCAN_OUT];

	deliver_all(out, scan_tick(out));
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
			scan_flush_all();	/* digits held back are typed text */
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
 * while busy, the outbox's next retry, the waiting count's next poll
 * (30 s at most often), the idle lock, else the clock's next minute. */
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
	if ((due = queue_count_timeout_ms(now)) >= 0 && due < ms)
		ms = due;
	if ((due = scan_timeout_ms()) >= 0 && due < ms)
		ms = due;
	if (tick_ms >= 0 && tick_ms < ms)
		ms = tick_ms;
	if (app.lock_minutes > 0 && app.session != NULL && !locked()) {
		due = (long)((app.last_key + (time_t)(app.lock_minutes * 60) -
		    now) * 1000);
		if (due < ms)
			ms = due < 0 ? 0 : due;
	}
	return (ms);
}

static void
outbox_turn(int *was_online)
{
	int	online = api_online(app.api);

	outbox_ui_open();
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
	struct curl_waitfd	fds[2 + MAX_WATCH];
	struct http		*http = api_http(app.api);
	time_t			 minute = time(NULL) / 60;
	int			 idle_reads = 0, was_online = 1, nw;

	while (!app.quit) {
		app_refresh();
		if (app.dirty)
			redraw();
		fds[0].fd = STDIN_FILENO;
		fds[0].events = CURL_WAIT_POLLIN;
		fds[0].revents = 0;
		fds[1].fd = term_signal_fd();
		fds[1].events = CURL_WAIT_POLLIN;
		fds[1].revents = 0;
		nw = watch_fds(fds + 2);
		http_poll(http, fds, 2 + (unsigned)nw, (int)next_timeout());
		watch_poll(fds + 2, nw);
		if (fds[1].revents != 0)
			handle_signals();
		if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
			log_debug("%s: terminal gone", __func__);
			scan_flush_all();
			app_save_all();
			break;
		}
		if (fds[0].revents != 0) {
			/* readable but nothing to read, again and again:
			 * the terminal has gone without a hangup */
			if (keys_drain(loop_key) == 0) {
				if (++idle_reads > DEAD_TURNS) {
					scan_flush_all();
					app_save_all();
					break;
				}
			} else
				idle_reads = 0;
		}
		scan_tick_all();
		http_process(http);
		outbox_turn(&was_online);
		idle_check(time(NULL));
		queue_count_tick(time(NULL));
		tick_ms = -1;
		if (app.top != NULL && app.top->ops->tick != NULL)
			tick_ms = app.top->ops->tick(app.top);
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
