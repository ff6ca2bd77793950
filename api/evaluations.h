/*
 * Evaluation at the counter (好差评, docs/api.md 19): the counter's
 * pending evaluation and the resident's rating of it. The evaluator
 * terminal polls the one and posts the other; nothing else does.
 */
#ifndef API_EVALUATIONS_H
#define API_EVALUATIONS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "client.h"

#define EVAL_LEVELS	5

/* The levels as the evaluator's keys 1-5 number them (index 0 is key
 * 1); the first three count as good. */
extern const char *const eval_levels[EVAL_LEVELS];

struct eval_reason {
	char	*code;
	char	*label;		/* the server's words, sanitized */
};

/* A counter's pending evaluation; id 0 when there is none. */
struct pending_eval {
	long long		 id;
	char			*counter;
	char			*occasion;	/* completed, ticket, ... */
	char			*object;	/* application/9001 */
	char			*service;
	char			*staff;		/* who served */
	char			*expires_at;
	struct eval_reason	*reasons;
	size_t			 nreasons;
};

struct rating {
	long long	 id;
	char		*level;
	int		 good;
	long long	 followup_id;	/* 0 when none */
};

int	model_pending_eval_parse(const cJSON *, struct pending_eval *,
	    const char **);
void	model_pending_eval_free(void *);
int	model_rating_parse(const cJSON *, struct rating *, const char **);
void	model_rating_free(void *);

/* The pending evaluation of counter (NULL: the session's). model:
 * struct pending_eval (id 0: none). */
struct api_call	*api_eval_pending(struct api *, const char *counter,
		    api_cb, void *);
/* The resident's answer: level one of eval_levels; reason a reason
 * code or NULL. model: struct rating. */
struct api_call	*api_eval_rate(struct api *, long long pending_id,
		    const char *level, const char *reason, const char *key,
		    api_cb, void *);

#endif
