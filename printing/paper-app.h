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
struct pdoc	*paper_withdrawal(const struct paper_application *);
/* The 容缺受理通知书 with its 容缺承诺书, in two copies. */
struct pdoc	*paper_deferral(const struct paper_application *);

#endif
