/* The registry of screens and keys (registry.c): F1 and --keys. */
#ifndef TUI_REGISTRY_H
#define TUI_REGISTRY_H

#include <stddef.h>

struct screen_ops;

/* One line of help: a key and what it does, or a heading. */
struct help_line {
	char	*key;
	char	*label;
	int	 title;
};

/* F1 on a screen: its title and keys, the keys of every screen, and
 * what stands in for keys this terminal lacks. */
struct help_line	*registry_help(const struct screen_ops *, size_t *n);
void			 registry_help_free(struct help_line *, size_t n);

/* The whole key map, global actions first, then each screen's keys,
 * in the language in use (UTF-8): `bianmin --keys`. Caller frees. */
char		*keymap_text(void);

#endif
