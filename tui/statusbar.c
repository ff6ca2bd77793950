/* The status bar (who, where, queue, outbox, link, clock) and the message
 * line. */
#include <stdio.h>
#include <time.h>

#include "draw.h"
#include "statusbar.h"
#include "tui.h"
#include "../locale/date.h"
#include "../locale/i18n.h"
#include "../locale/text.h"

/* The date and time in the clerk's language (2026年11月29日 09:05), or
 * only the time where the date would take more than a quarter of the
 * bar: a clock cut after its date tells the clerk nothing. */
static void
clock_text(char *out, size_t len, int cols)
{
	time_t		now = time(NULL);
	struct tm	tm;

	localtime_r(&now, &tm);
	date_format_time(out, len, &tm, i18n_lang());
	if (text_width(out) > cols / 4)
		snprintf(out, len, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

/* Who and where, as much as fits in width: the program's name goes
 * first, then the login name, then the clerk's own name, so that the
 * counter and the centre stay in sight. */
static void
who_text(char *out, size_t len, int width)
{
	struct api_session	*s = app.session;
	int			 i;

	for (i = 0; i < 4; i++) {
		snprintf(out, len, " %s%s%s%s%s%s%s %s | %s", i == 0 ?
		    _("bianmin") : "", i == 0 ? " | " : "", i < 3 ?
		    s->staff_name : "", i < 2 ? " " : "", i < 2 ?
		    s->username : "", i < 3 ? " | " : "", _("Counter"),
		    s->counter, s->centre_name);
		if (text_width(out) <= width)
			return;
	}
}

void
statusbar_draw(int y, int cols)
{
	struct api_session	*s = app.session;
	char			 clock[64], left[512], box[64], wait[64];
	int			 right, link_w, box_w, wait_w, width;

	draw_fill(y, 0, cols, STYLE_BAR);
	clock_text(clock, sizeof clock, cols);
	right = draw_text_right(y, cols - 1, clock, cols / 3, STYLE_BAR);
	link_w = draw_text_right(y, cols - right - 2,
	    api_online(app.api) ? _("Online") : _("OFFLINE"), 10,
	    api_online(app.api) ? STYLE_BAR : STYLE_KEY);
	box[0] = '\0';
	if (app.ob_failed > 0)
		snprintf(box, sizeof box, _("Outbox %d, %d refused"),
		    app.ob_pending, app.ob_failed);
	else if (app.ob_pending > 0)
		snprintf(box, sizeof box, _("Outbox %d"), app.ob_pending);
	box_w = draw_text_right(y, cols - right - link_w - 4, box, 24,
	    app.ob_failed > 0 ? STYLE_KEY : STYLE_BAR);
	wait[0] = '\0';
	if (s != NULL && app.waiting >= 0)
		snprintf(wait, sizeof wait, _("Waiting %d"), app.waiting);
	wait_w = draw_text_right(y, cols - right - link_w - box_w -
	    (box_w > 0 ? 6 : 4), wait, 16, STYLE_BAR);
	width = cols - right - link_w - box_w - wait_w - 8;
	if (s != NULL)
		who_text(left, sizeof left, width);
	else
		snprintf(left, sizeof left, " %s", _("bianmin"));
	draw_text(y, 0, left, width, STYLE_BAR);
}

void
msgline_draw(int y, int cols)
{
	static const char	spinner[] = "|/-\\";
	const char		*msg = app_message_shown();
	char			busy[256];
	int			x = 1;

	draw_fill(y, 0, cols, STYLE_NORMAL);
	if (app_busy_shown()) {
		snprintf(busy, sizeof busy, "%c %s ", spinner[app.spin % 4],
		    _("Working... Esc cancels."));
		x = draw_text(y, 1, busy, cols - 1, STYLE_TITLE) + 1;
	}
	if (msg != NULL)
		draw_text(y, x, msg, cols - x,
		    app.message_level == MSG_ERROR ? STYLE_ERROR :
		    STYLE_NORMAL);
}
