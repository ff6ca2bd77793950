/* ESC/POS rendering. */
#include <stdlib.h>
#include <string.h>

#include "encode.h"
#include "escpos.h"
#include "layout.h"
#include "qr-load.h"
#include "../util/xmalloc.h"

#define ESC	0x1B
#define FS	0x1C
#define GS	0x1D

/* What the printer is set to now, so that each change is sent once. */
struct escpos {
	struct buf		*out;
	const struct pprofile	*prof;
	struct pencode		*enc;
	int			 align;
	int			 bold;
	int			 size;
};

/* Command and data bytes all go out through here. */
static void
put(struct escpos *e, const unsigned char *bytes, size_t len)
{
	buf_add(e->out, bytes, len);
}

/* Sends ESC a only when the alignment changes. */
static void
set_align(struct escpos *e, int align)
{
	unsigned char	cmd[3] = { ESC, 'a', (unsigned char)align };

	if (e->align != align)
		put(e, cmd, 3);
	e->align = align;
}

/* Sends ESC E and GS ! only when emphasis or size changes. */
static void
set_style(struct escpos *e, int style)
{
	unsigned char	bold[3] = { ESC, 'E', (style & PEL_BOLD) ? 1 : 0 };
	unsigned char	size[3] = { GS, '!', 0 };

	size[2] = ((style & PEL_DWIDTH) ? 0x10 : 0) |
	    ((style & PEL_DHEIGHT) ? 0x01 : 0);
	if (e->bold != bold[2])
		put(e, bold, 3);
	if (e->size != size[2])
		put(e, size, 3);
	e->bold = bold[2];
	e->size = size[2];
}

/* Feeds paper by lines (ESC d), for space and before a cut. */
static void
feed(struct escpos *e, int lines)
{
	unsigned char	cmd[3] = { ESC, 'd', 0 };

	if (lines <= 0)
		return;
	cmd[2] = (unsigned char)(lines > 255 ? 255 : lines);
	put(e, cmd, 3);
}

/* One GS ( k function: pL pH count the cn, fn and the parameters. */
static void
qr_function(struct escpos *e, unsigned char fn, const void *p, size_t len)
{
	unsigned char	head[7] = { GS, '(', 'k', 0, 0, '1', fn };

	head[3] = (unsigned char)((len + 2) & 0xFF);
	head[4] = (unsigned char)((len + 2) >> 8);
	put(e, head, 7);
	put(e, p, len);
}

/* The printer draws the code: model 2, module size, level M, store,
 * print. */
static void
qr_native(struct escpos *e, const char *payload)
{
	unsigned char	model[2] = { '2', 0 }, size = e->prof->qr_size;
	unsigned char	level = '1', print = '0';
	struct buf	store;

	qr_function(e, 'A', model, 2);
	qr_function(e, 'C', &size, 1);
	qr_function(e, 'E', &level, 1);
	buf_init(&store);
	buf_add(&store, "0", 1);
	buf_add(&store, payload, strlen(payload));
	qr_function(e, 'P', store.data, store.len);
	buf_free(&store);
	qr_function(e, 'Q', &print, 1);
	feed(e, 1);
}

/* We draw the code as a GS v 0 raster image, for printers without
 * GS ( k: each module a square of qr_size dots, 2 modules of margin. */
static int
qr_raster(struct escpos *e, const char *payload, char **cause)
{
	const struct qr_calls	*lib;
	QRcode			*qr;
	unsigned char		 head[8] = { GS, 'v', '0', 0, 0, 0, 0, 0 };
	unsigned char		*row;
	int			 s = e->prof->qr_size, m = 2, px, bpr, x, y;
	int			 mx, my;

	if ((lib = qr_calls(cause)) == NULL)
		return (-1);
	qr = lib->QRcode_encodeString8bit(payload, 0, QR_ECLEVEL_M);
	if (qr == NULL) {
		*cause = xstrdup("cannot encode the QR code");
		return (-1);
	}
	px = (qr->width + 2 * m) * s;
	bpr = (px + 7) / 8;
	head[4] = bpr & 0xFF;
	head[5] = bpr >> 8;
	head[6] = px & 0xFF;
	head[7] = px >> 8;
	put(e, head, 8);
	row = xmalloc(bpr);
	for (y = 0; y < px; y++) {
		memset(row, 0, bpr);
		my = y / s - m;
		for (x = 0; x < px && my >= 0 && my < qr->width; x++) {
			mx = x / s - m;
			if (mx >= 0 && mx < qr->width &&
			    (qr->data[my * qr->width + mx] & 1))
				row[x / 8] |= 0x80 >> (x % 8);
		}
		put(e, row, bpr);
	}
	free(row);
	lib->QRcode_free(qr);
	feed(e, 1);
	return (0);
}

/* A QR code the printer can draw, or its payload as text. */
static int
qr(struct escpos *e, const struct pline *l, char **cause)
{
	set_align(e, 1);
	set_style(e, 0);
	if (strlen(l->text) > ESCPOS_QR_MAX || *l->text == '\0') {
		pencode_add(e->enc, e->out, l->text);
		buf_add(e->out, "\n", 1);
		return (0);
	}
	if (e->prof->qr_native) {
		qr_native(e, l->text);
		return (0);
	}
	return (qr_raster(e, l->text, cause));
}

/* Feeds the paper past the cutter, then cuts as the profile says. */
static void
cut(struct escpos *e)
{
	unsigned char	cmd[3] = { GS, 'V', 0 };

	feed(e, e->prof->feed);
	if (e->prof->cut == PCUT_NONE)
		return;
	cmd[2] = e->prof->cut == PCUT_PARTIAL ? 1 : 0;
	put(e, cmd, 3);
}

/* One laid-out line as bytes. */
static int
line(struct escpos *e, const struct pline *l, char **cause)
{
	switch (l->kind) {
	case PLINE_TEXT:
		set_align(e, (int)l->align);
		set_style(e, l->style);
		pencode_add(e->enc, e->out, l->text);
		buf_add(e->out, "\n", 1);
		break;
	case PLINE_QR:
		return (qr(e, l, cause));
	case PLINE_FEED:
		feed(e, l->n);
		break;
	case PLINE_CUT:
		cut(e);
		break;
	}
	return (0);
}

/* A whole document for one receipt printer. */
int
escpos_render(const struct pdoc *d, const struct pprofile *p,
    struct buf *out, char **cause)
{
	static const unsigned char	 init[2] = { ESC, '@' };
	static const unsigned char	 cjk[2] = { FS, '&' };
	struct escpos			 e;
	struct playout			*l;
	size_t				 i;
	int				 rc = 0;

	memset(&e, 0, sizeof e);
	e.out = out;
	e.prof = p;
	if ((e.enc = pencode_new(p->encoding, cause)) == NULL)
		return (-1);
	put(&e, init, 2);
	if (p->chinese_fs)
		put(&e, cjk, 2);
	l = playout_new(d, p->columns);
	for (i = 0; i < l->n && rc == 0; i++)
		rc = line(&e, &l->lines[i], cause);
	if (rc == 0 && (l->n == 0 || l->lines[l->n - 1].kind != PLINE_CUT))
		cut(&e);
	playout_free(l);
	pencode_free(e.enc);
	return (rc);
}
