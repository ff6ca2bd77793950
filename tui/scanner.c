/* Telling a card reader's burst from typing, by timing and shape. */
#include "keys.h"
#include "scanner.h"

/* The n-th character of an ID number: digits, and X only as the check
 * character, so that a lone X (a letter key of a screen) is never held. */
static int
id_char(int key, int n)
{
	if (key >= '0' && key <= '9')
		return (n < SCAN_LEN);
	return (n == SCAN_LEN - 1 && (key == 'X' || key == 'x'));
}

/* Gives back what is held and was not shown, as typed. */
static int
give_back(struct scanner *s, int *out)
{
	int	i, n = 0;

	for (i = s->shown; i < s->n; i++)
		out[n++] = (unsigned char)s->held[i];
	s->n = s->shown = 0;
	return (n);
}

int
scanner_feed(struct scanner *s, int key, int show, long long now, int *out,
    char *id)
{
	int	n = 0, i;

	if (s->n > 0 && now - s->last > SCAN_GAP_MS)
		n = give_back(s, out);	/* typed, and a pause since */
	if (id_char(key, s->n)) {
		if (show && n == 0 && s->shown == s->n) {
			s->shown++;
			out[n++] = key;
		}
		s->held[s->n++] = (char)(key == 'x' ? 'X' : key);
		s->last = now;
		return (n);
	}
	if (key == TK_ENTER && s->n == SCAN_LEN) {
		for (i = 0; i < SCAN_LEN; i++)
			id[i] = s->held[i];
		id[SCAN_LEN] = '\0';
		s->n = s->shown = 0;
		return (-1);
	}
	n += give_back(s, out + n);
	out[n++] = key;
	return (n);
}

int
scanner_expire(struct scanner *s, long long now, int *out)
{
	if (s->n == 0 || now - s->last <= SCAN_GAP_MS)
		return (0);
	return (give_back(s, out));	/* nothing, if all were shown */
}

long
scanner_due(const struct scanner *s, long long now)
{
	long long	left;

	if (s->n == s->shown)
		return (-1);
	left = s->last + SCAN_GAP_MS + 1 - now;
	return (left > 0 ? (long)left : 0);
}
