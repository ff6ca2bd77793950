/*
 * The evaluator (好差评 at the counter, docs/api.md 19): a second small
 * terminal facing the resident, `bianmin --evaluator --counter N`. It
 * asks the server for the counter's pending evaluation every 2 seconds;
 * when a service was finished it asks 请对本次服务进行评价, takes one
 * key 1-5, for 4 and 5 a reason, posts the rating, thanks the resident
 * and clears itself. No menu, no other screen: every key is its own,
 * and only Ctrl-Q pressed twice within 3 seconds quits.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bigtext.h"
#include "draw.h"
#include "keycodes.h"
#include "request.h"
#include "tui.h"
#include "../api/evaluations.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

#define POLL_MS		2000	/* the contract's poll */
#define ASK_MS		90000	/* no key: the resident has gone */
#define THANKS_MS	4000	/* thanks, then a clear screen */
#define QUIT_MS		3000	/* between the two Ctrl-Q */
#define GOOD_LEVELS	3	/* 1-3 need no reason */

enum { SLOT_POLL, SLOT_RATE };

enum ev_state {
	EV_IDLE,		/* nothing to rate */
	EV_ASK,			/* the five levels */
	EV_REASON,		/* 4 or 5: why */
	EV_SENDING,		/* the rating is on its way */
	EV_THANKS,		/* 感谢您的评价 */
	EV_NOTE			/* it lapsed, or could not be sent */
};

struct evaluator {
	enum ev_state		 st;
	struct pending_eval	*p;		/* the one asked about */
	long long		 dismissed;	/* asked and left unanswered */
	int			 level;		/* 0-4: keys 1-5 */
	int			 reason;	/* into p->reasons, or -1 */
	long long		 since;		/* ms: the state began */
	long long		 asked;		/* ms: the question appeared */
	long long		 next_poll;
	long long		 next_send;	/* a retry after no answer */
	long long		 quit_at;	/* the first Ctrl-Q, or 0 */
	const char		*note;		/* msgid for EV_NOTE */
};

/* The resident's side has no help screen; F1 elsewhere lists these. */
static const struct keyhelp evaluator_keys[] = {
	{ N_("1-5"), N_("Rate the service just finished"), 0 },
	{ N_("1-6"), N_("The reason, after 4 or 5"), 0 },
	{ N_("Ctrl-Q Ctrl-Q"), N_("Quit (twice within 3 seconds)"), 0 },
	{ NULL, NULL, 0 }
};

/* The levels as keys 1-5 show them. */
static const char *const level_labels[EVAL_LEVELS] = {
	N_("Very satisfied"), N_("Satisfied"), N_("Basically satisfied"),
	N_("Dissatisfied"), N_("Very dissatisfied")
};

static long long
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1000LL + ts.tv_nsec / 1000000);
}

static void
set_state(struct evaluator *e, enum ev_state st)
{
	e->st = st;
	e->since = now_ms();
	if (st == EV_IDLE || st == EV_THANKS || st == EV_NOTE) {
		request_cancel(e, SLOT_RATE);
		model_pending_eval_free(e->p);
		e->p = NULL;
	}
	app_dirty();
}

static void
evaluator_init(struct screen *s, void *arg)
{
	struct evaluator	*e = xcalloc(1, sizeof *e);

	(void)arg;
	e->reason = -1;
	s->data = e;
	set_state(e, EV_IDLE);
}

static void
evaluator_free(struct screen *s)
{
	struct evaluator	*e = s->data;

	model_pending_eval_free(e->p);
	free(e);
}

/* A pending evaluation to ask about: a new one replaces the question
 * (the resident before has gone), never one the resident is sending. */
static void
take_pending(struct evaluator *e, struct pending_eval *p)
{
	e->p = p;
	e->level = 0;
	e->reason = -1;
	e->asked = now_ms();
	log_debug("%s: pending %lld (%s)", __func__, p->id, p->occasion);
	set_state(e, EV_ASK);
}

static void
on_pending(struct api_result *r, void *arg)
{
	struct evaluator	*e = arg;
	struct pending_eval	*p = r->model;

	if (app_signed_out(r))
		return;
	if (r->status != API_OK || p == NULL) {
		/* said to nobody: the resident's screen stays calm, the
		 * next poll tries again */
		log_debug("%s: %s", __func__, r->message != NULL ?
		    r->message : "no model");
		return;
	}
	if (e->st != EV_IDLE && e->st != EV_ASK && e->st != EV_REASON)
		return;
	if (p->id == 0) {
		if (e->st != EV_IDLE)	/* lapsed, or the counter moved on */
			set_state(e, EV_IDLE);
		return;
	}
	if (p->id == e->dismissed || (e->p != NULL && e->p->id == p->id))
		return;
	r->model = NULL;
	model_pending_eval_free(e->p);
	take_pending(e, p);
}

static void
poll_pending(struct evaluator *e)
{
	struct request	*rq;

	e->next_poll = now_ms() + POLL_MS;
	rq = request_new(e, SLOT_POLL, on_pending, e);
	request_call(rq, api_eval_pending(app.api, app.evaluator,
	    request_reply, rq));
}

static void send_rating(struct evaluator *);

static void
on_rated(struct api_result *r, void *arg)
{
	struct evaluator	*e = arg;

	if (app_signed_out(r))
		return;
	if (r->status == API_OK || (r->http_status == 409 &&
	    strcmp(r->problem, "already-rated") == 0)) {
		log_debug("%s: rated", __func__);
		e->dismissed = e->p != NULL ? e->p->id : 0;
		set_state(e, EV_THANKS);
	} else if (r->status == API_ERR_NETWORK ||
	    r->status == API_ERR_SERVER) {
		/* the same key again shortly: never rated twice */
		e->next_send = now_ms() + POLL_MS;
	} else {
		log_debug("%s: %s", __func__, r->message);
		e->note = r->http_status == 404 ? N_("This evaluation has "
		    "expired.") : N_("The evaluation could not be recorded.");
		set_state(e, EV_NOTE);
	}
}

static void
send_rating(struct evaluator *e)
{
	struct request		*rq;
	const char		*reason = NULL;
	char			 what[96];

	if (e->reason >= 0 && (size_t)e->reason < e->p->nreasons)
		reason = e->p->reasons[e->reason].code;
	snprintf(what, sizeof what, "%lld %s %s", e->p->id,
	    eval_levels[e->level], reason != NULL ? reason : "");
	e->next_send = 0;
	if (e->st != EV_SENDING)
		set_state(e, EV_SENDING);
	rq = request_new(e, SLOT_RATE, on_rated, e);
	request_call(rq, api_eval_rate(app.api, e->p->id,
	    eval_levels[e->level], reason, request_key(rq, what),
	    request_reply, rq));
}

/* Runs the clock: the question, the thanks and the retries end, the
 * next poll goes. */
static long
evaluator_tick(struct screen *s)
{
	struct evaluator	*e = s->data;
	long long		 now = now_ms(), due = -1;

	if ((e->st == EV_THANKS || e->st == EV_NOTE) &&
	    now - e->since >= THANKS_MS)
		set_state(e, EV_IDLE);
	if ((e->st == EV_ASK || e->st == EV_REASON || e->st == EV_SENDING) &&
	    now - e->asked >= ASK_MS) {
		e->dismissed = e->p->id;
		e->note = e->st == EV_SENDING ? N_("The evaluation could not "
		    "be recorded.") : NULL;
		set_state(e, e->note != NULL ? EV_NOTE : EV_IDLE);
	}
	if (e->st == EV_SENDING && e->next_send > 0 && now >= e->next_send &&
	    !request_busy(e, SLOT_RATE))
		send_rating(e);
	if (e->st <= EV_REASON && now >= e->next_poll &&
	    !request_busy(e, SLOT_POLL))
		poll_pending(e);
	if (e->st <= EV_REASON)
		due = e->next_poll;
	if (e->st == EV_THANKS || e->st == EV_NOTE)
		due = e->since + THANKS_MS;
	if (e->st >= EV_ASK && e->st <= EV_SENDING && (due < 0 ||
	    e->asked + ASK_MS < due))
		due = e->asked + ASK_MS;
	if (e->st == EV_SENDING && e->next_send > 0 && e->next_send < due)
		due = e->next_send;
	return (due < 0 ? -1 : due <= now ? 0 : (long)(due - now));
}

/* Ctrl-Q twice within QUIT_MS: deliberate, never a resident's slip. */
static int
quit_key(struct evaluator *e)
{
	long long	now = now_ms();

	if (e->quit_at > 0 && now - e->quit_at <= QUIT_MS) {
		log_debug("%s: quit", __func__);
		app.quit = 1;
		return (1);
	}
	e->quit_at = now;
	return (1);
}

static int
evaluator_key(struct screen *s, int key)
{
	struct evaluator	*e = s->data;
	int			 n;

	if (key == TK_CTRL('q'))
		return (quit_key(e));
	e->quit_at = 0;
	if ((key & TK_PASTED) || key < '1' || key > '9') {
		if (e->st == EV_REASON && (key == TK_BACKSPACE ||
		    key == 0x7f || key == 0x08 || key == TK_ESC)) {
			e->since = now_ms();
			e->st = EV_ASK;
			app_dirty();
		}
		return (1);		/* every other key is nothing */
	}
	n = key - '1';
	if (e->st == EV_ASK && n < EVAL_LEVELS) {
		e->level = n;
		e->asked = now_ms();
		if (n < GOOD_LEVELS)
			send_rating(e);
		else {
			e->st = EV_REASON;
			app_dirty();
		}
	} else if (e->st == EV_REASON && (size_t)n < e->p->nreasons) {
		e->reason = n;
		send_rating(e);
	}
	return (1);
}

/* A card scanned here is nobody's business. */
static int
evaluator_scan(struct screen *s, const char *id)
{
	(void)s;
	(void)id;
	return (1);
}

/* s with a space between two Chinese characters: reads larger across
 * a counter (Latin words stay as they are). */
static char *
spaced(const char *s)
{
	char	*out = xmalloc(strlen(s) * 2 + 1), *o = out;
	int	 prev_wide = 0;

	for (; *s != '\0'; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80) {
			if (prev_wide && (unsigned char)*s >= 0x80)
				*o++ = ' ';
			prev_wide = (unsigned char)*s >= 0x80;
		}
		*o++ = *s;
	}
	*o = '\0';
	return (out);
}

/* A heading, centred: spaced out when there is room. */
static void
heading(int y, const char *s, int cols, enum style st)
{
	char	*sp = spaced(s);
	int	 w;

	if (text_width(sp) <= cols - 2) {
		w = text_width(sp);
		draw_text(y, (cols - w) / 2, sp, cols, st);
	} else {
		w = text_width(s);
		draw_text(y, w < cols ? (cols - w) / 2 : 0, s, cols, st);
	}
	free(sp);
}

static void
centred(int y, const char *s, int cols, enum style st)
{
	int	w = text_width(s);

	draw_text(y, w < cols ? (cols - w) / 2 : 0, s, cols, st);
}

/* The five levels as large digits with their names beneath, when the
 * terminal is wide and tall enough; returns the rows used, 0 if not. */
static int
levels_big(int y, int rows, int cols)
{
	char	 d[2] = "1";
	int	 slot = cols / EVAL_LEVELS, i, x;

	if (slot < bigtext_width("1", 1) + 2 || rows < BIGTEXT_ROWS + 2)
		return (0);
	for (i = 0; i < EVAL_LEVELS; i++) {
		if (text_width(_(level_labels[i])) > slot - 1)
			return (0);
	}
	for (i = 0; i < EVAL_LEVELS; i++) {
		d[0] = (char)('1' + i);
		x = i * slot + (cols - slot * EVAL_LEVELS) / 2;
		bigtext_draw(y, x + (slot - bigtext_width(d, 1)) / 2, d, 1,
		    i < GOOD_LEVELS ? STYLE_TITLE : STYLE_ERROR);
		draw_text(y + BIGTEXT_ROWS + 1, x + (slot -
		    text_width(_(level_labels[i]))) / 2, _(level_labels[i]),
		    slot, STYLE_NORMAL);
	}
	return (BIGTEXT_ROWS + 2);
}

/* Numbered lines "1  非常满意", one under the other, in a centred
 * block, a blank row between them when there is room. */
static void
numbered(int y, int rows, int cols, const char *const *labels, int n,
    int translate)
{
	char		 num[16];
	const char	*l;
	int		 i, w = 0, x, step = rows >= 2 * n - 1 ? 2 : 1;

	for (i = 0; i < n; i++) {
		l = translate ? _(labels[i]) : labels[i];
		if (text_width(l) > w)
			w = text_width(l);
	}
	x = (cols - (w + 4)) / 2 > 0 ? (cols - (w + 4)) / 2 : 0;
	for (i = 0; i < n && i * step < rows; i++) {
		l = translate ? _(labels[i]) : labels[i];
		snprintf(num, sizeof num, "%d", i + 1);
		draw_text(y + i * step, x, num, 2, STYLE_SELECTED);
		draw_text(y + i * step, x + 4, l, cols - x - 4, STYLE_TITLE);
	}
}

static void
draw_ask(struct evaluator *e, int top, int rows, int cols)
{
	const char	*hint = _("Press a number key, 1 to 5");
	int		 y = top + (rows >= 16 ? 1 : 0), left;

	heading(y, _("Please rate this service"), cols, STYLE_TITLE);
	y += rows >= 14 ? 2 : 1;
	if (rows >= 14 && e->p != NULL && *e->p->service != '\0') {
		centred(y, e->p->service, cols, STYLE_DIM);
		y += 2;
	}
	left = top + rows - 1 - y;
	if (levels_big(y, left, cols) == 0)
		numbered(y, left, cols, level_labels, EVAL_LEVELS, 1);
	centred(top + rows - 1, hint, cols, STYLE_DIM);
}

static void
draw_reason(struct evaluator *e, int top, int rows, int cols)
{
	const char	*labels[16];
	int		 n = 0, y = top + (rows >= 16 ? 1 : 0);

	while ((size_t)n < e->p->nreasons && n < 9)
		labels[n] = e->p->reasons[n].label, n++;
	heading(y, _("What was not satisfactory?"), cols, STYLE_TITLE);
	y += rows >= 14 ? 2 : 1;
	numbered(y, top + rows - 1 - y, cols, labels, n, 0);
	centred(top + rows - 1, _("Press its number; Backspace goes back"),
	    cols, STYLE_DIM);
}

static void
evaluator_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct evaluator	*e = s->data;
	char			 counter[64];
	int			 mid = top + rows / 2 - 1;

	*cy = *cx = -1;
	switch (e->st) {
	case EV_IDLE:
		snprintf(counter, sizeof counter, _("Counter %s"),
		    app.evaluator);
		heading(mid, _("Service evaluation"), cols, STYLE_TITLE);
		centred(mid + 2, counter, cols, STYLE_DIM);
		break;
	case EV_ASK:
		draw_ask(e, top, rows, cols);
		break;
	case EV_REASON:
		draw_reason(e, top, rows, cols);
		break;
	case EV_SENDING:
		heading(mid, _("Sending your evaluation"), cols, STYLE_TITLE);
		break;
	case EV_THANKS:
		heading(mid, _("Thank you for your evaluation"), cols,
		    STYLE_TITLE);
		break;
	case EV_NOTE:
		heading(mid, _(e->note), cols, STYLE_ERROR);
		break;
	}
}

const struct screen_ops screen_evaluator = {
	.name = "evaluator",
	.title = N_("Service evaluation (the resident's terminal)"),
	.init = evaluator_init,
	.free = evaluator_free,
	.key = evaluator_key,
	.draw = evaluator_draw,
	.scan = evaluator_scan,
	.tick = evaluator_tick,
	.fullscreen = 1,
	.keys = evaluator_keys,
};
