/*
 * Follow-ups of bad ratings (差评回访整改, docs/api.md 19): the
 * supervisor's list, one follow-up, and its steps callback, rectify,
 * close.
 */
#ifndef API_FOLLOWUPS_H
#define API_FOLLOWUPS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "client.h"
#include "page.h"

/* A step done: notes ("" when none), when and by whom. at is "" when
 * the step has not been done. */
struct followup_step {
	char	*notes;
	char	*at;
	char	*staff;
};

struct followup {
	long long		 id;
	long long		 version;
	char			*status;	/* open, called_back, ... */
	char			*opened_at;
	char			*due_date;
	int			 overdue;
	/* the rating that opened it */
	char			*level;
	char			*reasons;	/* codes, comma separated */
	char			*comment;	/* "" when none */
	char			*channel;
	char			*counter;	/* "" when none */
	char			*service;
	char			*staff;		/* who served, "" */
	char			*rated_at;
	struct followup_step	 callback, rectification, closing;
	char			*answer;	/* the closing's, "" */
};

struct followup_page {
	struct page_info pg;
	struct followup	*items;
	size_t		 n;
};

int	model_followup_parse(const cJSON *, struct followup *, const char **);
void	model_followup_free(void *);
int	model_followup_page_parse(const cJSON *, struct followup_page *,
	    const char **);
void	model_followup_page_free(void *);

/* status: "open" (every one not closed), "closed" or "all". model:
 * struct followup_page, overdue first. */
struct api_call	*api_followups(struct api *, const char *status, int page,
		    int per_page, api_cb, void *);
/* model: struct followup. */
struct api_call	*api_followup(struct api *, long long id, api_cb, void *);
/* action: callback or rectify (notes required), close (answer
 * satisfied, basic or dissatisfied; notes may be NULL). model: struct
 * followup. */
struct api_call	*api_followup_action(struct api *, long long id,
		    const char *action, const char *notes, const char *answer,
		    const char *key, api_cb, void *);

#endif
