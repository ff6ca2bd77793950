/* The screen stack and the shared hooks screens call. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tui.h"
#include "../locale/i18n.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

struct app	app;

/* What else ends with a popped screen: request.c's, set at start. */
static void	(*on_pop)(struct screen *);

void
app_dirty(void)
{
	app.dirty = 1;
}

void
app_push(const struct screen_ops *ops, void *arg)
{
	struct screen	*s = xcalloc(1, sizeof *s);

	log_info("screen: push %s over %s", ops->name,
	    app.top != NULL ? app.top->ops->name : "nothing");
	s->ops = ops;
	s->below = app.top;
	s->refs = 1;
	if (ops->overlay && (s->opener = app.top) != NULL)
		s->opener->refs++;
	app.top = s;
	if (ops->init != NULL)
		ops->init(s, arg);
	app_dirty();
}

/* Frees s once neither the stack nor a dialog holds it. */
static void
screen_unref(struct screen *s)
{
	if (--s->refs == 0)
		free(s);
}

/* Nothing of a popped screen runs again: its requests are cancelled
 * before its data goes, and a dialog it opened finds it dead. */
void
app_pop(void)
{
	struct screen	*s = app.top;

	if (s == NULL)
		return;
	log_info("screen: pop %s back to %s", s->ops->name,
	    s->below != NULL ? s->below->ops->name : "nothing");
	app.top = s->below;
	if (app.message_screen == s)
		app_message(MSG_INFO, NULL);
	if (on_pop != NULL)
		on_pop(s);
	if (s->ops->free != NULL)
		s->ops->free(s);
	s->data = NULL;
	s->dead = 1;
	if (s->opener != NULL)
		screen_unref(s->opener);
	screen_unref(s);
	app_dirty();
}

void
app_on_pop(void (*fn)(struct screen *))
{
	on_pop = fn;
}

int
app_opener_alive(const struct screen *dialog)
{
	return (dialog->opener == NULL || !dialog->opener->dead);
}

void
app_changed(enum resource what, long long id)
{
	struct screen	*s;

	for (s = app.top; s != NULL; s = s->below) {
		if ((s->ops->shows_all & RES_MASK(what)) ||
		    (s->ops->shows != NULL && s->ops->shows(s, what, id))) {
			s->stale = 1;
			app_dirty();
		}
	}
}

/* The screens that show (the top one and those under overlays). */
void
app_refresh(void)
{
	struct screen	*s;

	for (s = app.top; s != NULL; s = s->ops->overlay ? s->below : NULL) {
		if (s->stale) {
			s->stale = 0;
			s->ops->reload(s);
		}
	}
}

void
app_reset(const struct screen_ops *ops, void *arg)
{
	while (app.top != NULL)
		app_pop();
	app_push(ops, arg);
}

static void
message_set(enum msg_level level, const char *fmt, va_list ap)
{
	free(app.message);
	app.message = NULL;
	app.message_screen = NULL;
	if (fmt != NULL && vasprintf(&app.message, fmt, ap) == -1)
		fatal("out of memory formatting a message");
	app.message_level = level;
	app_dirty();
}

void
app_message(enum msg_level level, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	message_set(level, fmt, ap);
	va_end(ap);
}

/* The screen in view: the top one under any dialogs over it. */
static struct screen *
in_view(void)
{
	struct screen	*s = app.top;

	while (s != NULL && s->ops->overlay && s->below != NULL)
		s = s->below;
	return (s);
}

void
app_hint(enum msg_level level, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	message_set(level, fmt, ap);
	va_end(ap);
	app.message_screen = in_view();
}

const char *
app_message_shown(void)
{
	if (app.message_screen != NULL && app.message_screen != in_view())
		return (NULL);
	return (app.message);
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

/* The top-most screen about a resident says whom. */
const struct resident *
resident_on_screen(void)
{
	struct screen	*s;

	for (s = app.top; s != NULL; s = s->below) {
		if (s->ops->resident != NULL)
			return (s->ops->resident(s));
	}
	return (NULL);
}

/* The outbox's counts for the status bar, after a change; what a
 * screen read of it is read again (app.ob_changes). */
void
app_outbox_changed(void)
{
	app.ob_changes++;
	if (app.outbox == NULL ||
	    outbox_counts(app.outbox, &app.ob_pending, &app.ob_failed, NULL)
	    != 0)
		app.ob_pending = app.ob_failed = 0;
	app_dirty();
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
app_signed_out(const struct api_result *res)
{
	if (res->status != API_ERR_AUTH)
		return (0);
	app_session_ended(res->message);
	return (1);
}

int
app_answer(struct api_result *res)
{
	if (app_signed_out(res))
		return (0);
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
