/* A one-line prompt over the current screen (a reason, a code). */
#ifndef TUI_DIALOG_PROMPT_H
#define TUI_DIALOG_PROMPT_H

#include <stddef.h>
#include <stdint.h>

struct prompt {
	const char	*title;		/* translated */
	const char	*initial;	/* may be NULL */
	size_t		 max_chars;
	/* Enter with fewer characters asks again, saying too_short
	 * (translated; NULL: a sentence of its own). */
	size_t		 min_chars;
	const char	*too_short;
	int		(*filter)(uint32_t);	/* may be NULL */
	/* An ID number: its characters, checked (GB 11643) on Enter; a
	 * card scanned fills it and presses Enter. */
	int		 id_number;
	/* Called with the text on Enter (the dialog is gone by then, the
	 * screen that asked is still there); not called on Esc. */
	void		(*done)(const char *text, void *arg);
	void		*arg;
};

/* Opens the prompt (copied, its title and too_short too) over the
 * screen on top. */
void	prompt_ask(const struct prompt *);

#endif
