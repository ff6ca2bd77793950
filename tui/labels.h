/* Display names for the codes the server sends (sex, tags). */
#ifndef TUI_LABELS_H
#define TUI_LABELS_H

/* Translated; unknown codes come back as they are. */
const char	*label_sex(const char *sex);
const char	*label_tag(const char *tag);

#endif
