/* Evaluation (好差评, docs/api.md 19): what both channels share — the
 * levels and reasons, the pending evaluation of a counter, recording a
 * rating once per (object, occasion) with the follow-up a bad one
 * opens, and a rating as JSON. */
#ifndef SERVER_EVALUATION_H
#define SERVER_EVALUATION_H

#include <cjson/cJSON.h>

struct db;
struct req;

#define EVAL_MAX_REASONS	6
#define EVAL_FOLLOWUP_DAYS	15	/* working days */

/* A rating to record. */
struct eval_rating {
	const char	*object;	/* application/12 */
	const char	*occasion;
	const char	*level;
	const char	*reasons[EVAL_MAX_REASONS];
	int		 nreasons;
	const char	*comment;	/* NULL: none */
	const char	*channel;	/* counter, web */
	long long	 centre;
	const char	*counter;	/* NULL: none */
	const char	*service;
	long long	 staff;		/* who served; 0: not known */
};

/* The level's Chinese name, or NULL for no level. */
const char	*eval_level_zh(const char *level);
/* 1 for a good level (非常满意, 满意, 基本满意). */
int		 eval_level_good(const char *level);
/* The reason's Chinese label, or NULL for no reason code. */
const char	*eval_reason_zh(const char *code);
/* The reason codes, NULL-ended. */
extern const char *const eval_reason_codes[];
/* Checks a rating's level, reasons and comment (field names as in the
 * JSON request) into *errors. */
void		 eval_check(const struct eval_rating *, cJSON **errors);
/* Reads a rating's level, reasons and comment from a JSON request body
 * into x (borrowing its strings) and, with no error so far in *errors,
 * checks them as eval_check. */
void		 eval_read(cJSON *body, struct eval_rating *x,
		    cJSON **errors);
/* Sets the pending evaluation of the counter where the caller finished
 * object (application/, certificate/, ticket/ and an id) on occasion;
 * a ticket's own counter counts. Nothing without a counter. Inside the
 * caller's transaction; 0 or -1. */
int		 eval_pend(struct req *, const char *kind, long long id,
		    const char *occasion);
/* Records x inside the caller's transaction: its id, 0 when the object
 * was rated on that occasion already (*first and *first_at then name
 * that rating; first_at[21+]), -1 on error. A bad rating opens a
 * follow-up; the rating is audited. */
long long	 eval_record(struct req *, const struct eval_rating *x,
		    long long *first, char *first_at);
/* A Rating (docs/api.md 19), or NULL. */
cJSON		*eval_rating_json(struct db *, long long id);
/* 409 already-rated naming the first rating. */
void		 eval_reply_rated(struct req *, long long first,
		    const char *first_at);

#endif
