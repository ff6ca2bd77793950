/*
 * The print child: forked by print_start() (print.c), it renders a
 * document, hands it to its sink, and follows the job, reporting each
 * change on a pipe.
 */
#ifndef PRINTING_PRINT_CHILD_H
#define PRINTING_PRINT_CHILD_H

#include "doc.h"
#include "print-types.h"

struct printer;

/* The child's whole life: render, hand over, follow; reports on fd. */
void	print_child(struct printer *, const struct pdoc *,
	    const struct print_target *, int fd) __attribute__((noreturn));

#endif
