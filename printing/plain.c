/* Plain text rendering, for the preview and ordinary printers. */
#include <stdlib.h>
#include <string.h>

#include "encode.h"
#include "layout.h"
#include "plain.h"
#include "../util/xmalloc.h"

/* One laid-out line as text, padded on the left to its alignment. */
static char *
text_line(const struct playout *l, const struct pline *p)
{
	int	pad = 0, w = playout_width(p->text), cols = l->cols;

	/* a screen has no double width: big text is centred as it is */
	if (p->align == PEL_CENTER)
		pad = (cols - w) / 2;
	else if (p->align == PEL_RIGHT)
		pad = cols - w;
	if (pad < 0)
		pad = 0;
	return (xasprintf("%*s%s", pad, "", p->text));
}

/* One laid-out line as plain text. */
static char *
render_line(const struct playout *l, const struct pline *p)
{
	struct buf	b;
	int		i;

	switch (p->kind) {
	case PLINE_TEXT:
		return (text_line(l, p));
	case PLINE_QR:
		return (xasprintf("[QR] %s", p->text));
	case PLINE_FEED:
		break;		/* the caller adds its newlines */
	case PLINE_CUT:
		buf_init(&b);
		for (i = 0; i < l->cols; i++)
			buf_add(&b, "=", 1);
		return (buf_steal(&b));
	}
	return (xstrdup(""));
}

/* The document as text for a screen or an ordinary printer. */
int
plain_render(const struct pdoc *d, int cols, const char *encoding,
    struct buf *out, char **cause)
{
	struct pencode	*enc = NULL;
	struct playout	*l;
	char		*s;
	size_t		 i;
	int		 n;

	if (encoding != NULL && (enc = pencode_new(encoding, cause)) == NULL)
		return (-1);
	l = playout_new(d, cols);
	for (i = 0; i < l->n; i++) {
		for (n = 1; l->lines[i].kind == PLINE_FEED && n < l->lines[i].n;
		    n++)
			buf_add(out, "\n", 1);
		s = render_line(l, &l->lines[i]);
		if (enc != NULL)
			pencode_add(enc, out, s);
		else
			buf_adds(out, s);
		buf_add(out, "\n", 1);
		free(s);
	}
	playout_free(l);
	pencode_free(enc);
	return (0);
}
