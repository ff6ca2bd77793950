/*
 * The one registry of screens and their keys: F1 shows the keys of the
 * screen on top from it and `bianmin --keys` the whole map, so neither
 * can miss a screen. A new screen adds its line to screens[];
 * test_keys_lists_every_screen_of_the_sources (tests/e2e/test_kit.py)
 * fails for a screen that is not here.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cases.h"
#include "fieldwork.h"
#include "form-ui.h"
#include "keymap.h"
#include "kiosk.h"
#include "registry.h"
#include "resident-edit.h"
#include "password.h"
#include "screen-cash.h"
#include "screen-consents.h"
#include "screen-reads.h"
#include "screen-flags.h"
#include "screen-history.h"
#include "screen-promises.h"
#include "screen-reversals.h"
#include "term.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

/* Every screen and dialog, in the order a clerk meets them. */
static const struct screen_ops *const screens[] = {
	&screen_login, &screen_home, &screen_lookup, &screen_resident,
	&screen_history, &screen_consents, &screen_reads,
	&screen_form, &screen_result, &screen_outbox, &screen_applications,
	&screen_application, &screen_application_ro, &screen_handoff,
	&screen_certificates, &screen_certificates_verify, &screen_cert_form,
	&screen_certificate, &screen_promises, &screen_catalog,
	&screen_service, &screen_import,
	&screen_queue, &screen_events, &screen_event, &screen_report_form,
	&screen_visits, &screen_household, &screen_visit_new, &screen_tasks,
	&screen_task, &screen_task_form,
	&screen_cash, &screen_reversals, &screen_today, &screen_followups,
	&screen_flags, &screen_evaluator,
	&screen_settings,
	&screen_lock, &screen_password,
	&dialog_confirm, &dialog_list, &dialog_prompt, &dialog_conflict,
	&dialog_help,
	/* the self-service terminal's (bianmin --kiosk) */
	&screen_kiosk_welcome, &screen_kiosk_code, &screen_kiosk_menu,
	&screen_kiosk_certs, &screen_kiosk_apps, &screen_kiosk_guides,
	&screen_kiosk_guide,
};

/* Keys that work on every screen but are no global action. */
static const struct keyhelp everywhere[] = {
	{ N_("Esc 1 .. Esc 0"), N_("F1 .. F10 on terminals without F-keys"),
	  0 },
	{ N_("Ctrl-U"), N_("Clear the field (a misread scan too)"), 0 },
	{ N_("ID card"), N_("Scanned: fills an ID number field, else opens "
	  "the resident"), 0 },
	{ NULL, NULL, 0 }
};

static void
add(struct help_line **v, size_t *n, const char *key, const char *label,
    int title)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].key = xstrdup(key);
	(*v)[*n].label = xstrdup(label);
	(*v)[(*n)++].title = title;
}

static void
add_keys(struct help_line **v, size_t *n, const struct keyhelp *k)
{
	for (; k != NULL && k->key != NULL; k++)
		add(v, n, _(k->key), _(k->label), 0);
}

/* The global actions as keymap.c binds them now (keys.ini included). */
static void
add_global(struct help_line **v, size_t *n)
{
	char	keys[128];
	int	i;

	for (i = 0; i < ACT_COUNT; i++) {
		keymap_keys_text((enum action)i, 0, keys, sizeof keys);
		if (*keys != '\0')
			add(v, n, keys, _(keymap_label((enum action)i)), 0);
	}
	add_keys(v, n, everywhere);
}

/* What stands in for the keys the terminal's description lacks (vt100
 * has no Home, End, PgUp or PgDn, and F-keys only as keypad codes). */
static void
add_stand_ins(struct help_line **v, size_t *n)
{
	const char	*term = getenv("TERM");
	char		 head[128];

	if (term_has("knp") && term_has("kpp") && term_has("khome") &&
	    term_has("kend") && term_has("kf10"))
		return;
	snprintf(head, sizeof head, _("On this terminal (TERM=%s)"),
	    term != NULL ? term : "");
	add(v, n, head, "", 1);
	add(v, n, _("Esc 1 .. Esc 0"), _("for F1 .. F10"), 0);
	add(v, n, _("Ctrl-B / Ctrl-F"), _("for PgUp / PgDn in a list"), 0);
	add(v, n, _("Ctrl-A / Ctrl-E"), _("for Home / End in a field"), 0);
	add(v, n, "", "", 0);
}

struct help_line *
registry_help(const struct screen_ops *ops, size_t *n)
{
	struct help_line	*v = NULL;

	*n = 0;
	add_stand_ins(&v, n);		/* first: what this terminal lacks */
	add(&v, n, _(ops->title), "", 1);
	add_keys(&v, n, ops->keys);
	add(&v, n, "", "", 0);
	add(&v, n, _("On every screen"), "", 1);
	add_global(&v, n);
	return (v);
}

void
registry_help_free(struct help_line *v, size_t n)
{
	while (n-- > 0) {
		free(v[n].key);
		free(v[n].label);
	}
	free(v);
}

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
	screen_part(&b, N_("On every screen"), everywhere);
	for (i = 0; i < sizeof screens / sizeof *screens; i++) {
		if (screens[i]->keys != NULL)
			screen_part(&b, screens[i]->title, screens[i]->keys);
		if (screens[i] == &screen_home)
			menu_part(&b);
	}
	return (buf_steal(&b));
}
