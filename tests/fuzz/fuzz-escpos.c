/* libFuzzer: any document (elements and text from the bytes) through the
 * ESC/POS renderer with every built-in profile, under ASan and UBSan: it
 * renders, starting with ESC @, or says why it cannot. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../printing/doc.h"
#include "../../printing/escpos.h"
#include "../../printing/profile.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The next NUL- or end-terminated piece of the input, as a string. */
static char *
piece(const uint8_t **p, const uint8_t *end)
{
	const uint8_t	*s = *p;
	char		*out;
	size_t		 n;

	while (*p < end && **p != 0)
		(*p)++;
	n = (size_t)(*p - s);
	if (*p < end)
		(*p)++;
	out = malloc(n + 1);
	if (out == NULL)
		abort();
	memcpy(out, s, n);
	out[n] = '\0';
	return (out);
}

static struct pdoc *
build(const uint8_t *data, size_t size)
{
	const uint8_t	*p = data, *end = data + size;
	struct pdoc	*d = pdoc_new("fuzz-1", "receipt", PDOC_ROLL, "fuzz");
	char		*a, *b;
	int		 op;

	while (p < end && d->nels < 64) {
		op = *p++;
		a = piece(&p, end);
		b = piece(&p, end);
		switch (op % 9) {
		case 0:
			pdoc_text(d, (enum pel_align)((op >> 4) % 3),
			    (op >> 2) & 0xf, a);
			break;
		case 1:
			pdoc_field(d, a, b);
			break;
		case 2:
			pdoc_para(d, a);
			break;
		case 3:
			pdoc_rule(d);
			break;
		case 4:
			pdoc_qr(d, a, b);
			break;
		case 5:
			pdoc_sign(d, a);
			break;
		case 6:
			pdoc_seal(d, a, b);
			break;
		case 7:
			pdoc_feed(d, op >> 4);
			break;
		default:
			pdoc_cut(d);
		}
		free(a);
		free(b);
	}
	return (d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct pprofile	*pr;
	struct pdoc		*d = build(data, size);
	struct buf		 out;
	char			*cause;
	int			 i;

	for (i = 0; (pr = profile_at(i)) != NULL; i++) {
		buf_init(&out);
		cause = NULL;
		if (escpos_render(d, pr, &out, &cause) != 0) {
			if (cause == NULL)
				abort();	/* a failure says why */
			free(cause);
		} else if (out.len == 0 || out.data[0] != 0x1b)
			abort();		/* it starts with ESC @ */
		buf_free(&out);
	}
	pdoc_free(d);
	return (0);
}
