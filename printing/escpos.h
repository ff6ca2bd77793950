/*
 * ESC/POS for receipt printers: initialise, Chinese mode per profile, text
 * in the profile's GB encoding, alignment, emphasis and size commands, QR
 * codes (GS ( k, or a GS v 0 raster image drawn with libqrencode), feed
 * and cut. Only this file writes command bytes; data passes through the
 * document's cleaning and the encoder, so no data byte is ever a command.
 */
#ifndef PRINTING_ESCPOS_H
#define PRINTING_ESCPOS_H

#include "doc.h"
#include "profile.h"
#include "../util/buf.h"

/* The longest QR payload printed as a code; longer ones print as text. */
#define ESCPOS_QR_MAX	700

/* Appends the document's bytes to out. Returns 0, or -1 with *cause. */
int	escpos_render(const struct pdoc *, const struct pprofile *,
	    struct buf *out, char **cause);

#endif
