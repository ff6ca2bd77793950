/* CSV export and import, UTF-8 and GB18030. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conv.h"
#include "csv.h"
#include "i18n.h"
#include "text.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

#define BOM	"\xEF\xBB\xBF"

/* One record's fields, as split. */
struct fields {
	char	**v;
	size_t	  n;
};

/* Digits this long (or with a leading zero) lose digits or the zero
 * when a spreadsheet takes them for a number. */
static int
long_number(const char *s)
{
	size_t	n = strspn(s, "0123456789");

	if (n > 0 && (s[n] == 'X' || s[n] == 'x'))
		n++;
	return (s[n] == '\0' && (n >= 11 || (n >= 2 && s[0] == '0')));
}

/* A cell a spreadsheet would run as a formula, or one that starts with
 * the escape itself. */
static int
formula_like(const char *s)
{
	return (*s != '\0' && strchr("=+-@'", *s) != NULL);
}

/* One cell as a spreadsheet reads it back unchanged. */
static void
put_cell(struct buf *b, const char *s)
{
	size_t	len = strlen(s);
	int	quote;

	if (long_number(s)) {
		buf_printf(b, "\"=\"\"%s\"\"\"", s);
		return;
	}
	quote = strpbrk(s, ",\"\r\n") != NULL ||
	    (len > 0 && (s[0] == ' ' || s[len - 1] == ' '));
	if (quote)
		buf_add(b, "\"", 1);
	if (formula_like(s))
		buf_add(b, "'", 1);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_add(b, "\"", 1);
		buf_add(b, s, 1);
	}
	if (quote)
		buf_add(b, "\"", 1);
}

/* Whole rows, then the charset: quoting never sees GB18030 bytes. */
char *
csv_export(const char *const *cells, size_t nrows, size_t ncols,
    enum csv_charset cs, size_t *outlen, char **cause)
{
	struct buf	 b;
	size_t		 r, c;
	char		*out;

	buf_init(&b);
	for (r = 0; r < nrows; r++) {
		for (c = 0; c < ncols; c++) {
			if (c > 0)
				buf_add(&b, ",", 1);
			put_cell(&b, cells[r * ncols + c]);
		}
		buf_add(&b, "\r\n", 2);
	}
	if (!utf8_valid(b.data != NULL ? b.data : "", b.len)) {
		buf_free(&b);
		*cause = xstrdup("a cell is not UTF-8");
		return (NULL);
	}
	if (cs == CSV_GB18030) {
		out = conv_from_utf8("GB18030", b.data != NULL ? b.data : "",
		    b.len, NULL, outlen, NULL, cause);
		buf_free(&b);
		return (out);
	}
	*outlen = b.len + 3;
	out = xmalloc(b.len + 4);
	memcpy(out, BOM, 3);
	memcpy(out + 3, b.data != NULL ? b.data : "", b.len + 1);
	buf_free(&b);
	return (out);
}

/* Where the record starting at p ends: at the first LF outside quotes.
 * The quote and LF are ASCII, and neither UTF-8 nor GB18030 uses an
 * ASCII value in a multibyte character except 0x30-0x39 and 0x40-0x7E,
 * so this is safe on the file's own bytes. A quote left open, or closed
 * by a quote that text follows, would swallow the rows after it: then
 * the record is its first line only, and *open says so. */
static size_t
record_end(const char *p, size_t len, size_t *newlines, int *open)
{
	const char	*lf;
	size_t		 i;
	int		 inq = 0;

	*newlines = 0;
	*open = 0;
	for (i = 0; i < len; i++) {
		if (p[i] == '"') {
			inq = !inq;
			if (!inq && i + 1 < len &&
			    strchr(",\r\n\"", p[i + 1]) == NULL)
				break;
		} else if (p[i] == '\n') {
			if (!inq)
				return (i);
			(*newlines)++;
		}
	}
	if (i == len && !inq)
		return (len);
	*open = *newlines > 0;
	*newlines = 0;
	lf = memchr(p, '\n', len);
	return (lf != NULL ? (size_t)(lf - p) : len);
}

/* Ends the cell being built and keeps it. */
static void
add_field(struct fields *f, struct buf *cell)
{
	f->v = xreallocarray(f->v, f->n + 1, sizeof *f->v);
	f->v[f->n++] = buf_steal(cell);
}

/* Frees a record's fields and leaves the list empty for reuse. */
static void
fields_free(struct fields *f)
{
	size_t	i;

	for (i = 0; i < f->n; i++)
		free(f->v[i]);
	free(f->v);
	f->v = NULL;
	f->n = 0;
}

/* Splits one UTF-8 record into its fields by RFC 4180; -1 when a quote
 * is not closed or text follows a closing quote. */
static int
split(const char *s, struct fields *f)
{
	struct buf	cell;
	int		inq = 0, quoted = 0;

	buf_init(&cell);
	for (;; s++) {
		if (inq && *s == '"' && s[1] == '"') {
			buf_add(&cell, s++, 1);
		} else if (*s == '"' && (inq || (!quoted && cell.len == 0))) {
			inq = !inq;
			quoted = 1;
		} else if (!inq && (*s == ',' || *s == '\0')) {
			add_field(f, &cell);
			quoted = 0;
			if (*s == '\0')
				return (0);
		} else if (*s == '\0' || (quoted && !inq)) {
			buf_free(&cell);
			return (-1);
		} else
			buf_add(&cell, s, 1);
	}
}

/* A cell as the person meant it: blanks around it dropped, a
 * spreadsheet's ="…" and our formula escape undone. The caller frees. */
static char *
cell_value(const char *raw)
{
	size_t	len;

	while (*raw == ' ')
		raw++;
	len = strlen(raw);
	while (len > 0 && raw[len - 1] == ' ')
		len--;
	if (len >= 3 && raw[0] == '=' && raw[1] == '"' && raw[len - 1] == '"')
		return (xstrndup(raw + 2, len - 3));
	if (len >= 2 && raw[0] == '\'' && formula_like(raw + 1))
		return (xstrndup(raw + 1, len - 1));
	return (xstrndup(raw, len));
}

/* The file's charset: a BOM or valid UTF-8 says UTF-8, else GB18030. */
static enum csv_charset
detect(const char **buf, size_t *len)
{
	if (*len >= 3 && memcmp(*buf, BOM, 3) == 0) {
		*buf += 3;
		*len -= 3;
		return (CSV_UTF8);
	}
	return (utf8_valid(*buf, *len) ? CSV_UTF8 : CSV_GB18030);
}

/* One record as UTF-8 without its line end; NULL with a reason when its
 * bytes are not in the file's charset. */
static char *
record_text(enum csv_charset cs, const char *p, size_t n, size_t file_off,
    char **why)
{
	char	*s, *cause = NULL;
	size_t	 off;

	if (n > 0 && p[n - 1] == '\r')
		n--;
	if (cs == CSV_UTF8)
		return (xstrndup(p, n));
	if ((s = conv_to_utf8("GB18030", p, n, NULL, &off, &cause)) ==
	    NULL) {
		*why = xasprintf(_("bytes that are not GB18030 (at byte %zu "
		    "of the file)"), file_off + off);
		free(cause);
	}
	return (s);
}

struct reader {
	const struct csv_column	*cols;
	size_t			 ncols;
	size_t			*map;		/* column -> field, or -1 */
	size_t			 nfields;	/* in the header */
	struct csv_import	*im;
};

/* Header names are matched whole; English ones in any case. */
static int
header_is(const struct csv_column *c, const char *name)
{
	size_t	i;

	for (i = 0; i < 4 && c->names[i] != NULL; i++) {
		if (strcasecmp(c->names[i], name) == 0)
			return (1);
	}
	return (0);
}

/* Finds each column in the header row; -1 with *cause when a required
 * one is missing or one appears twice. */
static int
read_header(struct reader *rd, struct fields *f, char **cause)
{
	size_t	 c, i;
	char	*name;

	rd->map = xreallocarray(NULL, rd->ncols, sizeof *rd->map);
	rd->nfields = f->n;
	for (c = 0; c < rd->ncols; c++) {
		rd->map[c] = (size_t)-1;
		for (i = 0; i < f->n; i++) {
			name = cell_value(f->v[i]);
			if (header_is(&rd->cols[c], name)) {
				if (rd->map[c] != (size_t)-1) {
					*cause = xasprintf(_("the header has "
					    "the column %s twice"), name);
					free(name);
					return (-1);
				}
				rd->map[c] = i;
			}
			free(name);
		}
		if (rd->map[c] == (size_t)-1 && rd->cols[c].required) {
			*cause = xasprintf(_("the header has no column %s"),
			    rd->cols[c].names[0]);
			return (-1);
		}
	}
	return (0);
}

/* Refused rows are kept in file order for the report. */
static void
reject(struct csv_import *im, size_t line, char *reason)
{
	im->rejects = xreallocarray(im->rejects, im->nrejects + 1,
	    sizeof *im->rejects);
	im->rejects[im->nrejects].line = line;
	im->rejects[im->nrejects++].reason = reason;
}

/* The line of an accepted row with this value in column c, or 0. */
static size_t
seen(const struct csv_import *im, size_t c, const char *v)
{
	size_t	r;

	for (r = 0; r < im->nrows; r++) {
		if (strcmp(im->values[r * im->ncols + c], v) == 0)
			return (im->lines[r]);
	}
	return (0);
}

/* Why the value of column c cannot be taken, or NULL. */
static char *
refuse(const struct reader *rd, size_t c, const char *v)
{
	const struct csv_column	*col = &rd->cols[c];
	const char		*why;
	char			*safe;
	size_t			 other;

	if (*v == '\0')
		return (col->required ? xasprintf(_("%s is empty"),
		    col->names[0]) : NULL);
	safe = utf8_sanitize(v, 0);
	if (strcmp(safe, v) != 0) {
		free(safe);
		return (xasprintf(_("%s has control characters"),
		    col->names[0]));
	}
	free(safe);
	if (col->check != NULL && (why = col->check(v)) != NULL)
		return (xasprintf("%s: %s", col->names[0], _(why)));
	if (col->unique && (other = seen(rd->im, c, v)) != 0)
		return (xasprintf(_("%s is the same as on line %zu"),
		    col->names[0], other));
	return (NULL);
}

/* Takes one data row, or says why not. */
static void
read_row(struct reader *rd, struct fields *f, size_t line)
{
	struct csv_import	*im = rd->im;
	struct buf		 why;
	char			**v, *r;
	size_t			 c;

	for (c = 0; c < f->n && *f->v[c] == '\0'; c++)
		;
	if (c == f->n)
		return;			/* a row of empty cells */
	if (f->n != rd->nfields) {
		reject(im, line, xasprintf(_("%zu fields, but the header has "
		    "%zu"), f->n, rd->nfields));
		return;
	}
	v = xcalloc(rd->ncols, sizeof *v);
	buf_init(&why);
	for (c = 0; c < rd->ncols; c++) {
		v[c] = rd->map[c] == (size_t)-1 ? xstrdup("") :
		    cell_value(f->v[rd->map[c]]);
		if ((r = refuse(rd, c, v[c])) != NULL) {
			buf_printf(&why, "%s%s", why.len > 0 ? "; " : "", r);
			free(r);
		}
	}
	if (why.len > 0) {
		reject(im, line, buf_steal(&why));
		for (c = 0; c < rd->ncols; c++)
			free(v[c]);
	} else {
		im->values = xreallocarray(im->values, (im->nrows + 1) *
		    rd->ncols, sizeof *im->values);
		memcpy(im->values + im->nrows * rd->ncols, v, rd->ncols *
		    sizeof *v);
		im->lines = xreallocarray(im->lines, im->nrows + 1,
		    sizeof *im->lines);
		im->lines[im->nrows++] = line;
	}
	free(v);
}

/* Handles one record: the header first, then rows. -1 with *cause when
 * the header cannot be used. */
static int
read_record(struct reader *rd, const char *text, size_t line, char **cause)
{
	struct fields	f = { NULL, 0 };
	int		rc = 0;

	if (*text == '\0')
		return (0);		/* a blank line */
	if (split(text, &f) != 0) {
		if (rd->map == NULL) {
			*cause = xstrdup(_("the header has a quote that is not "
			    "closed"));
			return (-1);
		}
		reject(rd->im, line, xstrdup(_("a quote is not closed")));
	} else if (rd->map == NULL)
		rc = read_header(rd, &f, cause);
	else
		read_row(rd, &f, line);
	fields_free(&f);
	return (rc);
}

/* Handles the record of len bytes at buf, at line, of the file that
 * starts at start. -1 with *cause when it was a header that cannot be
 * used. */
static int
take_record(struct reader *rd, const char *start, const char *buf,
    size_t len, int open, size_t line, char **cause)
{
	char	*text, *why = NULL;
	int	 rc = 0;

	text = record_text(rd->im->charset, buf, len, (size_t)(buf - start),
	    &why);
	if (text != NULL && open && rd->map != NULL) {
		free(text);
		reject(rd->im, line, xstrdup(_("a quote is not closed")));
		return (0);
	}
	if (text == NULL && rd->map == NULL) {
		*cause = why;
		return (-1);
	}
	if (text == NULL)
		reject(rd->im, line, why);
	else
		rc = read_record(rd, text, line, cause);
	free(text);
	return (rc);
}

/* Walks the records of the whole file; -1 with *cause on a bad header. */
static int
read_all(struct reader *rd, const char *buf, size_t len, char **cause)
{
	const char	*start = buf;
	size_t		 end, line = 1, nl;
	int		 open;

	while (len > 0) {
		end = record_end(buf, len, &nl, &open);
		if (take_record(rd, start, buf, end, open, line, cause) != 0)
			return (-1);
		line += nl + 1;
		end += end < len;	/* the LF */
		buf += end;
		len -= end;
	}
	if (rd->map == NULL) {
		*cause = xstrdup(_("the file has no header row"));
		return (-1);
	}
	return (0);
}

/* The charset is decided once, for the whole file. */
struct csv_import *
csv_import(const char *buf, size_t len, const struct csv_column *cols,
    size_t ncols, char **cause)
{
	struct reader		 rd;
	struct csv_import	*im = xcalloc(1, sizeof *im);

	memset(&rd, 0, sizeof rd);
	rd.cols = cols;
	rd.ncols = ncols;
	rd.im = im;
	im->ncols = ncols;
	im->charset = detect(&buf, &len);
	if (read_all(&rd, buf, len, cause) != 0) {
		free(rd.map);
		csv_import_free(im);
		return (NULL);
	}
	free(rd.map);
	return (im);
}

/* Accepts NULL, like every destructor here. */
void
csv_import_free(struct csv_import *im)
{
	size_t	i;

	if (im == NULL)
		return;
	for (i = 0; i < im->nrows * im->ncols; i++)
		free(im->values[i]);
	for (i = 0; i < im->nrejects; i++)
		free(im->rejects[i].reason);
	free(im->values);
	free(im->lines);
	free(im->rejects);
	free(im);
}
