/*
 * The types of printing a document (print.h): where it goes and how its
 * job stands. Types only, no functions behind them: print.c, the child
 * (print-child.c) and the journal entries (print-entry.c) share them.
 */
#ifndef PRINTING_PRINT_TYPES_H
#define PRINTING_PRINT_TYPES_H

struct pprofile;

enum print_sink {
	PRINT_FILE,		/* the prints folder: the demo */
	PRINT_CUPS,
	PRINT_TCP,		/* host[:port], raw, port 9100 */
	PRINT_DEVICE		/* /dev/usb/lp0 */
};

struct print_target {
	enum print_sink		 sink;
	const char		*dest;		/* queue, host:port, device */
	/* For roll documents: ESC/POS for this printer. NULL: plain text
	 * (UTF-8) for an ordinary printer. A4 documents are always PDF. */
	const struct pprofile	*profile;
};

enum print_status {
	PRINT_SENDING,
	PRINT_QUEUED,		/* in CUPS, waiting its turn */
	PRINT_PRINTING,
	PRINT_STOPPED,		/* the printer is stopped, paused, empty */
	PRINT_DONE,
	PRINT_FAILED,		/* nothing printed: may be printed again */
	PRINT_ABORTED		/* may be partly printed: reprint only */
};

#endif
