/* Display names for the codes the server sends (sex, tags). */
#ifndef TUI_LABELS_H
#define TUI_LABELS_H

#include <stddef.h>

/* An ID number no resident of the clerk's communities has: F2 and F4
 * say it alike, F4 adding that another centre registered it (which the
 * search cannot tell: it never shows another centre's residents). */
const char	*label_not_here(int registered);

/* A server code and the message that names it. */
struct code_label {
	const char	*code;
	const char	*msgid;
};

/* The translated name of code in t (ended by a NULL code); an unknown
 * code comes back as it is. */
const char	*label_lookup(const struct code_label *t, const char *code);

/* Translated; unknown codes come back as they are. */
const char	*label_sex(const char *sex);
const char	*label_tag(const char *tag);
/* 1 when the server's English names are to be shown (name_en, ...). */
int		 label_english(void);
/* "20 working days", "on the spot"; "free", "12.50 yuan". */
void		 label_days(char *buf, size_t size, int days);
void		 label_fee(char *buf, size_t size, long long fen);

#endif
