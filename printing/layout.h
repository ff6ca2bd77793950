/*
 * Lays a document out on a roll of paper, in columns of the printer's
 * font. On paper the width of text is its width in the GB encodings: an
 * ASCII character takes one column and every other character two, even
 * one that a terminal draws narrow (·, —). Long values wrap at character
 * boundaries; nothing is cut in half; a line never begins with closing
 * punctuation when it can be helped.
 */
#ifndef PRINTING_LAYOUT_H
#define PRINTING_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"

enum pline_kind {
	PLINE_TEXT,
	PLINE_QR,		/* text: payload */
	PLINE_FEED,		/* n blank lines */
	PLINE_CUT
};

struct pline {
	enum pline_kind	 kind;
	enum pel_align	 align;
	int		 style;
	int		 n;
	char		*text;
};

struct playout {
	int		 cols;
	struct pline	*lines;
	size_t		 n;
	size_t		 cap;
};

/* Columns of one code point and of a UTF-8 string, on paper. */
int	playout_cpwidth(uint32_t);
int	playout_width(const char *);
/* Wraps s into lines of at most width columns (first may differ).
 * Returns the number of lines; *out is an array of new strings. */
size_t	playout_wrap(const char *s, int first, int width, char ***out);

/* Lays the document out on cols columns; the caller frees the result. */
struct playout	*playout_new(const struct pdoc *, int cols);
void		 playout_free(struct playout *);

#endif
