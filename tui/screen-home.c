/* The main menu: every workflow by its letter or function key. */
#include <stdio.h>
#include <stdlib.h>

#include "cases.h"
#include "draw.h"
#include "fieldwork.h"
#include "keymap.h"
#include "keys.h"
#include "list.h"
#include "screen-cash.h"
#include "screen-flags.h"
#include "screen-promises.h"
#include "screen-reversals.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

struct item {
	int			 letter;
	enum action		 action;	/* its global key, run */
	const char		*label;
	const struct screen_ops	*screen;	/* else this screen opens */
};

static void	run_logout(void);

/* Letters and keys are fixed per workflow (README, "Keys"): a clerk's
 * fingers learn them. The key column comes from keymap.c, so a key
 * rebound in keys.ini shows here as it is; a workflow with a global
 * key runs as that key does. */
static const struct item items[] = {
	{ 'r', ACT_LOOKUP, N_("Resident lookup"), NULL },
	{ 'a', ACT_APPLICATIONS, N_("Applications"), NULL },
	{ 'c', ACT_CERTIFICATES, N_("Certificates"), NULL },
	{ 's', ACT_NONE, N_("Service catalog"), &screen_catalog },
	{ 'i', ACT_NONE, N_("Import residents from a CSV file"),
	  &screen_import },
	{ 'o', ACT_OUTBOX, N_("Outbox"), NULL },
	{ 'n', ACT_QUEUE, N_("Queue"), &screen_queue },
	{ 'h', ACT_NONE, N_("Hand-off lists"), &screen_handoff },
	{ 'k', ACT_NONE, N_("Promises to check (告知承诺)"),
	  &screen_promises },
	{ 'e', ACT_NONE, N_("Grid events"), &screen_events },
	{ 'v', ACT_NONE, N_("Visits"), &screen_visits },
	{ 'g', ACT_NONE, N_("Tasks"), &screen_tasks },
	{ 'm', ACT_NONE, N_("Cash drawer (钱箱与日结)"), &screen_cash },
	{ 'w', ACT_NONE, N_("Refunds and voids waiting (退费与作废待审)"),
	  &screen_reversals },
	{ 't', ACT_NONE, N_("Today's figures"), &screen_today },
	{ 'f', ACT_NONE, N_("Follow-ups of bad ratings"), &screen_followups },
	{ 'd', ACT_NONE, N_("Data errors, deceased applicants"), &screen_flags },
	{ 'p', ACT_NONE, N_("Settings"), &screen_settings },
	{ 'l', ACT_NONE, N_("Log out"), NULL },
	{ 'x', ACT_QUIT, N_("Quit"), NULL },
};
#define NITEMS ((int)(sizeof items / sizeof *items))

int
home_item(int i, int *letter, const char **label)
{
	if (i < 0 || i >= NITEMS)
		return (0);
	*letter = items[i].letter - 'a' + 'A';
	*label = items[i].label;
	return (1);
}

static const struct keyhelp home_keys[] = {
	{ N_("F2"), N_("Resident"), 1 },
	{ N_("Up/Down"), N_("Choose"), 0 },
	{ N_("Enter"), N_("Open"), 0 },
	{ N_("a-z"), N_("Open by the letter shown"), 0 },
	{ NULL, NULL, 0 }
};

/* The queue's key (Ctrl-N) calls the next ticket; its letter only
 * opens the queue, so the letter is an item of its own. */
static void
run(const struct item *it)
{
	if (it->screen != NULL)
		app_push(it->screen, NULL);
	else if (it->action != ACT_NONE)
		keymap_do(it->action);
	else
		run_logout();
}

static void
on_logout(struct api_result *r, void *arg)
{
	(void)r;
	(void)arg;
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
home_init(struct screen *s, void *arg)
{
	struct list	*l = xcalloc(1, sizeof *l);

	(void)arg;
	list_count(l, NITEMS);
	s->data = l;
}

static void
home_free(struct screen *s)
{
	free(s->data);
}

static int
home_key(struct screen *s, int key)
{
	struct list	*l = s->data;
	int		 i;

	if (key == TK_ENTER) {
		run(&items[l->sel]);
		return (1);
	}
	if ((key == TK_DOWN || key == TK_TAB) && l->sel == NITEMS - 1)
		key = TK_HOME;		/* the menu is a ring */
	switch (list_key(l, key == TK_TAB ? TK_DOWN : key)) {
	case LIST_ABOVE:
		list_key(l, TK_END);
		/* FALLTHROUGH */
	case LIST_MOVED:
		app_dirty();
		return (1);
	default:
		break;
	}
	for (i = 0; i < NITEMS; i++) {
		if (key == items[i].letter ||
		    key == items[i].letter - 'a' + 'A') {
			run(&items[i]);
			return (1);
		}
	}
	return (0);
}

/* Where the menu does not fit with its spacing it goes without; on a
 * phone's 50x20 it scrolls, the title saying which part shows. */
static void
home_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct list	*l = s->data;
	int		 i, y = top + 1, x = 4, room, gap = 1;
	char	 line[256], key[32];

	(void)cy;
	(void)cx;
	room = rows - 3;	/* a line above the title, one under it */
	if (room < NITEMS) {
		y = top;
		gap = 0;
		room = rows - 1;
	}
	if (room < 1)
		room = 1;
	list_show(l, room);
	if (room >= NITEMS)
		draw_text(y, 2, _("Main menu"), cols - 4, STYLE_TITLE);
	else {
		snprintf(line, sizeof line, _("Main menu (%d-%d of %d)"),
		    l->top + 1, l->top + room, NITEMS);
		draw_text(y, 2, line, cols - 4, STYLE_TITLE);
	}
	y += 1 + gap;
	for (i = l->top; i < NITEMS && i < l->top + room; i++, y++) {
		keymap_keys_text(items[i].action, 1, key, sizeof key);
		snprintf(line, sizeof line, " %c  %-6s %s ",
		    items[i].letter - 'a' + 'A', key, _(items[i].label));
		draw_text(y, x, line, cols - x - 1,
		    i == l->sel ? STYLE_SELECTED : STYLE_NORMAL);
	}
	if (room - NITEMS >= 2)
		draw_text(y + 1, x, _("Scan an ID card or press F2 to find a "
		    "resident."), cols - x - 1, STYLE_DIM);
}

const struct screen_ops screen_home = {
	.name = "home",
	.title = N_("Main menu"),
	.init = home_init,
	.free = home_free,
	.key = home_key,
	.draw = home_draw,
	.keys = home_keys,
};
