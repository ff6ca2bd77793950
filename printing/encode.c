/* UTF-8 to the GB encodings, with a visible replacement. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "encode.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

struct pencode {
	iconv_t	 cd;
	char	 repl[4];	/* ？ in the encoding, or ? */
	size_t	 repl_len;
};

/* Converts one UTF-8 character; 0 if the encoding lacks it. */
static size_t
one(struct pencode *e, const char *in, size_t len, char *out, size_t room)
{
	char	*ip = (char *)in, *op = out;
	size_t	 il = len, ol = room;

	iconv(e->cd, NULL, NULL, NULL, NULL);
	if (iconv(e->cd, &ip, &il, &op, &ol) == (size_t)-1 || il != 0)
		return (0);
	return (room - ol);
}

/* A converter to a printer encoding, with its replacement character ready. */
struct pencode *
pencode_new(const char *encoding, char **cause)
{
	struct pencode	*e;
	iconv_t		 cd;

	if ((cd = iconv_open(encoding, "UTF-8")) == (iconv_t)-1) {
		*cause = xasprintf("no iconv conversion to %s", encoding);
		return (NULL);
	}
	e = xcalloc(1, sizeof *e);
	e->cd = cd;
	e->repl_len = one(e, "？", strlen("？"), e->repl, sizeof e->repl);
	if (e->repl_len == 0) {
		e->repl[0] = '?';
		e->repl_len = 1;
	}
	return (e);
}

/* Frees a converter; NULL is fine. */
void
pencode_free(struct pencode *e)
{
	if (e == NULL)
		return;
	iconv_close(e->cd);
	free(e);
}

/* Encodes text for the printer, never passing a control on. */
int
pencode_add(struct pencode *e, struct buf *b, const char *s)
{
	size_t		len = strlen(s), n, got;
	uint32_t	cp;
	char		out[8];
	int		replaced = 0;

	while ((n = utf8_decode(s, len, &cp)) != 0) {
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
		    utf8_is_unsafe(cp))
			got = 0;	/* dropped: never a command */
		else if (cp < 0x80) {
			out[0] = (char)cp;
			got = 1;
		} else if (cp == TEXT_REPLACEMENT ||
		    (got = one(e, s, n, out, sizeof out)) == 0) {
			memcpy(out, e->repl, e->repl_len);
			got = e->repl_len;
			replaced++;
		}
		buf_add(b, out, got);
		s += n;
		len -= n;
	}
	return (replaced);
}

/* Encodes a string on its own, for tests and plain text. */
char *
pencode_string(struct pencode *e, const char *s, size_t *len)
{
	struct buf	b;

	buf_init(&b);
	buf_add(&b, "", 0);
	pencode_add(e, &b, s);
	if (len != NULL)
		*len = b.len;
	return (buf_steal(&b));
}
