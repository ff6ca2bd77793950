/* The printing context (print.h's struct printer), shared by print.c,
 * the child (print-child.c) and print-reconcile.c: a type only. */
#ifndef PRINTING_PRINT_INT_H
#define PRINTING_PRINT_INT_H

struct journal;

struct printer {
	char		*folder;	/* <state>/prints */
	char		*docs;		/* <state>/prints/docs: kept documents */
	char		*helper;
	struct journal	*journal;
};

#endif
