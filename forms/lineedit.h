/*
 * The line editor: text as code points, a cursor index and a horizontal
 * scroll offset, with pure operations (no terminal). Limits count
 * characters; layout counts columns through text_cpwidth().
 */
#ifndef FORMS_LINEEDIT_H
#define FORMS_LINEEDIT_H

#include <stddef.h>
#include <stdint.h>

struct lineedit {
	uint32_t	*cp;		/* code points, not NUL-terminated */
	size_t		 len;
	size_t		 cap;
	size_t		 cursor;	/* 0..len, a character index */
	size_t		 scroll;	/* first character shown */
	size_t		 max_chars;	/* 0: no limit */
	int		 overwrite;
	int		 secret;	/* draw '*' for each character */
	int		 multiline;	/* newlines may be inserted */
	int		 (*filter)(uint32_t);	/* may refuse a character */
};

/* Keys the editor acts on, beyond printable characters. */
enum lineedit_op {
	LE_LEFT, LE_RIGHT, LE_HOME, LE_END, LE_BACKSPACE, LE_DELETE,
	LE_KILL_START, LE_KILL_END, LE_KILL_WORD, LE_TOGGLE_OVERWRITE
};

void	 lineedit_init(struct lineedit *, size_t max_chars);
void	 lineedit_free(struct lineedit *);
/* Replaces the text with UTF-8 s (cut at max_chars); cursor at the end. */
void	 lineedit_set(struct lineedit *, const char *s);
void	 lineedit_clear(struct lineedit *);
/* Inserts (or overwrites) one character; 0, or -1 if refused by the
 * filter, a control character, or the length limit. */
int	 lineedit_insert(struct lineedit *, uint32_t cp);
void	 lineedit_op(struct lineedit *, enum lineedit_op);
/* The text as a new UTF-8 string. Caller frees. */
char	*lineedit_text(const struct lineedit *);
/* Columns from the start of the text to the cursor. */
int	 lineedit_cursor_col(const struct lineedit *);
/* Adjusts scroll so the cursor shows in a field width columns wide;
 * returns the cursor's column within the field. */
int	 lineedit_view(struct lineedit *, int width);

#endif
