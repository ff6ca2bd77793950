/* A4 PDF rendering with cairo and pango. */
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "pdf.h"
#include "../util/xmalloc.h"

#define MM(x)		((x) * 72.0 / 25.4)
#define PAGE_W		MM(210)
#define PAGE_H		MM(297)
#define MARGIN_X	MM(28)
#define MARGIN_TOP	MM(30)
#define MARGIN_BOTTOM	MM(25)
#define TEXT_W		(PAGE_W - 2 * MARGIN_X)
#define BODY_PT		15.0
#define QR_SIZE		MM(30)
#define SEAL_D		MM(42)

struct pdf {
	cairo_t		*cr;
	double		 y;
	double		 left_y;	/* below the last text on the left */
	double		 foot_y;	/* the next foot line's, 0: none yet */
	int		 a4;		/* a certificate: QR at the foot */
};

/* The point size of a style on A4. */
static double
size_of(int style)
{
	if ((style & PEL_BIG) == PEL_BIG)
		return (30.0);
	if (style & PEL_DHEIGHT)
		return (19.0);
	if (style & PEL_FOOT)		/* a link of 70 characters a line */
		return (9.0);
	if (style & PEL_SMALL)
		return (10.5);
	return (BODY_PT);
}

/* A pango layout of text in the serif font, wrapped to width. */
static PangoLayout *
layout(struct pdf *p, const char *text, int style, double width,
    enum pel_align align)
{
	PangoLayout		*l = pango_cairo_create_layout(p->cr);
	PangoFontDescription	*fd = pango_font_description_from_string(
				    PDF_FONTS);
	PangoAttrList		*attrs = pango_attr_list_new();
	double			 pt = size_of(style);

	pango_font_description_set_size(fd, (int)(pt * PANGO_SCALE));
	if (style & PEL_BOLD)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if ((style & PEL_BIG) == PEL_BIG)	/* 居 住 证 明 */
		pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(
		    (int)(pt * 0.5 * PANGO_SCALE)));
	pango_layout_set_attributes(l, attrs);
	pango_attr_list_unref(attrs);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align == PEL_CENTER ?
	    PANGO_ALIGN_CENTER : align == PEL_RIGHT ? PANGO_ALIGN_RIGHT :
	    PANGO_ALIGN_LEFT);
	pango_layout_set_text(l, text, -1);
	return (l);
}

/* The height of a layout in points. */
static double
height(PangoLayout *l)
{
	int	w, h;

	pango_layout_get_size(l, &w, &h);
	return ((double)h / PANGO_SCALE);
}

/* Starts a new page when h more points would not fit on this one. */
static void
room(struct pdf *p, double h)
{
	if (p->y + h <= PAGE_H - MARGIN_BOTTOM || p->y <= MARGIN_TOP)
		return;
	cairo_show_page(p->cr);
	p->y = p->left_y = MARGIN_TOP;
	p->foot_y = 0;
}

/* Draws a layout at the current height and moves down. */
static void
draw(struct pdf *p, PangoLayout *l, double x, double gap_after)
{
	double	h = height(l);

	room(p, h);
	cairo_move_to(p->cr, x, p->y);
	pango_cairo_show_layout(p->cr, l);
	p->y += h + gap_after;
	p->left_y = p->y;
}

/* A small line in the bottom margin of this page, under the QR code at
 * the foot, below the foot's line before: nothing else moves for it. */
static void
foot(struct pdf *p, const struct pel *e)
{
	PangoLayout	*l = layout(p, e->text, PEL_FOOT, TEXT_W, e->align);

	if (p->foot_y == 0)
		p->foot_y = PAGE_H - MARGIN_BOTTOM + MM(4);
	cairo_move_to(p->cr, MARGIN_X, p->foot_y);
	pango_cairo_show_layout(p->cr, l);
	p->foot_y += height(l) + MM(0.5);
	g_object_unref(l);
}

/* One line of text, with room after a title. */
static void
text(struct pdf *p, const struct pel *e)
{
	PangoLayout	*l;
	double		 gap = (e->style & PEL_BIG) == PEL_BIG ? MM(8) : MM(3);

	if (p->a4 && (e->style & PEL_FOOT)) {
		foot(p, e);
		return;
	}
	l = layout(p, e->text, e->style, TEXT_W, e->align);
	draw(p, l, MARGIN_X, gap);
	g_object_unref(l);
}

/* A body paragraph: indented two characters, justified, airy. */
static void
para(struct pdf *p, const char *s)
{
	PangoLayout	*l = layout(p, s, 0, TEXT_W, PEL_LEFT);

	pango_layout_set_indent(l, (int)(2 * BODY_PT * PANGO_SCALE));
	pango_layout_set_justify(l, TRUE);
	pango_layout_set_line_spacing(l, 1.6);
	/* as much air between paragraphs as between their lines */
	draw(p, l, MARGIN_X, BODY_PT * 0.8);
	g_object_unref(l);
}

/* A label and its value as one wrapped line. */
static void
field(struct pdf *p, const struct pel *e)
{
	char	*s = xasprintf("%s：%s", e->text, e->value);
	PangoLayout *l = layout(p, s, 0, TEXT_W, PEL_LEFT);

	draw(p, l, MARGIN_X, MM(1.5));
	g_object_unref(l);
	free(s);
}

/* A thin line across the text width. */
static void
rule(struct pdf *p)
{
	room(p, MM(4));
	cairo_set_line_width(p->cr, 0.6);
	cairo_move_to(p->cr, MARGIN_X, p->y + MM(2));
	cairo_line_to(p->cr, MARGIN_X + TEXT_W, p->y + MM(2));
	cairo_stroke(p->cr);
	p->y += MM(4);
}

/* A label and a line to sign on. */
static void
sign(struct pdf *p, const char *label)
{
	char		*s = xasprintf("%s：", label);
	PangoLayout	*l = layout(p, s, 0, TEXT_W, PEL_LEFT);
	int		 w, h;

	pango_layout_get_pixel_size(l, &w, &h);
	p->y += MM(6);
	room(p, h);
	cairo_move_to(p->cr, MARGIN_X, p->y);
	pango_cairo_show_layout(p->cr, l);
	cairo_set_line_width(p->cr, 0.6);
	cairo_move_to(p->cr, MARGIN_X + w, p->y + h);
	cairo_line_to(p->cr, MARGIN_X + w + MM(60), p->y + h);
	cairo_stroke(p->cr);
	p->y += h + MM(3);
	g_object_unref(l);
	free(s);
}

/* The issuer and the date, right, with the place for the seal drawn
 * faintly over them, where the stamp goes. */
static void
seal(struct pdf *p, const struct pel *e)
{
	char		*s = xasprintf("%s\n%s", e->text,
			    e->value != NULL ? e->value : "");
	PangoLayout	*l = layout(p, s, 0, TEXT_W - MM(8), PEL_RIGHT);
	PangoLayout	*hint;
	double		 h = height(l), cx, cy;
	int		 w, hh;

	p->y += MM(14);
	room(p, SEAL_D);
	pango_layout_set_line_spacing(l, 1.6);
	h = height(l);
	cairo_move_to(p->cr, MARGIN_X, p->y);
	pango_cairo_show_layout(p->cr, l);
	pango_layout_get_pixel_size(l, &w, &hh);
	cx = MARGIN_X + TEXT_W - MM(8) - MM(30);
	cy = p->y + h / 2;
	cairo_save(p->cr);
	cairo_set_source_rgb(p->cr, 0.72, 0.72, 0.72);
	cairo_set_line_width(p->cr, 0.8);
	cairo_set_dash(p->cr, (double[]){ 3.0, 3.0 }, 2, 0);
	cairo_new_path(p->cr);
	cairo_arc(p->cr, cx, cy, SEAL_D / 2, 0, 2 * G_PI);
	cairo_stroke(p->cr);
	hint = layout(p, "（盖章）", PEL_SMALL, SEAL_D, PEL_CENTER);
	cairo_move_to(p->cr, cx - SEAL_D / 2, cy + SEAL_D / 2 - MM(8));
	pango_cairo_show_layout(p->cr, hint);
	cairo_restore(p->cr);
	g_object_unref(hint);
	p->y += (h > SEAL_D / 2 ? h : SEAL_D / 2) + MM(6);
	g_object_unref(l);
	free(s);
}

/* Draws the QR code's dark modules as squares. */
static void
qr_modules(struct pdf *p, const char *payload, double x, double y)
{
	QRcode	*qr = QRcode_encodeString8bit(payload, 0, QR_ECLEVEL_M);
	double	 m;
	int	 i, j;

	if (qr == NULL)
		return;
	m = QR_SIZE / qr->width;
	for (i = 0; i < qr->width; i++)
		for (j = 0; j < qr->width; j++)
			if (qr->data[i * qr->width + j] & 1)
				cairo_rectangle(p->cr, x + j * m, y + i * m,
				    m, m);
	cairo_fill(p->cr);
	QRcode_free(qr);
}

/* The QR code at the left, its caption beside it. On a certificate it
 * sits at the foot of the page. */
static void
qr(struct pdf *p, const struct pel *e)
{
	PangoLayout	*l = NULL;
	double		 y, ch = 0;

	/* the seal sits on the right: the foot's left is free below the
	 * last line of text */
	y = PAGE_H - MARGIN_BOTTOM - QR_SIZE;
	if (!p->a4 || p->left_y + MM(4) > y) {
		room(p, QR_SIZE + MM(4));
		y = p->y + MM(4);
	}
	qr_modules(p, e->text, MARGIN_X, y);
	if (e->value != NULL && *e->value != '\0') {
		l = layout(p, e->value, PEL_SMALL, MM(70), PEL_LEFT);
		pango_layout_set_line_spacing(l, 1.5);
		ch = height(l);
		cairo_move_to(p->cr, MARGIN_X + QR_SIZE + MM(5),
		    y + (QR_SIZE - ch) / 2);
		pango_cairo_show_layout(p->cr, l);
		g_object_unref(l);
	}
	p->y = y + QR_SIZE + MM(4);
}

/* 补打 in a box at the top right of the first page. */
static void
reprint_mark(struct pdf *p, const struct pdoc *d)
{
	char		*mark = pdoc_reprint_mark(d);
	PangoLayout	*l;
	int		 w, h;

	if (mark == NULL)
		return;
	l = layout(p, mark, PEL_BOLD, TEXT_W, PEL_LEFT);
	pango_layout_get_pixel_size(l, &w, &h);
	cairo_move_to(p->cr, PAGE_W - MARGIN_X - w, MM(14));
	pango_cairo_show_layout(p->cr, l);
	cairo_set_line_width(p->cr, 1.0);
	cairo_rectangle(p->cr, PAGE_W - MARGIN_X - w - MM(2), MM(12),
	    w + MM(4), h + MM(4));
	cairo_stroke(p->cr);
	g_object_unref(l);
	free(mark);
}

/* One element on the page. */
static void
element(struct pdf *p, const struct pel *e)
{
	switch (e->type) {
	case PEL_TEXT: text(p, e); break;
	case PEL_FIELD: field(p, e); break;
	case PEL_PARA: para(p, e->text); break;
	case PEL_RULE: rule(p); break;
	case PEL_QR: qr(p, e); break;
	case PEL_SIGN: sign(p, e->text); break;
	case PEL_SEAL: seal(p, e); break;
	case PEL_FEED: p->y += e->n * BODY_PT; break;
	case PEL_CUT: break;
	}
}

/* Writes the whole document as an A4 PDF. */
int
pdf_render(const struct pdoc *d, const char *path, char **cause)
{
	cairo_surface_t	*surface;
	struct pdf	 p;
	size_t		 i;
	cairo_status_t	 st;

	surface = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
	if ((st = cairo_surface_status(surface)) != CAIRO_STATUS_SUCCESS) {
		*cause = xasprintf("%s: %s", path,
		    cairo_status_to_string(st));
		cairo_surface_destroy(surface);
		return (-1);
	}
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
	    d->title);
	memset(&p, 0, sizeof p);
	p.cr = cairo_create(surface);
	p.y = p.left_y = MARGIN_TOP;
	p.a4 = d->paper == PDOC_A4;
	cairo_set_source_rgb(p.cr, 0, 0, 0);
	reprint_mark(&p, d);
	for (i = 0; i < d->nels; i++)
		element(&p, &d->els[i]);
	cairo_show_page(p.cr);
	cairo_destroy(p.cr);
	cairo_surface_finish(surface);
	st = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (st != CAIRO_STATUS_SUCCESS) {
		*cause = xasprintf("%s: %s", path, cairo_status_to_string(st));
		return (-1);
	}
	return (0);
}
