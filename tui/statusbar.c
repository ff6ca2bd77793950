/* The status bar (who, where, link, clock) and the message line. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bars.h"
#include "draw.h"
#include "tui.h"
#include "../locale/date.h"
#include "../locale/i18n.h"

/* The date and time in the clerk's language (2026年11月29日 09:05). */
static void
clock_text(char *out, size_t len)
{
	time_t		now = time(NULL);
	struct tm	tm;

	localtime_r(&now, &tm);
	date_format_time(out, len, &tm, i18n_lang());
}

void
statusbar_draw(int y, int cols)
{
	struct api_session	*s = app.session;
	char			 clock[64], left[512];
	int			 right;

	draw_fill(y, 0, cols, STYLE_BAR);
	clock_text(clock, sizeof clock);
	right = draw_text_right(y, cols - 1, clock, cols / 3, STYLE_BAR);
	if (s != NULL)
		snprintf(left, sizeof left, " %s | %s %s | %s %s | %s",
		    _("bianmin"), s->staff_name, s->username, _("Counter"),
		    s->counter, s->centre_name);
	else
		snprintf(left, sizeof left, " %s", _("bianmin"));
	draw_text(y, 0, left, cols - right - 14, STYLE_BAR);
	draw_text_right(y, cols - right - 2,
	    api_online(app.api) ? _("Online") : _("OFFLINE"), 10,
	    api_online(app.api) ? STYLE_BAR : STYLE_KEY);
}

void
msgline_draw(int y, int cols)
{
	static const char	spinner[] = "|/-\\";
	char			busy[256];
	int			x = 1;

	draw_fill(y, 0, cols, STYLE_NORMAL);
	if (app.busy > 0) {
		snprintf(busy, sizeof busy, "%c %s ", spinner[app.spin % 4],
		    _("Working... Esc cancels."));
		x = draw_text(y, 1, busy, cols - 1, STYLE_TITLE) + 1;
	}
	if (app.message != NULL)
		draw_text(y, x, app.message, cols - x,
		    app.message_level == MSG_ERROR ? STYLE_ERROR :
		    STYLE_NORMAL);
}
