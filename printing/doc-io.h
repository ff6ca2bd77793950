/* A document as text and back (doc-io.c): for the PDF helper and for
 * documents kept to be printed later. */
#ifndef PRINTING_DOC_IO_H
#define PRINTING_DOC_IO_H

#include "doc.h"

/* Serialization, for the PDF helper and for documents kept to be printed
 * later. Returns a new string / a new document, NULL with *cause. */
char		*pdoc_serialize(const struct pdoc *);
struct pdoc	*pdoc_parse(const char *, char **cause);

#endif
