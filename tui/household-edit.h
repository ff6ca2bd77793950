/*
 * A household's members changed from the profile's household table
 * (household-edit.c): a resident added by ID number (moved from his
 * household if he had one), the chosen member removed, his relation to
 * the head set, made the head, or members split off into a new
 * household with a new head. The household is read first for its
 * version, so that two counters' changes are caught (If-Match).
 */
#ifndef TUI_HOUSEHOLD_EDIT_H
#define TUI_HOUSEHOLD_EDIT_H

struct household;
struct resident;

#define HH_ASK_MAX	8

/* One change being asked for; lives in the profile's data (owner),
 * whose requests the kit cancels when it goes. */
struct hh_ask {
	const void		*owner;
	int			 slot;
	long long		 household_id;
	long long		 member;	/* the member chosen on the
						   table */
	struct household	*h;		/* as read: its version */
	int			 action;	/* household-edit.c's table */
	int			 offered[HH_ASK_MAX];
	long long		 who;		/* the resident acted on */
	char			*who_name;
	char			*relation;	/* each NULL until given */
	char			*former;
	char			*address;
	char			*reason;
	int			 confirmed;
	/* a split: the members ticked, the new head, each one's relation
	 * in the new household */
	unsigned char		*ticks;
	int			 head;		/* index in h->members; -1 */
	char			**relations;
};

/* U: reads r's household, then offers what may be done to it and to
 * the member chosen (member: a resident id). owner and slot set. */
void	household_ask_start(struct hh_ask *, const struct resident *r,
	    long long member);
/* Frees what the question holds (owner, slot stay). */
void	household_ask_clear(struct hh_ask *);

#endif
