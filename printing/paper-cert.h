/* A certificate on paper (paper-cert.c); the struct is papers.h's. */
#ifndef PRINTING_PAPER_CERT_H
#define PRINTING_PAPER_CERT_H

#include "papers.h"

/* A certificate; the caller frees it. */
struct pdoc	*paper_certificate(const struct paper_certificate *);

#endif
