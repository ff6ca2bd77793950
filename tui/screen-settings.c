/* Settings: the receipt and A4 printers (a CUPS queue, a network printer,
 * a device, or files), the receipt printer's profile, the language, the
 * width of ambiguous characters, the idle lock and where exports go.
 * Saved into the clerk's config.ini, in force at once and read back at
 * the next start; a test page tries the receipt printer first. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config-write.h"
#include "config.h"
#include "cups-list.h"
#include "dialog-prompt.h"
#include "draw.h"
#include "form-ui.h"
#include "keymap.h"
#include "keys.h"
#include "list.h"
#include "print-ui.h"
#include "request.h"
#include "tui.h"
#include "../forms/lineedit-draw.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../printing/paper-util.h"
#include "../printing/papers.h"
#include "../printing/profile.h"
#include "../util/xmalloc.h"

enum field {
	S_RECEIPT,
	S_A4,
	S_PROFILE,
	S_LANGUAGE,
	S_WIDTH,
	S_LOCK,
	S_FOLDER,
	S_CHARSET,
	S_COUNT
};

struct setscr {
	char			*printer[2];	/* receipt, A4 */
	char			*profile;	/* "": the default */
	int			 english;
	int			 was_english;	/* as in force */
	enum text_ambiguous	 width;
	struct lineedit		 lock;
	struct lineedit		 folder;
	int			 gb18030;
	struct list		 l;		/* the settings, one chosen */
	int			 modified;
	int			 choosing;	/* S_RECEIPT or S_A4 */
	char			**queues;	/* CUPS's, as listed */
	int			 nqueues;
};

static const struct keyhelp setscr_keys[] = {
	{ N_("F9"), N_("Save"), 1 },
	{ N_("T"), N_("Test page"), 1 },
	{ N_("Esc"), N_("Back"), 1 },
	{ N_("Ctrl-S"), N_("Save"), 0 },
	{ N_("Up/Down"), N_("Choose a setting"), 0 },
	{ N_("Enter"), N_("Change it"), 0 },
	{ N_("Left/Right"), N_("Step through the choices"), 0 },
	{ NULL, NULL, 0 }
};

static void
setscr_init(struct screen *s, void *arg)
{
	struct setscr	*st = xcalloc(1, sizeof *st);
	char		 n[32];

	(void)arg;
	st->printer[0] = xstrdup(settings.receipt);
	st->printer[1] = xstrdup(settings.a4);
	st->profile = xstrdup(settings.profile);
	st->english = st->was_english = strcmp(settings.language, "en") == 0;
	st->width = settings.ambiguous;
	lineedit_init(&st->lock, 6);
	snprintf(n, sizeof n, "%g", app.lock_minutes);
	lineedit_set(&st->lock, n);
	lineedit_init(&st->folder, 200);
	lineedit_set(&st->folder, settings.export_folder);
	st->gb18030 = settings.export_gb18030;
	list_count(&st->l, S_COUNT);
	s->data = st;
}

static void
free_queues(struct setscr *st)
{
	while (st->nqueues > 0)
		free(st->queues[--st->nqueues]);
	free(st->queues);
	st->queues = NULL;
}

static void
setscr_free(struct screen *s)
{
	struct setscr	*st = s->data;

	free_queues(st);
	free(st->printer[0]);
	free(st->printer[1]);
	free(st->profile);
	lineedit_free(&st->lock);
	lineedit_free(&st->folder);
	list_free(&st->l);
	free(st);
}

static void
set_printer(struct setscr *st, char *value)
{
	int	i = st->choosing == S_A4;

	free(st->printer[i]);
	st->printer[i] = value;
	st->modified = 1;
	app_dirty();
}

/* A value goes into an INI line: nothing that would end it early. */
static int
ini_safe(const char *s)
{
	return (*s != '\0' && strpbrk(s, ";#\r\n") == NULL);
}

static void
typed_printer(struct setscr *st, const char *prefix, const char *text)
{
	if (!ini_safe(text)) {
		app_message(MSG_ERROR, "%s", _("Nothing was changed: the address "
		    "is empty or holds ; or #."));
		return;
	}
	set_printer(st, xasprintf("%s%s", prefix, text));
}

static void
tcp_typed(const char *text, void *arg)
{
	typed_printer(arg, "tcp:", text);
}

static void
device_typed(const char *text, void *arg)
{
	typed_printer(arg, "device:", text);
}

static void
ask(struct setscr *st, const char *title, void (*done)(const char *, void *))
{
	prompt_ask(&(struct prompt){ .title = title, .max_chars = 200,
	    .done = done, .arg = st });
}

static void
queue_chosen(int index, void *arg)
{
	struct setscr	*st = arg;

	if (index >= 0 && index < st->nqueues)
		set_printer(st, xasprintf("cups:%s", st->queues[index]));
}

static void
listed(char **names, char **infos, int n, const char *cause, void *arg)
{
	struct setscr		*st = arg;
	const char		**v;
	int			  i;

	request_done(st, 0);
	if (cause != NULL || n == 0) {
		app_message(MSG_ERROR, "%s", cause != NULL ? cause :
		    _("CUPS has no printers. Add one there, or choose a network "
		    "printer or a device."));
		return;
	}
	free_queues(st);
	st->queues = xcalloc((size_t)n + 1, sizeof *st->queues);
	v = xcalloc((size_t)n + 1, sizeof *v);
	for (i = 0; i < n; i++) {
		st->queues[st->nqueues++] = xstrdup(names[i]);
		v[i] = xasprintf("%s  %s", names[i], infos[i]);
	}
	list_ask(_("CUPS printers (the default first)"), v, n, 0,
	    queue_chosen, st);
	for (i = 0; i < n; i++)
		free((char *)v[i]);
	free(v);
}

static void
stop_listing(void *listing)
{
	cups_listing_cancel(listing);
}

static void
kind_chosen(int index, void *arg)
{
	struct setscr		*st = arg;
	struct cups_listing	*l;

	switch (index) {
	case 0:
		set_printer(st, xstrdup("file"));
		break;
	case 1:
		if ((l = cups_listing_start(listed, st)) == NULL)
			app_message(MSG_ERROR, "%s", _("CUPS cannot be asked "
			    "now: too many things are running. Try again."));
		else
			request_wait(st, 0, stop_listing, l);
		break;
	case 2:
		ask(st, _("The printer's address: HOST or HOST:PORT (9100 if "
		    "none)"), tcp_typed);
		break;
	default:
		ask(st, _("The device, for example /dev/usb/lp0"),
		    device_typed);
		break;
	}
}

static void
choose_printer(struct setscr *st, int which)
{
	const char	*v[4];

	v[0] = _("Files in the prints folder (no printer)");
	v[1] = _("A CUPS printer...");
	v[2] = _("A network printer (raw, port 9100)...");
	v[3] = _("A printer device...");
	st->choosing = which;
	list_ask(which == S_A4 ? _("Where A4 documents print") :
	    _("Where receipts print"), v, 4, 0, kind_chosen, st);
}

/* The profiles there are, "" (the default) first. */
static void
step_profile(struct setscr *st, int d)
{
	const struct pprofile	*p;
	int			 n = 0, at = -1, next;

	while ((p = profile_at(n)) != NULL) {
		if (strcmp(p->name, st->profile) == 0)
			at = n;
		n++;
	}
	next = (at + 1 + d + n + 1) % (n + 1) - 1;
	free(st->profile);
	st->profile = xstrdup(next < 0 ? "" : profile_at(next)->name);
}

static void
step(struct setscr *st, int d)
{
	switch (st->l.sel) {
	case S_PROFILE:
		step_profile(st, d);
		break;
	case S_LANGUAGE:
		st->english = !st->english;
		break;
	case S_WIDTH:
		st->width = (enum text_ambiguous)((st->width + 3 + d) % 3);
		break;
	case S_CHARSET:
		st->gb18030 = !st->gb18030;
		break;
	default:
		return;
	}
	st->modified = 1;
}

static const char *
width_word(enum text_ambiguous w)
{
	return (w == TEXT_AMBIGUOUS_NARROW ? "1" : w == TEXT_AMBIGUOUS_WIDE ?
	    "2" : "auto");
}

/* Puts the saved settings in force now, as the next start will. */
static void
apply(struct setscr *st, double minutes, const char *folder)
{
	struct print_setup	ps;
	char			*old[3];

	old[0] = settings.receipt;
	old[1] = settings.a4;
	old[2] = settings.profile;
	settings.receipt = xstrdup(st->printer[0]);
	settings.a4 = xstrdup(st->printer[1]);
	settings.profile = xstrdup(st->profile);
	ps.receipt = settings.receipt;
	ps.a4 = settings.a4;
	ps.profile = *settings.profile != '\0' ? settings.profile : NULL;
	print_ui_retarget(&ps);
	free(old[0]);
	free(old[1]);
	free(old[2]);
	free(settings.language);
	settings.language = xstrdup(st->english ? "en" : "zh_CN");
	i18n_init(settings.language);
	settings.ambiguous = st->width;
	text_set_ambiguous(st->width);
	clearok(curscr, TRUE);	/* widths may have changed: all again */
	app.lock_minutes = minutes;
	free(settings.export_folder);
	settings.export_folder = xstrdup(folder);
	settings.export_gb18030 = st->gb18030;
}

static int
check(struct setscr *st, char *lock, char *folder, double *minutes)
{
	if ((*minutes = config_parse_minutes(lock)) < 0) {
		app_message(MSG_ERROR, "%s", _("The idle lock is a number of "
		    "minutes from 0 (never) to 1440."));
		list_select(&st->l, S_LOCK);
		return (-1);
	}
	if (*folder != '\0' && (!ini_safe(folder) || *folder != '/')) {
		app_message(MSG_ERROR, "%s", _("The export folder is a full "
		    "path (starting with /) without ; or #, or empty for the "
		    "state folder."));
		list_select(&st->l, S_FOLDER);
		return (-1);
	}
	return (0);
}

static void
save(struct setscr *st)
{
	struct config_item	 it[9];
	char			*lock = lineedit_text(&st->lock);
	char			*folder = lineedit_text(&st->folder);
	char			*path = config_user_path(), *cause = NULL;
	double			 minutes;
	size_t			 n = 7;

	if (check(st, lock, folder, &minutes) == 0) {
		it[0] = (struct config_item){ "display", "ambiguous_width",
		    width_word(st->width) };
		it[1] = (struct config_item){ "printing", "receipt",
		    st->printer[0] };
		it[2] = (struct config_item){ "printing", "a4", st->printer[1] };
		it[3] = (struct config_item){ "printing", "receipt_profile",
		    st->profile };
		it[4] = (struct config_item){ "session", "lock_minutes", lock };
		it[5] = (struct config_item){ "export", "folder", folder };
		it[6] = (struct config_item){ "export", "charset",
		    st->gb18030 ? "gb18030" : "utf-8" };
		/* the language is pinned only when chosen here: else the
		 * next start follows LANG, as it did */
		if (st->english != st->was_english)
			it[n++] = (struct config_item){ "general", "language",
			    st->english ? "en" : "zh_CN" };
		if (config_write(path, it, n, &cause) != 0) {
			app_message(MSG_ERROR, "%s", cause);
			free(cause);
		} else {
			apply(st, minutes, folder);
			st->modified = 0;
			st->was_english = st->english;
			app_message(MSG_INFO, _("Saved in %s: in force now and at "
			    "every start."), path);
		}
	}
	free(path);
	free(lock);
	free(folder);
}

/* A test page on the receipt printer as it stands on the screen, saved
 * or not: the way to try a printer before keeping it. */
static void
test_page(struct setscr *st)
{
	struct print_setup	 ps, now;
	const struct pprofile	*p;
	struct pdoc		*d;

	ps.receipt = st->printer[0];
	ps.a4 = st->printer[1];
	ps.profile = *st->profile != '\0' ? st->profile : NULL;
	now.receipt = settings.receipt;
	now.a4 = settings.a4;
	now.profile = *settings.profile != '\0' ? settings.profile : NULL;
	if ((p = ps.profile != NULL ? profile_find(ps.profile) : NULL) == NULL)
		p = profile_default();
	d = paper_test_page(st->printer[0], p->columns, time(NULL));
	if (print_ui_retarget(&ps) == 0)
		print_ui_document(d, 0);	/* the child takes the target */
	print_ui_retarget(&now);
	pdoc_free(d);
}

static void
leave(void *arg)
{
	(void)arg;
	app_pop();
}

static void
back(struct setscr *st)
{
	if (app_busy_shown() && request_cancel(st, 0))
		app_message(MSG_INFO, "%s", _("Cancelled."));
	else if (!st->modified)
		app_pop();
	else
		confirm_ask(_("Leave without saving the settings?"), leave,
		    st);
}

static int
edit_key(struct setscr *st, int key)
{
	struct lineedit	*le = st->l.sel == S_LOCK ? &st->lock : &st->folder;

	if (key == TK_ENTER) {
		list_key(&st->l, TK_DOWN);
		return (1);
	}
	if (!keys_edit(le, key))
		return (0);
	st->modified = 1;
	return (1);
}

static int
field_key(struct setscr *st, int key)
{
	if (st->l.sel == S_LOCK || st->l.sel == S_FOLDER)
		return (edit_key(st, key));
	switch (key) {
	case TK_ENTER:
	case ' ':
		if (st->l.sel == S_RECEIPT || st->l.sel == S_A4)
			choose_printer(st, st->l.sel);
		else
			step(st, 1);
		return (1);
	case TK_LEFT:
	case TK_RIGHT:
		step(st, key == TK_LEFT ? -1 : 1);
		return (1);
	case 't':
	case 'T':
		test_page(st);
		return (1);
	}
	return (0);
}

static int
setscr_key(struct screen *s, int key)
{
	struct setscr	*st = s->data;

	switch (key) {
	case TK_ESC:
		back(st);
		return (1);
	case TK_F(9):
	case TK_CTRL('s'):
		save(st);
		return (1);
	case TK_TAB:
	case TK_BTAB:
		list_select(&st->l, (st->l.sel + (key == TK_TAB ? 1 :
		    S_COUNT - 1)) % S_COUNT);
		break;
	default:
		/* the fields' keys first: Home and End edit a text */
		if (!field_key(st, key) && list_key(&st->l, key) == LIST_UNUSED)
			return (0);
	}
	app_dirty();
	return (1);
}

static const char *
label(int f)
{
	switch (f) {
	case S_RECEIPT:
		return (_("Receipt printer"));
	case S_A4:
		return (_("A4 printer"));
	case S_PROFILE:
		return (_("Receipt profile"));
	case S_LANGUAGE:
		return (_("Language"));
	case S_WIDTH:
		return (_("Ambiguous width"));
	case S_LOCK:
		return (_("Idle lock (minutes)"));
	case S_FOLDER:
		return (_("Export folder"));
	default:
		return (_("Export charset"));
	}
}

static const char *
value(struct setscr *st, int f, char *buf, size_t len)
{
	switch (f) {
	case S_RECEIPT:
	case S_A4:
		if (strcmp(st->printer[f == S_A4], "file") == 0)
			return (_("file (the prints folder)"));
		return (st->printer[f == S_A4]);
	case S_PROFILE:
		return (*st->profile != '\0' ? st->profile :
		    _("the default (80 mm, GB18030)"));
	case S_LANGUAGE:
		return (st->english ? "English (en)" : "中文 (zh_CN)");
	case S_WIDTH:
		return (st->width == TEXT_AMBIGUOUS_NARROW ? _("1 column") :
		    st->width == TEXT_AMBIGUOUS_WIDE ? _("2 columns") :
		    _("auto (as the locale says)"));
	case S_CHARSET:
		return (st->gb18030 ? "GB18030" : _("UTF-8 with a BOM"));
	}
	snprintf(buf, len, "-");
	return (buf);
}

/* Where keys are rebound: the keymap file, and how to list them. */
static void
draw_keymap_note(int y, int cols)
{
	char	*path = keymap_user_path();

	draw_text(y, 2, _("Keys are rebound in the [global] section of:"),
	    cols - 4, STYLE_DIM);
	draw_text(y + 1, 4, path, cols - 6, STYLE_DIM);
	draw_text(y + 2, 2, _("bianmin --keys lists every key."), cols - 4,
	    STYLE_DIM);
	free(path);
}

static void
setscr_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct setscr	*st = s->data;
	char		 buf[16];
	int		 f, lw = 0, y = top + 2, c;

	(void)rows;
	*cy = *cx = -1;
	draw_text(top, 1, _("Settings"), cols - 2, STYLE_TITLE);
	draw_hline(top + 1, 0, cols);
	for (f = 0; f < S_COUNT; f++)
		lw = text_width(label(f)) > lw ? text_width(label(f)) : lw;
	for (f = 0; f < S_COUNT; f++, y++) {
		draw_text(y, 2, label(f), lw, STYLE_LABEL);
		if (f == S_LOCK || f == S_FOLDER) {
			c = lineedit_draw(stdscr, f == S_LOCK ? &st->lock :
			    &st->folder, y, 4 + lw, cols - lw - 6,
			    draw_attr(STYLE_FIELD));
			if (st->l.sel == f) {
				*cy = y;
				*cx = c;
			}
			continue;
		}
		draw_cell(y, 4 + lw, value(st, f, buf, sizeof buf),
		    cols - lw - 6, st->l.sel == f ? STYLE_SELECTED :
		    STYLE_NORMAL);
	}
	draw_text(y + 1, 2, st->l.sel == S_FOLDER && st->folder.len == 0 ?
	    _("Empty: exports go to the state folder's exports/.") :
	    _("Enter changes the setting; F9 saves it into config.ini."),
	    cols - 4, STYLE_DIM);
	draw_keymap_note(y + 3, cols);
}

const struct screen_ops screen_settings = {
	.name = "settings",
	.title = N_("Settings"),
	.init = setscr_init,
	.free = setscr_free,
	.key = setscr_key,
	.draw = setscr_draw,
	.keys = setscr_keys,
};
