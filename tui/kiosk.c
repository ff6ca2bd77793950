/* The self-service terminal's session, visit, idle reset and frame. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "draw.h"
#include "kiosk.h"
#include "kiosk-setup.h"
#include "print-ui.h"
#include "request.h"
#include "../api/client.h"
#include "../api/http.h"
#include "../api/kiosk.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

#define KIOSK_RETRY_S	15
#define KIOSK_END_MS	2000	/* the visit's end at exit, at most */
#define SLOT_LOGIN	0
#define SLOT_VISIT	1

struct kiosk	kiosk;

void
kiosk_wipe(char *s)
{
	if (s != NULL)
		explicit_bzero(s, strlen(s));
	free(s);
}

static void login(void);

static void
on_login(struct api_result *r, void *arg)
{
	struct kiosk_login	*k = r->model;

	(void)arg;
	app_dirty();
	free(kiosk.offline);
	kiosk.offline = NULL;
	if (r->status != API_OK) {
		kiosk.offline = xstrdup(r->message);
		kiosk.retry_at = time(NULL) + KIOSK_RETRY_S;
		log_info("kiosk: login refused: %s", r->message);
		return;
	}
	kiosk.online = 1;
	log_info("kiosk: %s at %s", k->name, k->centre);
}

static void
login(void)
{
	struct request	*rq;

	kiosk.online = 0;
	rq = request_background(SLOT_LOGIN, on_login, NULL);
	request_call(rq, api_kiosk_login(app.api, kiosk.user, kiosk.password,
	    request_reply, rq));
}

void
kiosk_begin(const char *user, char *password, int idle_seconds)
{
	kiosk.user = xstrdup(user);
	kiosk.password = password;
	kiosk.idle = idle_seconds;
	kiosk.last_act = time(NULL);
	app.lock_minutes = 0;	/* the idle reset instead */
	print_ui_public(1);
	app_push(&screen_kiosk_welcome, NULL);
	login();
}

static void
on_visit_ended(struct api_result *r, void *arg)
{
	(void)r;
	(void)arg;
}

/* The visit ends on the server too; the Kiosk-Visit header is forgotten
 * at once, whatever the answer. */
static void
end_visit(void)
{
	struct request	*rq;

	if (!kiosk.visiting)
		return;
	kiosk.visiting = 0;
	rq = request_background(SLOT_VISIT, on_visit_ended, NULL);
	request_call(rq, api_kiosk_end_visit(app.api, request_reply, rq));
}

/* Runs the transfers until none is left or the moment is over. */
static void
drain(int ms)
{
	struct http	*h = api_http(app.api);
	struct timespec	 t0, t;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (http_pending(h) > 0) {
		clock_gettime(CLOCK_MONOTONIC, &t);
		if ((t.tv_sec - t0.tv_sec) * 1000 +
		    (t.tv_nsec - t0.tv_nsec) / 1000000 >= ms)
			break;
		http_poll(h, NULL, 0, 100);
		http_process(h);
	}
}

void
kiosk_end(void)
{
	end_visit();
	drain(KIOSK_END_MS);
	kiosk_wipe(kiosk.visitor);
	kiosk_wipe(kiosk.password);
	free(kiosk.user);
	free(kiosk.offline);
	memset(&kiosk, 0, sizeof kiosk);
}

void
kiosk_reset(void)
{
	end_visit();
	kiosk_wipe(kiosk.visitor);
	kiosk.visitor = NULL;
	kiosk.touched = 0;
	app_message(MSG_INFO, NULL);
	app_reset(&screen_kiosk_welcome, NULL);
	clearok(curscr, TRUE);	/* nothing of the visit left on the glass */
	app_dirty();
}

void
kiosk_auth_lost(void)
{
	kiosk.visiting = 0;	/* the server has ended it */
	kiosk_reset();
	login();
}

int
kiosk_answer(struct api_result *r)
{
	app_dirty();
	if (r->status == API_ERR_AUTH) {
		kiosk_auth_lost();
		return (0);
	}
	if (r->status != API_OK) {
		app_message(MSG_ERROR, "%s", r->message);
		return (0);
	}
	return (1);
}

long
kiosk_tick(struct screen *s)
{
	time_t	now = time(NULL), due;

	(void)s;
	if (!kiosk.online && kiosk.offline != NULL && now >= kiosk.retry_at &&
	    !request_busy(NULL, SLOT_LOGIN))
		login();
	if (!kiosk.touched && app.top->ops == &screen_kiosk_welcome)
		return (kiosk.online ? -1 : KIOSK_RETRY_S * 1000L);
	due = kiosk.last_act + kiosk.idle;
	if (now >= due) {
		log_debug("kiosk: %d s without a key, reset", kiosk.idle);
		kiosk_reset();
		return (-1);
	}
	return ((long)(due - now) * 1000L);
}

int
kiosk_key(int key)
{
	if (!kiosk_key_allowed(key))
		return (0);
	kiosk.touched = 1;
	kiosk.last_act = time(NULL);
	app_message(MSG_INFO, NULL);
	app_dirty();
	return (1);
}

int
kiosk_scan_ignored(struct screen *s, const char *id)
{
	(void)s;
	(void)id;
	return (1);
}

void
kiosk_line(int y, int cols, const char *s, int centre, enum style st)
{
	int	w = text_width(s), x = 2;

	if (centre && w < cols)
		x = (cols - w) / 2;
	attron(A_BOLD);
	draw_text(y, x, s, cols - x - 1, st);
	attroff(A_BOLD);
}

int
kiosk_para(int y, int cols, const char *s, int maxrows)
{
	int	n;

	attron(A_BOLD);
	n = draw_wrap(y, 2, s, cols - 4, maxrows, STYLE_NORMAL);
	attroff(A_BOLD);
	return (n);
}

int
kiosk_frame(int rows, int cols, const char *title, const char *keys)
{
	const char	*msg = app_message_shown();

	draw_fill(0, 0, cols, STYLE_BAR);
	kiosk_line(0, cols, title, 1, STYLE_BAR);
	draw_hline(1, 0, cols);
	if (msg != NULL)
		kiosk_line(rows - 3, cols, msg, 0, app.message_level ==
		    MSG_ERROR ? STYLE_ERROR : STYLE_NORMAL);
	draw_hline(rows - 2, 0, cols);
	kiosk_line(rows - 1, cols, keys, 0, STYLE_NORMAL);
	return (3);
}

const char *
kiosk_printer_problem(void)
{
	return (print_ui_problem(0));
}
