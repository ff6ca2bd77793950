/*
 * Plain text: the on-screen preview (UTF-8) and ordinary printers
 * (GB18030). Lines are laid out as on a receipt of cols columns; a QR code
 * shows as its payload in brackets, a cut as a line of '='.
 */
#ifndef PRINTING_PLAIN_H
#define PRINTING_PLAIN_H

#include "doc.h"
#include "../util/buf.h"

/* Appends the document as text; encoding NULL means UTF-8. Returns 0, or
 * -1 with *cause if the encoding is unknown. */
int	plain_render(const struct pdoc *, int cols, const char *encoding,
	    struct buf *out, char **cause);

#endif
