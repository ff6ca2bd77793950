/* Writing the settings back to the config file (config-write.c). */
#ifndef TUI_CONFIG_WRITE_H
#define TUI_CONFIG_WRITE_H

#include "config.h"

/* Sets the items in the file at path (made with its folder if missing),
 * keeping every other line and comment, and writes it atomically with
 * mode 0600. 0, or -1 with *cause (translated; caller frees). */
int	config_write(const char *path, const struct config_item *, size_t n,
	    char **cause);

#endif
