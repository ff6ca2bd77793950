/* The main menu: every workflow by its letter or function key. */
#include <stdio.h>
#include <stdlib.h>

#include "draw.h"
#include "keymap.h"
#include "keys.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../locale/text.h"

struct item {
	int		 letter;
	enum action	 action;	/* its global key, shown beside it */
	const char	*label;
	void		(*run)(void);
};

static void	run_lookup(void);
static void	run_catalog(void);
static void	run_outbox(void);
static void	run_queue(void);
static void	run_logout(void);
static void	run_quit(void);

/* Letters and keys are fixed per workflow (README, "Keys"): a clerk's
 * fingers learn them. The key column comes from keymap.c, so a key
 * rebound in keys.ini shows here as it is. */
static const struct item items[] = {
	{ 'r', ACT_LOOKUP, N_("Resident lookup"), run_lookup },
	{ 's', ACT_NONE, N_("Service catalog"), run_catalog },
	{ 'o', ACT_OUTBOX, N_("Outbox"), run_outbox },
	{ 'n', ACT_QUEUE, N_("Queue"), run_queue },
	{ 'l', ACT_NONE, N_("Log out"), run_logout },
	{ 'x', ACT_QUIT, N_("Quit"), run_quit },
};
#define NITEMS ((int)(sizeof items / sizeof *items))

static const struct keyhelp home_keys[] = {
	{ N_("F2"), N_("Resident"), 1 },
	{ N_("Up/Down"), N_("Choose"), 0 },
	{ N_("Enter"), N_("Open"), 0 },
	{ N_("a-z"), N_("Open by the letter shown"), 0 },
	{ NULL, NULL, 0 }
};

static void
run_lookup(void)
{
	app_push(&screen_lookup, NULL);
}

static void
on_logout(struct api_result *r, void *arg)
{
	(void)r;
	(void)arg;
}

static void
run_catalog(void)
{
	app_push(&screen_catalog, NULL);
}

static void
run_outbox(void)
{
	app_push(&screen_outbox, NULL);
}

static void
run_queue(void)
{
	app_push(&screen_queue, NULL);
}

static void
run_logout(void)
{
	/* The server forgets the token; the reply does not matter here. */
	api_logout(app.api, on_logout, NULL);
	app_session_ended(_("Logged out."));
	app_message(MSG_INFO, "%s", _("Logged out."));
}

static void
run_quit(void)
{
	app_ask_quit();
}

static void
home_init(struct screen *s, void *arg)
{
	(void)arg;
	s->data = calloc(1, sizeof(int));
}

static void
home_free(struct screen *s)
{
	free(s->data);
}

static int
home_key(struct screen *s, int key)
{
	int	*sel = s->data, i;

	switch (key) {
	case TK_UP:
		*sel = (*sel + NITEMS - 1) % NITEMS;
		break;
	case TK_DOWN:
	case TK_TAB:
		*sel = (*sel + 1) % NITEMS;
		break;
	case TK_ENTER:
		items[*sel].run();
		return (1);
	default:
		for (i = 0; i < NITEMS; i++) {
			if (key == items[i].letter ||
			    key == items[i].letter - 'a' + 'A') {
				items[i].run();
				return (1);
			}
		}
		return (0);
	}
	app_dirty();
	return (1);
}

static void
home_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	int	*sel = s->data, i, y = top + 1, x = 4;
	char	 line[256], key[32];

	(void)rows;
	(void)cy;
	(void)cx;
	draw_text(y, 2, _("Main menu"), cols - 4, STYLE_TITLE);
	y += 2;
	for (i = 0; i < NITEMS; i++, y++) {
		keymap_keys_text(items[i].action, 1, key, sizeof key);
		snprintf(line, sizeof line, " %c  %-6s %s ",
		    items[i].letter - 'a' + 'A', key, _(items[i].label));
		draw_text(y, x, line, cols - x - 1,
		    i == *sel ? STYLE_SELECTED : STYLE_NORMAL);
	}
	y++;
	draw_text(y, x, _("Scan an ID card or press F2 to find a resident."),
	    cols - x - 1, STYLE_DIM);
}

const struct screen_ops screen_home = {
	.name = "home",
	.init = home_init,
	.free = home_free,
	.key = home_key,
	.draw = home_draw,
	.keys = home_keys,
};
