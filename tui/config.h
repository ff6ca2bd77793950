/*
 * The client's INI file: /etc/bianmin/config.ini, then
 * $XDG_CONFIG_HOME/bianmin/config.ini (default ~/.config), the second
 * overriding the first key by key. The environment and the command
 * line override both. Keys (see man/bianmin.1):
 *
 *   [general]  language = zh_CN | en    api = URL    counter = N
 *   [display]  ambiguous_width = auto | 1 | 2
 */
#ifndef TUI_CONFIG_H
#define TUI_CONFIG_H

#include "../locale/text.h"

struct config {
	char			*language;	/* NULL when not set */
	char			*api;
	char			*counter;
	int			 ambiguous_set;
	enum text_ambiguous	 ambiguous;
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

#endif
