/*
 * Printing a document, exactly once, without blocking the caller.
 *
 * print_start() checks the journal (a document that may be on paper
 * already prints again only as a reprint, asked for and marked 补打), keeps
 * the document in the prints folder, journals it as pending, and forks a
 * child that renders it (ESC/POS, or PDF through bin/bianmin-pdf),
 * hands it to the sink, journals the CUPS job id, and then follows the job
 * and its printer, reporting each change on a pipe. The caller polls
 * print_job_fd() in its event loop and calls print_job_update() when it is
 * readable. printer_reconcile() (print-reconcile.h) settles, at start,
 * what a crash left pending; it never prints anything by itself.
 */
#ifndef PRINTING_PRINT_H
#define PRINTING_PRINT_H

#include "doc.h"
#include "journal.h"
#include "print-types.h"
#include "profile.h"

struct printer;
struct print_job;

/* The printing context of a state folder ($XDG_STATE_HOME/bianmin):
 * its prints folder and journal. NULL with *cause. */
struct printer	*printer_new(const char *state_dir, char **cause);
void		 printer_free(struct printer *);
/* The folder where files are printed (and documents kept). */
const char	*printer_folder(const struct printer *);
/* The PDF helper to run; default bianmin-pdf next to this program, or
 * BIANMIN_PDF from the environment. */
void		 printer_set_helper(struct printer *, const char *);
/* The journal's word on a document id (PJ_NONE if never printed). */
enum pj_state	 printer_state(struct printer *, const char *id, int *copy);

/* Starts printing d (the caller keeps d). reprint must be set to print
 * a document that may already be on paper; d is then marked 补打. NULL
 * with *cause (translated) when nothing was started. */
struct print_job *print_start(struct printer *, struct pdoc *d,
		    const struct print_target *, int reprint, char **cause);
int		 print_job_fd(const struct print_job *);
/* Reads what the child reported; returns 1 once the job is settled
 * (done, failed, aborted) or the child is gone, 0 while it goes on. */
int		 print_job_update(struct print_job *);
/* Blocks until the job is settled (tests, the command line). */
void		 print_job_wait(struct print_job *);
enum print_status print_job_status(const struct print_job *);
/* A sentence for the status line, translated. */
const char	*print_job_message(const struct print_job *);
/* The file written by the file sink, or NULL. */
const char	*print_job_path(const struct print_job *);
int		 print_job_cups_id(const struct print_job *);
/* Stops following the job (the printing itself goes on in CUPS). */
void		 print_job_free(struct print_job *);

#endif
