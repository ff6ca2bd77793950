/* GB18030, GBK and UTF-8 through iconv, with the offset of bad input. */
#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

#include "conv.h"
#include "text.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

/* Runs iconv over as much of *in as converts, appending to b; returns 0
 * when all of it did, else the errno (EILSEQ, EINVAL) with *in and *len
 * left at the byte that stopped it. */
static int
run(iconv_t cd, const char **in, size_t *len, struct buf *b)
{
	char	 out[1024], *op;
	size_t	 ol, r;

	while (*len > 0) {
		op = out;
		ol = sizeof out;
		r = iconv(cd, (char **)in, len, &op, &ol);
		buf_add(b, out, (size_t)(op - out));
		if (r == (size_t)-1 && errno != E2BIG)
			return (errno);
	}
	op = out;
	ol = sizeof out;
	iconv(cd, NULL, NULL, &op, &ol);	/* flush any shift state */
	buf_add(b, out, (size_t)(op - out));
	return (0);
}

/* The failure of a conversion: NULL, with the offset in both outputs. */
static char *
failed(struct buf *b, iconv_t cd, size_t off, size_t *bad_offset,
    char **cause, const char *what, const char *charset)
{
	buf_free(b);
	iconv_close(cd);
	if (bad_offset != NULL)
		*bad_offset = off;
	if (cause != NULL)
		*cause = xasprintf("%s %s at byte offset %zu", what, charset,
		    off);
	return (NULL);
}

/* A conversion descriptor, or the reason there is none. */
static iconv_t
open_cd(const char *to, const char *from, char **cause)
{
	iconv_t	cd = iconv_open(to, from);

	if (cd == (iconv_t)-1 && cause != NULL)
		*cause = xasprintf("no conversion from %s to %s", from, to);
	return (cd);
}

/* The result: its length out, and NUL-terminated whatever it holds. */
static char *
finish(struct buf *b, iconv_t cd, size_t *outlen)
{
	size_t	n = b->len;

	iconv_close(cd);
	if (outlen != NULL)
		*outlen = n;
	return (buf_steal(b));
}

char *
conv_from_utf8(const char *charset, const char *in, size_t len,
    const char *repl, size_t *outlen, size_t *bad_offset, char **cause)
{
	const char	*start = in;
	struct buf	 b;
	iconv_t		 cd;
	uint32_t	 cp;
	size_t		 n;

	if ((cd = open_cd(charset, "UTF-8", cause)) == (iconv_t)-1)
		return (NULL);
	buf_init(&b);
	while (run(cd, &in, &len, &b) != 0) {
		/* valid UTF-8 that the charset lacks, or not UTF-8 at all */
		n = utf8_decode(in, len, &cp);
		if (!utf8_valid(in, n))
			return (failed(&b, cd, (size_t)(in - start),
			    bad_offset, cause, "invalid UTF-8, converting to",
			    charset));
		if (repl == NULL)
			return (failed(&b, cd, (size_t)(in - start),
			    bad_offset, cause, "a character not in",
			    charset));
		buf_adds(&b, repl);
		in += n;
		len -= n;
	}
	return (finish(&b, cd, outlen));
}

char *
conv_to_utf8(const char *charset, const char *in, size_t len,
    size_t *outlen, size_t *bad_offset, char **cause)
{
	const char	*start = in;
	struct buf	 b;
	iconv_t		 cd;
	int		 e;

	if ((cd = open_cd("UTF-8", charset, cause)) == (iconv_t)-1)
		return (NULL);
	buf_init(&b);
	if ((e = run(cd, &in, &len, &b)) != 0)
		return (failed(&b, cd, (size_t)(in - start), bad_offset,
		    cause, e == EINVAL ? "truncated" : "invalid", charset));
	return (finish(&b, cd, outlen));
}

/* Before curses runs, stdio writes bytes as they are: they must be the
 * terminal's. */
char *
conv_to_locale(const char *s)
{
	const char	*cs = nl_langinfo(CODESET);
	char		*out;

	if (strcmp(cs, "UTF-8") == 0)
		return (xstrdup(s));
	out = conv_from_utf8(cs, s, strlen(s), "?", NULL, NULL, NULL);
	return (out != NULL ? out : xstrdup(s));
}

/* Asked one character at a time, so the answer is exact, not a guess by
 * range. */
int
conv_can_encode(const char *charset, unsigned int cp)
{
	char	 u[4], *out;
	size_t	 n = utf8_encode(cp, u);

	if ((out = conv_from_utf8(charset, u, n, NULL, NULL, NULL,
	    NULL)) == NULL)
		return (0);
	free(out);
	return (1);
}
