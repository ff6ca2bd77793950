/* `bianmin --keys`: the whole key map, generated from the global
 * tables and each screen's key help, never written by hand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form-ui.h"
#include "keymap.h"
#include "password.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

/* Every screen and dialog with keys, in the order a clerk meets them.
 * A new screen adds its line here. */
static const struct {
	const struct screen_ops	*ops;
	const char		*title;
} screens[] = {
	{ &screen_login, N_("Log in") },
	{ &screen_password, N_("Choose your own password") },
	{ &screen_home, N_("Main menu") },
	{ &screen_lookup, N_("Resident lookup") },
	{ &screen_resident, N_("Resident") },
	{ &screen_form, N_("Application form") },
	{ &screen_result, N_("Application taken.") },
	{ &screen_outbox, N_("The outbox") },
	{ &screen_queue, N_("Queue") },
	{ &screen_events, N_("Grid events") },
	{ &screen_event, N_("Grid event") },
	{ &screen_event_new, N_("Report a grid event") },
	{ &screen_today, N_("Today's figures") },
	{ &screen_settings, N_("Settings") },
	{ &screen_lock, N_("Locked") },
	{ &dialog_drafts, N_("Forms kept from before") },
	{ &dialog_confirm, N_("A question") },
	{ &dialog_choose, N_("Choosing from a list") },
	{ &dialog_list, N_("Choosing from a list") },
	{ &dialog_prompt, N_("Typing a line") },
};

/* s, then blanks up to width display columns, then two more. */
static void
padded(struct buf *b, const char *s, int width)
{
	int	w = text_width(s);

	buf_adds(b, s);
	for (; w < width + 2; w++)
		buf_adds(b, " ");
}

static void
global_part(struct buf *b)
{
	char	keys[128];
	int	i, kw = 0, nw = 0, w;

	for (i = 0; i < ACT_COUNT; i++) {
		keymap_keys_text((enum action)i, 0, keys, sizeof keys);
		if ((w = text_width(keys)) > kw)
			kw = w;
		if ((w = text_width(keymap_name((enum action)i))) > nw)
			nw = w;
	}
	buf_printf(b, "%s\n", _("Global keys (keys.ini, section [global]):"));
	for (i = 0; i < ACT_COUNT; i++) {
		keymap_keys_text((enum action)i, 0, keys, sizeof keys);
		buf_adds(b, "  ");
		padded(b, keymap_name((enum action)i), nw);
		padded(b, *keys != '\0' ? keys : _("(none)"), kw);
		buf_printf(b, "%s\n", _(keymap_label((enum action)i)));
	}
	buf_printf(b, "  %s  %s\n", _("Esc 1 .. Esc 0"),
	    _("F1 .. F10 on terminals without F-keys"));
}

static void
screen_part(struct buf *b, const char *title, const struct keyhelp *k)
{
	const struct keyhelp	*p;
	int			 kw = 0, w;

	for (p = k; p->key != NULL; p++) {
		if ((w = text_width(_(p->key))) > kw)
			kw = w;
	}
	buf_printf(b, "\n%s:\n", _(title));
	for (p = k; p->key != NULL; p++) {
		buf_adds(b, "  ");
		padded(b, _(p->key), kw);
		buf_printf(b, "%s\n", _(p->label));
	}
}

/* The main menu's letters, each with its workflow. */
static void
menu_part(struct buf *b)
{
	const char	*label;
	int		 i, letter;

	buf_printf(b, "\n%s:\n", _("Main menu letters"));
	for (i = 0; home_item(i, &letter, &label); i++)
		buf_printf(b, "  %c  %s\n", letter, _(label));
}

char *
keymap_text(void)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	global_part(&b);
	for (i = 0; i < sizeof screens / sizeof *screens; i++) {
		if (screens[i].ops->keys != NULL)
			screen_part(&b, screens[i].title, screens[i].ops->keys);
		if (screens[i].ops == &screen_home)
			menu_part(&b);
	}
	return (buf_steal(&b));
}
