/*
 * CUPS: the printers there are, a job handed over (raw bytes for ESC/POS,
 * application/pdf for A4), and the state of a job and of its printer.
 * These calls block (on a socket, with timeouts): the client makes them in
 * a child process, never in its event loop.
 */
#ifndef PRINTING_CUPS_H
#define PRINTING_CUPS_H

#include <stddef.h>

#define PCUPS_RAW	"application/vnd.cups-raw"
#define PCUPS_PDF	"application/pdf"
#define PCUPS_TEXT	"text/plain"

struct pcups_dest {
	char	*name;
	char	*info;		/* printer-info, or "" */
	int	 is_default;
};

enum pcups_job {
	PCUPS_JOB_PENDING,
	PCUPS_JOB_HELD,
	PCUPS_JOB_PROCESSING,
	PCUPS_JOB_STOPPED,
	PCUPS_JOB_CANCELED,
	PCUPS_JOB_ABORTED,
	PCUPS_JOB_COMPLETED,
	PCUPS_JOB_GONE		/* CUPS no longer knows it */
};

struct pcups_state {
	enum pcups_job	 job;
	int		 printer_stopped;	/* printer-state stopped */
	char		 reasons[256];		/* printer-state-reasons */
	char		 message[256];		/* printer or job message */
};

/* The queues of cupsGetDests. Returns the count (0 is fine), or -1 with
 * *cause when CUPS cannot be reached. */
int	pcups_list(struct pcups_dest **, char **cause);
void	pcups_list_free(struct pcups_dest *, int);
/* Creates a job titled title on queue, sends data as format, and
 * returns its id; *job is set as soon as the job exists (even if the
 * sending then fails), so that it is journaled. -1 with *cause. */
int	pcups_submit(const char *queue, const char *title, const char *format,
	    const void *data, size_t len, int *job, char **cause);
/* The state of a job and of its printer. -1 with *cause. */
int	pcups_state(const char *queue, int job, struct pcups_state *,
	    char **cause);
/* The id of the newest job on queue with this title, 0 if none. -1 with
 * *cause when CUPS cannot be asked. */
int	pcups_find(const char *queue, const char *title, char **cause);
int	pcups_cancel(const char *queue, int job, char **cause);
/* Whether a job state is final. */
int	pcups_final(enum pcups_job);

#endif
