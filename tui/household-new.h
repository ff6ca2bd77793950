/*
 * A household made (立户) from the profile of a resident who belongs to
 * none (household-new.c): he becomes its head (户主), at an address
 * that is his own unless the clerk types another, in his community and
 * grid.
 */
#ifndef TUI_HOUSEHOLD_NEW_H
#define TUI_HOUSEHOLD_NEW_H

struct resident;

/* One household being asked for; lives in the profile's data (owner),
 * whose requests the kit cancels when it goes. */
struct hh_new {
	const void	*owner;
	int		 slot;
	long long	 head_id;
	long long	 community_id;
	long long	 grid_id;	/* 0: none */
	char		*name;
	char		*address;	/* his, then the one typed */
	char		*reason;	/* NULL until asked */
};

/* U on a profile without a household: asks whether to make one with r
 * as its head, its address and why, then makes it. owner and slot
 * set. */
void	household_new_ask(struct hh_new *, const struct resident *r);
/* Frees what the question holds (owner, slot stay). */
void	household_new_clear(struct hh_new *);

#endif
