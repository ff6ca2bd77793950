/*
 * The client's INI file: /etc/bianmin/config.ini, then
 * $XDG_CONFIG_HOME/bianmin/config.ini (default ~/.config), the second
 * overriding the first key by key. The environment and the command
 * line override both. Keys (see man/bianmin.1):
 *
 *   [general]  language = zh_CN | en    api = URL    counter = N
 *   [display]  ambiguous_width = auto | 1 | 2
 *              borders = auto | unicode | acs | ascii
 *   [printing] receipt = P    a4 = P    receipt_profile = NAME
 *              (P: file, cups:QUEUE, tcp:HOST[:PORT] or device:PATH)
 *   [session]  lock_minutes = N (0: never)
 *   [export]   folder = PATH    charset = utf-8 | gb18030
 *   [kiosk]    user = NAME    password_file = PATH (mode 0600)
 *              password = P (only in a file of mode 0600)
 *              idle_seconds = N (default 60)
 *
 * The settings screen writes the clerk's own file back (config_write),
 * key by key, keeping every other line.
 */
#ifndef TUI_CONFIG_H
#define TUI_CONFIG_H

#include "borders.h"
#include "../locale/text.h"

struct config {
	char			*language;	/* NULL when not set */
	char			*api;
	char			*counter;
	int			 ambiguous_set;
	enum text_ambiguous	 ambiguous;
	int			 borders_set;
	enum borders		 borders;
	char			*receipt;	/* [printing] */
	char			*a4;
	char			*receipt_profile;
	int			 lock_set;	/* [session] */
	double			 lock_minutes;
	char			*export_folder;	/* [export] */
	char			*export_charset;
	char			*kiosk_user;	/* [kiosk] */
	char			*kiosk_password; /* wiped by config_free */
	char			*kiosk_password_file;
	long			 kiosk_idle;	/* 0: the default */
	/* the first problem found: where, what (a msgid) and the word */
	char			*problem_at;
	const char		*problem_what;
	char			*problem_word;
};

/* Reads both files; a file that does not exist is no problem, anything
 * else wrong is noted for config_problem(). */
void	config_load(struct config *);
/* The first problem, translated, for the message line; NULL if none.
 * The caller frees it. */
char	*config_problem(const struct config *);
/* Reads one file; returns -1 when it cannot be opened. */
int	config_read(struct config *, const char *path);
void	config_free(struct config *);

/* What is in force (flags over environment over config files), kept
 * for the settings screen, which changes it and writes it back. The idle
 * lock is app.lock_minutes. */
struct settings {
	char			*receipt;	/* "file", "cups:Q", ... */
	char			*a4;
	char			*profile;	/* "": the default */
	char			*language;	/* "zh_CN" or "en" */
	enum text_ambiguous	 ambiguous;
	char			*export_folder;	/* "": the state folder */
	int			 export_gb18030;
};
extern struct settings settings;
void	settings_free(void);

/* A printer as the config and the flags write it; 1 if well formed. */
int	config_printer_ok(const char *);
/* Idle-lock minutes from text, 0 to 1440; -1 when not a number. */
double	config_parse_minutes(const char *);

/* One key for config_write. */
struct config_item {
	const char	*section;
	const char	*key;
	const char	*value;
};

/* The clerk's own config.ini ($XDG_CONFIG_HOME/bianmin/config.ini).
 * Caller frees. */
char	*config_user_path(void);

#endif
