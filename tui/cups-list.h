/* The printers CUPS has, asked in a child process (libcups blocks), the
 * answer taken by the event loop. */
#ifndef TUI_CUPS_LIST_H
#define TUI_CUPS_LIST_H

struct cups_listing;

/* names and infos hold n strings (the default printer first); cause is
 * set instead when CUPS cannot be asked. Everything passed is the
 * listing's, gone after done returns. */
typedef void (*cups_listed)(char **names, char **infos, int n,
    const char *cause, void *arg);

/* NULL (with done never called) when no child can be started. */
struct cups_listing	*cups_listing_start(cups_listed done, void *arg);
/* Stops the child; done is not called. */
void			 cups_listing_cancel(struct cups_listing *);

#endif
