/* An application's papers: its receipt, the materials received, what
 * is missing, a refusal (paper-app.c); the structs are papers.h's. */
#ifndef PRINTING_PAPER_APP_H
#define PRINTING_PAPER_APP_H

#include "papers.h"

/* An application's receipt and notices; the caller frees them. */
struct pdoc	*paper_receipt(const struct paper_application *);
struct pdoc	*paper_materials(const struct paper_application *);
struct pdoc	*paper_missing(const struct paper_application *);
struct pdoc	*paper_refusal(const struct paper_application *);

#endif
