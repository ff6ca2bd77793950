/*
 * A resident's status changed from the profile (resident-status.c): a
 * death reported (its date, how it was learned), confirmed with its
 * source or rejected by a supervisor, a move out (date, where to) or in
 * (date, where from); and a data-error flag raised. Each is asked step
 * by step in the kit's dialogs and sent at the version on screen; the
 * profile then loads again.
 */
#ifndef TUI_RESIDENT_STATUS_H
#define TUI_RESIDENT_STATUS_H

struct resident;

#define STATUS_ASK_MAX	8

/* One change being asked for; lives in the profile's data (owner),
 * whose requests the kit cancels when it goes. */
struct status_ask {
	const void	*owner;
	int		 slot;
	long long	 id, version;
	char		*name;
	int		 action;	/* resident-status.c's table */
	int		 offered[STATUS_ASK_MAX]; /* the actions listed */
	char		*date;		/* each NULL until given */
	char		*place;
	char		*source;
	char		*reason;
};

/* T: the changes the resident's status and the role allow, to choose
 * from. owner and slot set. */
void	status_ask_start(struct status_ask *, const struct resident *);
/* F: a data-error flag's text, then it is raised. */
void	status_ask_flag(struct status_ask *, const struct resident *);
/* Frees what the question holds (owner, slot stay). */
void	status_ask_clear(struct status_ask *);

#endif
