/* bianmin-pdf: renders one document (bianmin-doc text on standard
 * input) as an A4 PDF. The client runs it as a child, so that cairo and
 * pango are never loaded into the client. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc-io.h"
#include "doc.h"
#include "pdf.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

#define PDF_INPUT_MAX	(4 * 1024 * 1024)

/* Reads the document, refusing one absurdly long. */
static char *
read_all(FILE *f)
{
	struct buf	b;
	char		chunk[8192];
	size_t		n;

	buf_init(&b);
	buf_add(&b, "", 0);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > PDF_INPUT_MAX) {
			buf_free(&b);
			return (NULL);
		}
		buf_add(&b, chunk, n);
	}
	return (buf_steal(&b));
}

/* Renders standard input to the named PDF, or says why not. */
int
main(int argc, char **argv)
{
	struct pdoc	*d;
	char		*text, *cause = NULL;

	setlocale(LC_ALL, "C.UTF-8");
	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: bianmin-pdf OUTPUT.pdf < document\n");
		return (2);
	}
	if ((text = read_all(stdin)) == NULL) {
		fprintf(stderr, "bianmin-pdf: the document is too long\n");
		return (1);
	}
	if ((d = pdoc_parse(text, &cause)) == NULL ||
	    pdf_render(d, argv[1], &cause) != 0) {
		fprintf(stderr, "bianmin-pdf: %s\n", cause);
		unlink(argv[1]);
		return (1);
	}
	pdoc_free(d);
	free(text);
	return (0);
}
