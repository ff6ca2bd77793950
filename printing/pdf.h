/*
 * A4 PDF with cairo and pango in a CJK serif font, QR codes drawn with
 * libqrencode. Only bin/bianmin-pdf links this: the client runs that
 * program as a child and never loads cairo or pango itself.
 */
#ifndef PRINTING_PDF_H
#define PRINTING_PDF_H

#include "doc.h"

/* The fonts asked for, best first; fontconfig falls back beyond them. */
#define PDF_FONTS	"Noto Serif CJK SC, AR PL UMing CN, serif"

/* Writes the document as an A4 PDF to path. Returns 0, or -1 with
 * *cause. */
int	pdf_render(const struct pdoc *, const char *path, char **cause);

#endif
