/* The 核对授权书 (paper-consent.c): a resident's, or every adult of his
 * household's, written consent to a department's reading of his data
 * for one purpose (docs/api.md 23). */
#ifndef PRINTING_PAPER_CONSENT_H
#define PRINTING_PAPER_CONSENT_H

#include <stddef.h>
#include <time.h>

struct pdoc;

/* What is consented to, and by whom. Strings may come from the server;
 * fields are the purpose's field codes (name, id_number ...). */
struct paper_consent {
	const char		*centre;
	const char		*counter;
	const char		*staff;
	const char		*resident;
	const char		*id_masked;
	const char		*dept;		/* 民政 */
	const char		*purpose;	/* its name */
	const char		*code;		/* its code */
	const char		*basis;
	const char		*scope;		/* "" or NULL: the purpose's */
	const char * const	*fields;
	size_t			 nfields;
	int			 consent_days;	/* 0: not said */
	const char		*signed_on;	/* YYYY-MM-DD, or NULL */
	const char		*expires_on;	/* YYYY-MM-DD, or NULL */
	const char * const	*signers;	/* who signs: the adults */
	size_t			 nsigners;
	time_t			 at;
};

/* The field's name on paper (姓名) for a field code; the code itself
 * when it is none we know. */
const char	*paper_consent_field(const char *code);
/* The 核对授权书 on A4, one copy for the file: who, the department,
 * the purpose and its legal basis, the fields it may read, the term,
 * the words of the consent, a signature line for each signer and the
 * centre's seal. The caller frees it. */
struct pdoc	*paper_consent(const struct paper_consent *);

#endif
