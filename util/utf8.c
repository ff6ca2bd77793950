/* UTF-8 decoding and encoding, and making text safe to show: nothing
 * here depends on the language or the terminal. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"
#include "xmalloc.h"

struct range {
	uint32_t	lo, hi;
};

/* Format characters (Cf) and other code points that must never reach a
 * terminal: they reorder, hide or join text. */
static const struct range unsafe[] = {
	{ 0x0000, 0x001F }, { 0x007F, 0x009F }, { 0x00AD, 0x00AD },
	{ 0x0600, 0x0605 }, { 0x061C, 0x061C }, { 0x06DD, 0x06DD },
	{ 0x070F, 0x070F }, { 0x0890, 0x0891 }, { 0x08E2, 0x08E2 },
	{ 0x180E, 0x180E }, { 0x200B, 0x200F }, { 0x2028, 0x202E },
	{ 0x2060, 0x2064 }, { 0x2066, 0x206F }, { 0xD800, 0xDFFF },
	{ 0xFEFF, 0xFEFF }, { 0xFFF9, 0xFFFB }, { 0x110BD, 0x110BD },
	{ 0x110CD, 0x110CD }, { 0x13430, 0x1343F }, { 0x1BCA0, 0x1BCA3 },
	{ 0x1D173, 0x1D17A }, { 0xE0001, 0xE0001 }, { 0xE0020, 0xE007F },
};

static int
in_table(const struct range *t, size_t n, uint32_t cp)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (cp < t[mid].lo)
			hi = mid;
		else if (cp > t[mid].hi)
			lo = mid + 1;
		else
			return (1);
	}
	return (0);
}

size_t
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 c, min;
	size_t			 n, i;

	if (len == 0)
		return (0);
	c = u[0];
	if (c < 0x80) {
		*cp = c;
		return (1);
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2; c &= 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3; c &= 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4; c &= 0x07; min = 0x10000;
	} else
		goto bad;
	if (len < n)
		goto bad;
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*cp = c;
	return (n);
bad:
	*cp = UTF8_REPLACEMENT;
	return (1);
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char	*o = (unsigned char *)out;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = UTF8_REPLACEMENT;
	if (cp < 0x80) {
		o[0] = cp;
		return (1);
	}
	if (cp < 0x800) {
		o[0] = 0xC0 | (cp >> 6);
		o[1] = 0x80 | (cp & 0x3F);
		return (2);
	}
	if (cp < 0x10000) {
		o[0] = 0xE0 | (cp >> 12);
		o[1] = 0x80 | ((cp >> 6) & 0x3F);
		o[2] = 0x80 | (cp & 0x3F);
		return (3);
	}
	o[0] = 0xF0 | (cp >> 18);
	o[1] = 0x80 | ((cp >> 12) & 0x3F);
	o[2] = 0x80 | ((cp >> 6) & 0x3F);
	o[3] = 0x80 | (cp & 0x3F);
	return (4);
}

int
utf8_valid(const char *s, size_t len)
{
	uint32_t	cp;
	size_t		n;

	while (len > 0) {
		n = utf8_decode(s, len, &cp);
		if (cp == UTF8_REPLACEMENT && n == 1 &&
		    (unsigned char)*s >= 0x80)
			return (0);
		s += n;
		len -= n;
	}
	return (1);
}

size_t
utf8_chars(const char *s)
{
	size_t		len = strlen(s), n, count = 0;
	uint32_t	cp;

	while ((n = utf8_decode(s, len, &cp)) != 0) {
		s += n;
		len -= n;
		count++;
	}
	return (count);
}

int
utf8_is_unsafe(uint32_t cp)
{
	return (in_table(unsafe, sizeof unsafe / sizeof *unsafe, cp));
}

char *
utf8_sanitize(const char *s, int keep_newlines)
{
	struct buf	b;
	size_t		len = strlen(s), n;
	uint32_t	cp;
	char		enc[4];

	buf_init(&b);
	buf_add(&b, "", 0);
	while ((n = utf8_decode(s, len, &cp)) != 0) {
		s += n;
		len -= n;
		if (cp == '\t')
			cp = ' ';
		else if (cp == '\n' && keep_newlines)
			;
		else if (utf8_is_unsafe(cp) || (cp & 0xFFFE) == 0xFFFE ||
		    (cp >= 0xFDD0 && cp <= 0xFDEF))
			cp = UTF8_REPLACEMENT;
		buf_add(&b, enc, utf8_encode(cp, enc));
	}
	return (buf_steal(&b));
}
