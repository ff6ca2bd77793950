/* The document model: building, cleaning and the reprint mark. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "../locale/text.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

/* Keeps an id usable as a file name and a job name whatever it came from. */
static char *
clean_id(const char *id)
{
	char	*out = xstrdup(id != NULL && *id != '\0' ? id : "doc");
	char	*p;

	for (p = out; *p != '\0'; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		    (*p == '.' && p != out))
			continue;
		*p = '_';
	}
	return (out);
}

/* Paper takes no commands from data: every control or format character
 * goes, whatever the renderer and the printer's encoding. */
char *
pdoc_clean(const char *s, int keep_newlines)
{
	struct buf	b;
	size_t		len, n;
	uint32_t	cp;
	char		enc[4];

	buf_init(&b);
	buf_add(&b, "", 0);
	if (s == NULL)
		return (buf_steal(&b));
	len = strlen(s);
	while ((n = utf8_decode(s, len, &cp)) != 0) {
		s += n;
		len -= n;
		if (cp == '\t')
			cp = ' ';
		else if (cp == '\n' && keep_newlines)
			;
		else if (utf8_is_unsafe(cp) || (cp & 0xFFFE) == 0xFFFE ||
		    (cp >= 0xFDD0 && cp <= 0xFDEF))
			continue;
		buf_add(&b, enc, utf8_encode(cp, enc));
	}
	return (buf_steal(&b));
}

/* An empty document whose id is safe as a file and job name. */
struct pdoc *
pdoc_new(const char *id, const char *kind, enum pdoc_paper paper,
    const char *title)
{
	struct pdoc	*d = xcalloc(1, sizeof *d);

	d->id = clean_id(id);
	d->kind = clean_id(kind);
	d->title = pdoc_clean(title != NULL ? title : "", 0);
	d->paper = paper;
	return (d);
}

/* Frees a document; NULL is fine. */
void
pdoc_free(struct pdoc *d)
{
	size_t	i;

	if (d == NULL)
		return;
	/* receipts and certificates name residents: wiped, not only freed
	 * (a kiosk's visitor leaves nothing in its memory) */
	for (i = 0; i < d->nels; i++) {
		if (d->els[i].text != NULL)
			explicit_bzero(d->els[i].text, strlen(d->els[i].text));
		if (d->els[i].value != NULL)
			explicit_bzero(d->els[i].value,
			    strlen(d->els[i].value));
		free(d->els[i].text);
		free(d->els[i].value);
	}
	free(d->els);
	free(d->id);
	free(d->kind);
	free(d->title);
	free(d);
}

/* Every element enters through here, so none escapes the cleaning. */
void
pdoc_add(struct pdoc *d, const struct pel *e)
{
	struct pel	*n;

	if (d->nels == d->cap) {
		d->cap = d->cap == 0 ? 32 : d->cap * 2;
		d->els = xreallocarray(d->els, d->cap, sizeof *d->els);
	}
	n = &d->els[d->nels++];
	*n = *e;
	n->text = e->text != NULL ?
	    pdoc_clean(e->text, 0) : NULL;
	n->value = e->value != NULL ? pdoc_clean(e->value, 1) : NULL;
}

/* One line of text in a style. */
void
pdoc_text(struct pdoc *d, enum pel_align align, int style, const char *s)
{
	struct pel	e = { .type = PEL_TEXT, .align = align, .style = style,
			    .text = (char *)s };

	pdoc_add(d, &e);
}

/* One line of text, printf-style. */
void
pdoc_textf(struct pdoc *d, enum pel_align align, int style, const char *fmt,
    ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) == -1)
		fatal("vasprintf");
	va_end(ap);
	pdoc_text(d, align, style, s);
	free(s);
}

/* A label and its value, the value free to wrap. */
void
pdoc_field(struct pdoc *d, const char *label, const char *value)
{
	struct pel	e = { .type = PEL_FIELD, .text = (char *)label,
			    .value = (char *)(value != NULL ? value : "") };

	pdoc_add(d, &e);
}

/* A paragraph of running text. */
void
pdoc_para(struct pdoc *d, const char *s)
{
	struct pel	e = { .type = PEL_PARA, .text = (char *)s };

	pdoc_add(d, &e);
}

/* A line across the paper. */
void
pdoc_rule(struct pdoc *d)
{
	struct pel	e = { .type = PEL_RULE };

	pdoc_add(d, &e);
}

/* A QR code and the lines that explain it. */
void
pdoc_qr(struct pdoc *d, const char *payload, const char *caption)
{
	struct pel	e = { .type = PEL_QR, .align = PEL_CENTER,
			    .text = (char *)payload, .value = (char *)caption };

	pdoc_add(d, &e);
}

/* A line for someone to sign on. */
void
pdoc_sign(struct pdoc *d, const char *label)
{
	struct pel	e = { .type = PEL_SIGN, .text = (char *)label };

	pdoc_add(d, &e);
}

/* The issuer and the date, where the seal is stamped. */
void
pdoc_seal(struct pdoc *d, const char *issuer, const char *date)
{
	struct pel	e = { .type = PEL_SEAL, .align = PEL_RIGHT,
			    .text = (char *)issuer, .value = (char *)date };

	pdoc_add(d, &e);
}

/* Blank lines, for space. */
void
pdoc_feed(struct pdoc *d, int lines)
{
	struct pel	e = { .type = PEL_FEED, .n = lines };

	pdoc_add(d, &e);
}

/* Where the receipt is cut off the roll. */
void
pdoc_cut(struct pdoc *d)
{
	struct pel	e = { .type = PEL_CUT };

	pdoc_add(d, &e);
}

/* Which copy this is: renderers mark every reprint. */
void
pdoc_set_copy(struct pdoc *d, int copy)
{
	d->copy = copy < 0 ? 0 : copy;
}

/* The words that tell a reprint from the original on paper. */
char *
pdoc_reprint_mark(const struct pdoc *d)
{
	if (d->copy <= 0)
		return (NULL);
	return (xasprintf("补打（第%d次）", d->copy));
}
