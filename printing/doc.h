/*
 * The printed document: a list of elements (lines with alignment and
 * emphasis, label/value fields, paragraphs, rules, a QR code, signature and
 * seal places, feed, cut) that every renderer (ESC/POS, plain text, PDF)
 * draws in its own way. Every document carries an id, the key of the
 * print journal that makes printing happen exactly once.
 *
 * All text given to a document is UTF-8 and is cleaned on the way in:
 * control characters (C0, DEL, C1, ESC, bidi and other format characters)
 * are dropped, tabs become spaces, invalid UTF-8 becomes U+FFFD.
 */
#ifndef PRINTING_DOC_H
#define PRINTING_DOC_H

#include <stddef.h>

enum pdoc_paper {
	PDOC_ROLL,		/* a 58/80 mm receipt roll */
	PDOC_A4
};

enum pel_type {
	PEL_TEXT,		/* one line: text */
	PEL_FIELD,		/* label and value; the value wraps */
	PEL_PARA,		/* a paragraph, first line indented 2 */
	PEL_RULE,		/* a horizontal rule */
	PEL_QR,			/* text: payload; value: caption lines */
	PEL_SIGN,		/* text: label of a line to sign on */
	PEL_SEAL,		/* text: issuer; value: date; a seal over it */
	PEL_FEED,		/* n blank lines */
	PEL_CUT			/* cut the paper here */
};

enum pel_align {
	PEL_LEFT,
	PEL_CENTER,
	PEL_RIGHT
};

#define PEL_BOLD	0x1
#define PEL_DWIDTH	0x2	/* double width */
#define PEL_DHEIGHT	0x4	/* double height */
#define PEL_BIG		(PEL_BOLD|PEL_DWIDTH|PEL_DHEIGHT)
#define PEL_SMALL	0x8	/* A4 only: footnotes */
#define PEL_FOOT	0x10	/* A4 only: a small line at the page's foot,
				   below the QR code, moving nothing */

struct pel {
	enum pel_type	 type;
	enum pel_align	 align;
	int		 style;
	int		 n;		/* PEL_FEED: lines */
	char		*text;
	char		*value;
};

struct pdoc {
	char		*id;		/* [A-Za-z0-9._-], journal key */
	char		*kind;		/* "receipt", "certificate" ... */
	char		*title;		/* for the job name and the screen */
	enum pdoc_paper	 paper;
	int		 copy;		/* 0 the original, n the nth reprint */
	struct pel	*els;
	size_t		 nels;
	size_t		 cap;
};

/* A new empty document. id is cleaned to [A-Za-z0-9._-]. */
struct pdoc	*pdoc_new(const char *id, const char *kind, enum pdoc_paper,
		    const char *title);
void		 pdoc_free(struct pdoc *);

void	pdoc_text(struct pdoc *, enum pel_align, int style, const char *);
void	pdoc_textf(struct pdoc *, enum pel_align, int style, const char *,
	    ...) __attribute__((format(printf, 4, 5)));
void	pdoc_field(struct pdoc *, const char *label, const char *value);
void	pdoc_para(struct pdoc *, const char *);
void	pdoc_rule(struct pdoc *);
void	pdoc_qr(struct pdoc *, const char *payload, const char *caption);
void	pdoc_sign(struct pdoc *, const char *label);
void	pdoc_seal(struct pdoc *, const char *issuer, const char *date);
void	pdoc_feed(struct pdoc *, int lines);
void	pdoc_cut(struct pdoc *);
/* Appends a copy of an element (cleaning its text again). */
void	pdoc_add(struct pdoc *, const struct pel *);

/* Makes this the nth reprint: the copy is marked 补打 on paper. */
void	pdoc_set_copy(struct pdoc *, int copy);
/* The 补打 mark of a reprint ("补打（第1次）"), NULL for an original.
 * The caller frees it. */
char	*pdoc_reprint_mark(const struct pdoc *);

/* Returns a new string of s fit for paper: controls and format characters
 * dropped, tabs as spaces; newlines kept only if keep_newlines. */
char	*pdoc_clean(const char *s, int keep_newlines);

#endif
