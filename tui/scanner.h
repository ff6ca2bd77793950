/*
 * A card reader's burst told from typing: the reader types an ID
 * number's 18 characters and Enter faster than anyone types, so digits
 * (and the X of the check character) are held back while a burst may be
 * coming and given back, as typed, once one cannot be (a pause, another
 * key, an Enter after too few). Where a digit is only text added to a
 * field, the caller may show it at once instead and take it back if the
 * burst turns out to be a card's. Pure state: times are passed in.
 */
#ifndef TUI_SCANNER_H
#define TUI_SCANNER_H

#define SCAN_GAP_MS	150	/* a reader types far faster than this */
#define SCAN_LEN	18

struct scanner {
	char		 held[SCAN_LEN + 1];
	int		 n;
	int		 shown;		/* of held, how many went on already */
	long long	 last;		/* ms, when the last key was held */
};

/* Takes key, typed at now (ms). Writes into out (SCAN_LEN + 1 keys of
 * room) the keys the screen gets now, in the order typed, and returns
 * how many; returns -1 instead when key ended a burst, with the ID
 * number in id (SCAN_LEN + 1 bytes, X upper case), of which the screen
 * had already been given the first `shown` (as counted before the
 * call). With show set, a key that could begin or go on with a burst
 * goes on at once as well as being held, when nothing held waits. */
int	scanner_feed(struct scanner *, int key, int show, long long now,
	    int *out, char *id);
/* The held keys once a pause shows no burst is coming (into out, as
 * above); 0 while one may still come. */
int	scanner_expire(struct scanner *, long long now, int *out);
/* Milliseconds until scanner_expire() has keys to give, -1 if none
 * wait (none held, or all of them shown). */
long	scanner_due(const struct scanner *, long long now);

#endif
