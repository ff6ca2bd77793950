/* The slip with a fresh 取件码 a clerk gives a resident for the
 * self-service terminal (paper-pickup.c). */
#ifndef PRINTING_PAPER_PICKUP_H
#define PRINTING_PAPER_PICKUP_H

struct pdoc;

/* The slip for name's code, valid through valid_until (YYYY-MM-DD);
 * id names the document (a fresh one each time: a new code is no
 * reprint). The caller frees it. */
struct pdoc	*paper_pickup_code(const char *id, const char *name,
		    const char *code, const char *valid_until);

#endif
