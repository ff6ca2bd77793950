/* The 告知承诺书 (paper-promise.c): the written promise a resident signs
 * in place of a proof (证明事项告知承诺制, docs/api.md 8). */
#ifndef PRINTING_PAPER_PROMISE_H
#define PRINTING_PAPER_PROMISE_H

#include <stddef.h>
#include <time.h>

struct pdoc;

/* What the promise is about: the proofs of an application it replaces,
 * or a certificate issued on it. Strings may come from the server. */
struct paper_promise {
	const char		*centre;	/* who takes the promise */
	const char		*counter;
	const char		*staff;
	int			 certificate;	/* 1: a certificate */
	const char		*subject;	/* the service or the type */
	const char		*txcode;	/* the service's, or NULL */
	const char		*reference;	/* the number or the serial */
	const char		*resident;
	const char		*id_masked;
	const char * const	*matters;	/* what is promised */
	size_t			 nmatters;
	int			 ban_days;	/* 0: not known */
	time_t			 at;
};

/* The 告知承诺书 in two copies, the resident's and the file's: the
 * matter, what the administration tells, what the resident promises,
 * the later check and what a false promise brings, signature and
 * date. The caller frees it. */
struct pdoc	*paper_promise(const struct paper_promise *);

#endif
