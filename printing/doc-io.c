/*
 * Documents as text, one element a line, for the PDF helper's standard
 * input and for documents kept to be printed later:
 *
 *	bianmin-doc 1
 *	id <id>  kind <kind>  paper roll|a4  copy <n>  title <text>
 *	el <type> <align> <style> <n> <text> <value>	(tab-separated)
 *
 * Text escapes backslash, tab and newline as \\ \t \n; "\-" is NULL.
 */
#include <stdlib.h>
#include <string.h>

#include "doc-io.h"
#include "doc.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

#define PDOC_MAGIC	"bianmin-doc 1"

static const char *el_names[] = {
	"text", "field", "para", "rule", "qr", "sign", "seal", "feed", "cut"
};

/* Writes s so that no tab or newline inside it ends a field. */
static void
put_escaped(struct buf *b, const char *s)
{
	if (s == NULL) {
		buf_adds(b, "\\-");
		return;
	}
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '\\': buf_adds(b, "\\\\"); break;
		case '\t': buf_adds(b, "\\t"); break;
		case '\n': buf_adds(b, "\\n"); break;
		default: buf_add(b, s, 1); break;
		}
	}
}

/* One text form of a document for the helper and for later. */
char *
pdoc_serialize(const struct pdoc *d)
{
	struct buf		 b;
	const struct pel	*e;
	size_t			 i;

	buf_init(&b);
	buf_printf(&b, "%s\nid\t%s\nkind\t%s\npaper\t%s\ncopy\t%d\ntitle\t",
	    PDOC_MAGIC, d->id, d->kind, d->paper == PDOC_A4 ? "a4" : "roll",
	    d->copy);
	put_escaped(&b, d->title);
	buf_adds(&b, "\n");
	for (i = 0; i < d->nels; i++) {
		e = &d->els[i];
		buf_printf(&b, "el\t%s\t%d\t%d\t%d\t", el_names[e->type],
		    (int)e->align, e->style, e->n);
		put_escaped(&b, e->text);
		buf_adds(&b, "\t");
		put_escaped(&b, e->value);
		buf_adds(&b, "\n");
	}
	return (buf_steal(&b));
}

/* Undoes put_escaped on one field; NULL for "\-". */
static char *
unescape(const char *s)
{
	struct buf	b;

	if (strcmp(s, "\\-") == 0)
		return (NULL);
	buf_init(&b);
	buf_add(&b, "", 0);
	for (; *s != '\0'; s++) {
		if (*s != '\\' || s[1] == '\0') {
			buf_add(&b, s, 1);
			continue;
		}
		s++;
		buf_add(&b, *s == 't' ? "\t" : *s == 'n' ? "\n" : s, 1);
	}
	return (buf_steal(&b));
}

/* Splits line at tabs in place into at most max fields. */
static int
split(char *line, char **f, int max)
{
	int	n = 0;

	f[n++] = line;
	while (n < max && (line = strchr(line, '\t')) != NULL) {
		*line++ = '\0';
		f[n++] = line;
	}
	return (n);
}

/* Reads one element line back; the document cleans it again. */
static int
parse_el(struct pdoc *d, char **f, int nf)
{
	struct pel	e;
	size_t		t;

	if (nf != 7)
		return (-1);
	memset(&e, 0, sizeof e);
	for (t = 0; t < sizeof el_names / sizeof *el_names; t++)
		if (strcmp(f[1], el_names[t]) == 0)
			break;
	if (t == sizeof el_names / sizeof *el_names)
		return (-1);
	e.type = (enum pel_type)t;
	e.align = (enum pel_align)atoi(f[2]);
	if (e.align < PEL_LEFT || e.align > PEL_RIGHT)
		e.align = PEL_LEFT;
	e.style = atoi(f[3]) & (PEL_BIG|PEL_SMALL|PEL_FOOT);
	e.n = atoi(f[4]);
	if (e.n < 0 || e.n > 20)
		e.n = 1;
	e.text = unescape(f[5]);
	e.value = unescape(f[6]);
	pdoc_add(d, &e);
	free(e.text);
	free(e.value);
	return (0);
}

/* Reads the header lines into d; returns 0 once they are all known. */
static int
parse_head(struct pdoc *d, char **f, int nf)
{
	char	*s;

	if (nf != 2)
		return (-1);
	if (strcmp(f[0], "id") == 0) {
		free(d->id);
		d->id = xstrdup(f[1]);
	} else if (strcmp(f[0], "kind") == 0) {
		free(d->kind);
		d->kind = xstrdup(f[1]);
	} else if (strcmp(f[0], "paper") == 0)
		d->paper = strcmp(f[1], "a4") == 0 ? PDOC_A4 : PDOC_ROLL;
	else if (strcmp(f[0], "copy") == 0)
		pdoc_set_copy(d, atoi(f[1]));
	else if (strcmp(f[0], "title") == 0) {
		s = unescape(f[1]);
		free(d->title);
		d->title = pdoc_clean(s, 0);
		free(s);
	} else
		return (-1);
	return (0);
}

/* Reads a serialized document; whatever it says is cleaned anew. */
struct pdoc *
pdoc_parse(const char *text, char **cause)
{
	struct pdoc	*d, *clean;
	char		*copy, *line, *next, *f[7];
	int		 nf, bad = 0;

	if (strncmp(text, PDOC_MAGIC "\n", sizeof PDOC_MAGIC) != 0) {
		*cause = xstrdup("not a bianmin document");
		return (NULL);
	}
	d = pdoc_new("doc", "doc", PDOC_ROLL, "");
	copy = xstrdup(text + sizeof PDOC_MAGIC);
	for (line = copy; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		nf = split(line, f, 7);
		if (strcmp(f[0], "el") == 0)
			bad = parse_el(d, f, nf);
		else
			bad = parse_head(d, f, nf);
		if (bad)
			break;
	}
	free(copy);
	if (bad) {
		*cause = xstrdup("a bianmin document with a bad line");
		pdoc_free(d);
		return (NULL);
	}
	/* the id read from the text is cleaned like any other */
	clean = pdoc_new(d->id, d->kind, d->paper, d->title);
	free(d->id);
	free(d->kind);
	d->id = xstrdup(clean->id);
	d->kind = xstrdup(clean->kind);
	pdoc_free(clean);
	return (d);
}
