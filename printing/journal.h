/*
 * The print journal: what happened to each document id, so that a
 * document prints once and a second copy is a reprint (补打) asked for.
 * One line is appended (and fsync'd) per change, in prints/journal under
 * the state folder (0600); the last line of an id is its state.
 *
 *	pending	written before anything is handed to a printer
 *	sent	handed over: CUPS job id known, or bytes written out
 *	done	the printer (or the file) has it
 *	aborted	the printer gave up part way: it may have printed
 *	failed	nothing reached a printer: it may be printed again as is
 *	unknown	a crash left it unclear: only a reprint, asked for
 */
#ifndef PRINTING_JOURNAL_H
#define PRINTING_JOURNAL_H

#include <time.h>

enum pj_state {
	PJ_NONE,
	PJ_PENDING,
	PJ_SENT,
	PJ_DONE,
	PJ_ABORTED,
	PJ_FAILED,
	PJ_UNKNOWN
};

struct pj_entry {
	time_t		 at;
	char		*id;
	int		 copy;
	enum pj_state	 state;
	char		*sink;		/* cups, tcp, device, file */
	char		*dest;		/* queue, host:port, path, file */
	int		 job;		/* CUPS job id, 0 if none */
	char		*detail;	/* a reason, a path */
};

struct journal;

/* Opens (creating 0600) and reads the journal. NULL with *cause. */
struct journal	*journal_open(const char *path, char **cause);
void		 journal_free(struct journal *);
/* Reads lines appended since (by another process, the print child). */
void		 journal_refresh(struct journal *);
/* Appends e durably. Returns 0, or -1 with *cause: then nothing may be
 * handed to a printer. */
int		 journal_append(struct journal *, const struct pj_entry *,
		     char **cause);
/* The last entry of an id, NULL if none. Valid until the next call. */
const struct pj_entry *journal_last(struct journal *, const char *id);
/* Calls fn for the last entry of every id, oldest first. */
void		 journal_each(struct journal *,
		     void (*fn)(const struct pj_entry *, void *), void *);
const char	*journal_state_name(enum pj_state);
/* Whether a document in this state may already be on paper. */
int		 journal_maybe_printed(enum pj_state);

#endif
