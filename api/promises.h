/*
 * Promises in place of proofs (告知承诺, docs/api.md 8): the list for
 * the supervisor's later check, the check itself, and whether a
 * resident may promise today. Every string was sanitized when it was
 * parsed.
 */
#ifndef API_PROMISES_H
#define API_PROMISES_H

#include <stddef.h>

#include "client.h"
#include "page.h"

/* A promise (Promise). */
struct promise {
	long long	 id;
	char		*kind;		/* material, certificate */
	char		*matter;	/* what was promised instead */
	char		*subject;	/* the service or the certificate */
	char		*resident;
	char		*id_masked;
	char		*which;		/* application number or certificate
					   serial */
	char		*made_at;	/* RFC 3339, UTC */
	char		*made_by;
	int		 ban_days;
	char		*status;	/* unchecked, truthful, false */
	char		*checked_on;	/* "" while unchecked */
	char		*note;		/* "" when none */
};

struct promise_page {
	struct page_info	 pg;
	struct promise		*items;
	size_t			 n;
};

/* Whether a resident may use 告知承诺 today (PromiseBanStatus): when
 * barred, the mark in force that ends last. */
struct promise_ban {
	int		 barred;
	char		*since;		/* "" when not barred */
	char		*until;
	char		*reason;
};

int	model_promise_parse(const cJSON *, struct promise *, const char **);
void	model_promise_free(void *);
int	model_promise_page_parse(const cJSON *, struct promise_page *,
	    const char **);
void	model_promise_page_free(void *);
int	model_promise_ban_parse(const cJSON *, struct promise_ban *,
	    const char **);
void	model_promise_ban_free(void *);

/* The promises not checked yet, oldest first, 50 a page. model: struct
 * promise_page. */
struct api_call	*api_promises_unchecked(struct api *, int page, api_cb,
		    void *);
/* The later check: outcome "truthful" or "false", note NULL or the
 * finding (required for false). model: struct promise. */
struct api_call	*api_promise_check(struct api *, long long id,
		    const char *outcome, const char *note, const char *key,
		    api_cb, void *);
/* model: struct promise_ban. */
struct api_call	*api_promise_ban(struct api *, long long resident_id,
		    api_cb, void *);

#endif
