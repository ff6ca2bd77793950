/* The screen stack and the shared hooks screens call. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tui.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

struct app	app;

void
app_dirty(void)
{
	app.dirty = 1;
}

void
app_push(const struct screen_ops *ops, void *arg)
{
	struct screen	*s = xcalloc(1, sizeof *s);

	s->ops = ops;
	s->below = app.top;
	app.top = s;
	if (ops->init != NULL)
		ops->init(s, arg);
	app_dirty();
}

void
app_pop(void)
{
	struct screen	*s = app.top;

	if (s == NULL)
		return;
	app.top = s->below;
	if (s->ops->free != NULL)
		s->ops->free(s);
	free(s);
	app_dirty();
}

void
app_reset(const struct screen_ops *ops, void *arg)
{
	while (app.top != NULL)
		app_pop();
	app_push(ops, arg);
}

void
app_message(enum msg_level level, const char *fmt, ...)
{
	va_list	ap;

	free(app.message);
	app.message = NULL;
	if (fmt != NULL) {
		va_start(ap, fmt);
		if (vasprintf(&app.message, fmt, ap) == -1)
			fatal("out of memory formatting a message");
		va_end(ap);
	}
	app.message_level = level;
	app_dirty();
}

void
app_busy(int delta)
{
	struct timespec	ts;

	if (app.busy == 0 && delta > 0) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		app.busy_since = ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
	}
	app.busy += delta;
	if (app.busy < 0)
		app.busy = 0;
	app_dirty();
}

int
app_busy_shown(void)
{
	struct timespec	ts;
	long long	now;

	if (app.busy == 0)
		return (0);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
	return (now - app.busy_since >= BUSY_SHOW_MS);
}

static void
quit_confirmed(void)
{
	app.quit = 1;
}

void
app_ask_quit(void)
{
	static struct confirm	c;

	if (app.top != NULL && app.top->ops == &dialog_confirm)
		return;
	c.question = _("Quit bianmin?");
	c.yes = quit_confirmed;
	app_push(&dialog_confirm, &c);
}

void
app_session_ended(const char *why)
{
	model_session_free(app.session);
	app.session = NULL;
	api_forget(app.api);
	if (app.sender != NULL)
		sender_set_staff(app.sender, NULL);
	app_reset(&screen_login, NULL);
	app_message(MSG_ERROR, "%s", why);
}

int
app_answer(struct api_result *res)
{
	app_busy(-1);
	if (res->status == API_ERR_AUTH) {
		app_session_ended(res->message);
		return (0);
	}
	if (res->status != API_OK) {
		app_message(MSG_ERROR, "%s", res->message);
		return (0);
	}
	return (1);
}

void
app_save_all(void)
{
	struct screen	*s;

	for (s = app.top; s != NULL; s = s->below) {
		if (s->ops->save != NULL)
			s->ops->save(s);
	}
}
