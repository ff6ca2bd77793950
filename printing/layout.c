/* Roll-paper layout by GB column width. */
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "../locale/text.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

/* Marks that must not begin a line (the simplest 避头 rule). */
static const char closing[] = "，。、；：？！）》」』〕】”’";

/* On paper any double-byte GB character is two columns wide. */
int
playout_cpwidth(uint32_t cp)
{
	return (cp < 0x80 ? 1 : 2);
}

/* The columns a string takes on paper. */
int
playout_width(const char *s)
{
	size_t		len = strlen(s), n;
	uint32_t	cp;
	int		w = 0;

	while ((n = utf8_decode(s, len, &cp)) != 0) {
		w += playout_cpwidth(cp);
		s += n;
		len -= n;
	}
	return (w);
}

/* Whether text starts with a mark that must not begin a line. */
static int
is_closing(const char *s, size_t len)
{
	uint32_t	cp, c;
	size_t		m, clen = strlen(closing);
	const char	*p = closing;

	if (utf8_decode(s, len, &cp) == 0)
		return (0);
	while ((m = utf8_decode(p, clen, &c)) != 0) {
		if (c == cp)
			return (1);
		p += m;
		clen -= m;
	}
	return (0);
}

/* Bytes of the longest prefix of s that fits in width columns; at least
 * one character, so that no input can loop forever. */
static size_t
fit(const char *s, size_t len, int width, size_t *last)
{
	size_t		off = 0, n;
	uint32_t	cp;
	int		w = 0;

	*last = 0;
	while ((n = utf8_decode(s + off, len - off, &cp)) != 0) {
		if (w + playout_cpwidth(cp) > width && off > 0)
			break;
		w += playout_cpwidth(cp);
		*last = off;
		off += n;
	}
	return (off);
}

/* A character of a number or code (an ID number, masked or not, a date,
 * an application number), which a line must not break inside. */
static int
in_number(char c)
{
	return ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z') || c == '*' || c == '-' || c == '.');
}

/* Breaks text into lines of a width, at character boundaries, never
 * inside a number that fits on a line of its own. */
size_t
playout_wrap(const char *s, int first, int width, char ***out)
{
	size_t	 len = strlen(s), take, last, count = 0, b;
	char	**lines = NULL;
	int	 w = first;

	do {
		take = fit(s, len, w < 1 ? 1 : w, &last);
		/* pull the last character down with a closing mark */
		if (take < len && last > 0 && is_closing(s + take, len - take))
			take = last;
		/* and a number cut in two goes down whole */
		if (take < len && in_number(s[take])) {
			for (b = take; b > 0 && in_number(s[b - 1]); b--)
				;
			if (b > 0)
				take = b;
		}
		lines = xreallocarray(lines, count + 1, sizeof *lines);
		lines[count++] = xstrndup(s, take);
		s += take;
		len -= take;
		w = width;
	} while (len > 0);
	*out = lines;
	return (count);
}

/* Appends one laid-out line. */
static struct pline *
add(struct playout *l, enum pline_kind kind, enum pel_align align, int style,
    const char *text)
{
	struct pline	*p;

	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 64 : l->cap * 2;
		l->lines = xreallocarray(l->lines, l->cap, sizeof *l->lines);
	}
	p = &l->lines[l->n++];
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->align = align;
	p->style = style;
	p->n = 1;
	p->text = text != NULL ? xstrdup(text) : NULL;
	return (p);
}

static void
free_lines(char **v, size_t n)
{
	while (n > 0)
		free(v[--n]);
	free(v);
}

/* Adds s wrapped; continuation lines start with indent spaces. */
static void
add_wrapped(struct playout *l, enum pel_align align, int style,
    const char *prefix, const char *s, int indent)
{
	char	**lines, **even, *line;
	size_t	  n, m, i;
	int	  cols = l->cols, pw = playout_width(prefix), w;

	if (style & PEL_DWIDTH)
		cols /= 2;
	if (indent >= cols)
		indent = 0;
	n = playout_wrap(s, cols - pw, cols - indent, &lines);
	/* a centred title in even lines, never one character left alone */
	for (w = (playout_width(s) + (int)n - 1) / (int)n; align == PEL_CENTER &&
	    pw == 0 && indent == 0 && n > 1 && w < cols; w++) {
		m = playout_wrap(s, w, w, &even);
		if (m == n) {
			free_lines(lines, n);
			lines = even;
			break;
		}
		free_lines(even, m);
	}
	for (i = 0; i < n; i++) {
		if (i == 0)
			line = xasprintf("%s%s", prefix, lines[i]);
		else
			line = xasprintf("%*s%s", indent, "", lines[i]);
		add(l, PLINE_TEXT, align, style, line);
		free(line);
		free(lines[i]);
	}
	free(lines);
}

/* A label and its value: continuation lines line up under the value;
 * a code too long to follow its label goes whole on the next line. */
static void
lay_field(struct playout *l, const struct pel *e)
{
	char	*label = xasprintf("%s：", e->text);
	int	 lw = playout_width(label), vw = playout_width(e->value);

	if (lw > l->cols / 2) {
		add_wrapped(l, PEL_LEFT, 0, "", label, 0);
		add_wrapped(l, PEL_LEFT, 0, "  ", e->value, 2);
	} else if (vw > l->cols - lw && vw <= l->cols &&
	    (size_t)vw == strlen(e->value) && strchr(e->value, ' ') == NULL) {
		add(l, PLINE_TEXT, PEL_LEFT, 0, label);
		add(l, PLINE_TEXT, PEL_RIGHT, 0, e->value);
	} else
		add_wrapped(l, PEL_LEFT, 0, label, e->value, lw);
	free(label);
}

/* A rule of dashes, exactly as wide as the paper. */
static void
lay_rule(struct playout *l)
{
	char	*rule = xmalloc(l->cols + 1);

	memset(rule, '-', l->cols);
	rule[l->cols] = '\0';
	add(l, PLINE_TEXT, PEL_LEFT, 0, rule);
	free(rule);
}

/* Lines of a multi-line value, each wrapped. */
static void
lay_lines(struct playout *l, enum pel_align align, int style, const char *s)
{
	char	*copy = xstrdup(s), *line, *next;

	for (line = copy; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		add_wrapped(l, align, style, "", line, 0);
	}
	free(copy);
}

/* A label and a line to the edge of the paper to sign on. */
static void
lay_sign(struct playout *l, const struct pel *e)
{
	char	*label = xasprintf("%s：", e->text);
	int	 rest = l->cols - playout_width(label);
	char	*line;

	if (rest < 8) {
		add_wrapped(l, PEL_LEFT, 0, "", label, 0);
		rest = l->cols;
		free(label);
		label = xstrdup("");
	}
	line = xmalloc(strlen(label) + rest + 1);
	memcpy(line, label, strlen(label));
	memset(line + strlen(label), '_', rest);
	line[strlen(label) + rest] = '\0';
	add(l, PLINE_FEED, PEL_LEFT, 0, NULL);
	add(l, PLINE_TEXT, PEL_LEFT, 0, line);
	free(line);
	free(label);
}

/* One document element as laid-out lines. */
static void
lay_element(struct playout *l, const struct pel *e)
{
	switch (e->type) {
	case PEL_TEXT:
		add_wrapped(l, e->align, e->style & PEL_BIG, "", e->text, 0);
		break;
	case PEL_FIELD:
		lay_field(l, e);
		break;
	case PEL_PARA:
		add_wrapped(l, PEL_LEFT, 0, "    ", e->text, 0);
		break;
	case PEL_RULE:
		lay_rule(l);
		break;
	case PEL_QR:
		add(l, PLINE_QR, PEL_CENTER, 0, e->text);
		if (e->value != NULL && *e->value != '\0')
			lay_lines(l, PEL_CENTER, 0, e->value);
		break;
	case PEL_SIGN:
		lay_sign(l, e);
		break;
	case PEL_SEAL:
		add_wrapped(l, PEL_RIGHT, 0, "", e->text, 0);
		if (e->value != NULL)
			add_wrapped(l, PEL_RIGHT, 0, "", e->value, 0);
		break;
	case PEL_FEED:
		add(l, PLINE_FEED, PEL_LEFT, 0, NULL)->n = e->n;
		break;
	case PEL_CUT:
		add(l, PLINE_CUT, PEL_LEFT, 0, NULL);
		break;
	}
}

/* Lays a document out for a paper width, reprint mark first. */
struct playout *
playout_new(const struct pdoc *d, int cols)
{
	struct playout	*l = xcalloc(1, sizeof *l);
	char		*mark;
	size_t		 i;

	l->cols = cols < 16 ? 16 : cols;
	if ((mark = pdoc_reprint_mark(d)) != NULL) {
		add_wrapped(l, PEL_CENTER, PEL_BOLD, "", mark, 0);
		free(mark);
	}
	for (i = 0; i < d->nels; i++)
		lay_element(l, &d->els[i]);
	return (l);
}

/* Frees a layout; NULL is fine. */
void
playout_free(struct playout *l)
{
	size_t	i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		free(l->lines[i].text);
	free(l->lines);
	free(l);
}
