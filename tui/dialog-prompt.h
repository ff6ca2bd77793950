/* A one-line prompt over the current screen (a reason, a code). */
#ifndef TUI_DIALOG_PROMPT_H
#define TUI_DIALOG_PROMPT_H

#include <stddef.h>
#include <stdint.h>

struct prompt {
	const char	*title;		/* translated */
	const char	*initial;	/* may be NULL */
	size_t		 max_chars;
	int		(*filter)(uint32_t);	/* may be NULL */
	/* Called with the text on Enter (the dialog is gone by then);
	 * not called on Esc. */
	void		(*done)(const char *text, void *arg);
	void		*arg;
};

#endif
