/*
 * The shell's global actions, bound by three tables (STYLE.md point 6):
 * action name <-> id, default keys -> id, id -> handler. A keymap file,
 * /etc/bianmin/keys.ini then $XDG_CONFIG_HOME/bianmin/keys.ini, rebinds
 * them by name:
 *
 *	[global]
 *	quit = F12, Ctrl-Q	; replaces every default key of the action
 *	queue = none		; no key at all
 *
 * Keys are F1 .. F12 and Ctrl-A .. Ctrl-Z (not Ctrl-H, I, J or M, which
 * are Backspace, Tab and Enter). Help, the key bar, the main menu and
 * `bianmin --keys` are generated from the same tables.
 */
#ifndef TUI_KEYMAP_H
#define TUI_KEYMAP_H

#include <stddef.h>

enum action {
	ACT_NONE = -1,
	ACT_HELP,
	ACT_QUIT,
	ACT_LOOKUP,
	ACT_TXCODE,
	ACT_OUTBOX,
	ACT_QUEUE,
	ACT_APPLICATIONS,
	ACT_CERTIFICATES,
	ACT_HOME,
	ACT_COUNT
};

/* Back to the defaults, then the two keymap files; a problem is noted
 * for keymap_problem(). */
void		 keymap_load(void);
/* The clerk's own keymap file (which need not exist). Caller frees. */
char		*keymap_user_path(void);
/* Reads one keymap file over what is bound; -1 if it cannot be opened. */
int		 keymap_read(const char *path);
/* The first problem of the files, translated, for the message line;
 * NULL if none. The caller frees it. */
char		*keymap_problem(void);
void		 keymap_free(void);

/* The action bound to key, or ACT_NONE. */
enum action	 keymap_action(int key);
/* Runs the action bound to key; 1 if there was one. */
int		 keymap_run(int key);
/* Runs an action as its key would. */
void		 keymap_do(enum action);
/* An action's name in keymap files ("quit"), or NULL. */
const char	*keymap_name(enum action);
/* What an action does, a msgid. */
const char	*keymap_label(enum action);
/* The keys bound to an action as text ("F10 / Ctrl-Q"), "" if none;
 * first_only for the key bar and the menu. */
void		 keymap_keys_text(enum action, int first_only, char *out,
		    size_t len);
/* A key by its name in a keymap file ("F10", "Ctrl-Q"); -1 if it is
 * not one that may be bound. */
int		 keymap_parse_key(const char *name);

#endif
