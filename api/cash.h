/*
 * The counter's cash (docs/api.md 22): each counter's cash session of
 * a day (its drawer, opened with a float, closed with the count, over
 * or short with a reason, signed off by the supervisor), and the money
 * lines of the day-end sheet (日结单) the daily figures carry. Money is
 * integer fen; every string was sanitized when it was parsed.
 */
#ifndef API_CASH_H
#define API_CASH_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "client.h"
#include "page.h"

/* A counter's drawer for a day (CashSession). */
struct cash_session {
	long long	 id;
	char		*counter;
	char		*business_date;	/* YYYY-MM-DD */
	char		*status;	/* open, closed, signed */
	long long	 float_fen;
	long long	 cash_in_fen;
	long long	 cash_out_fen;
	long long	 expected_fen;
	long long	 counted_fen;	/* -1 while open */
	long long	 over_fen;
	long long	 short_fen;
	char		*reason;	/* "" */
	char		*opened_by;
	char		*closed_by;	/* "" */
	char		*signed_by;	/* "" */
	char		*sign_note;	/* "" */
	char		*override;	/* the override's reason; "" */
};

struct cash_page {
	struct page_info	 pg;
	struct cash_session	*items;
	size_t			 n;
};

/* One channel's line of the day (cash, code). */
struct money_channel {
	char		*channel;
	int		 payments;
	long long	 paid_fen;
	int		 reversals;
	long long	 reversed_fen;
};

/* The money lines of the day-end sheet (DayMoney). */
struct day_money {
	struct money_channel	*channels;
	size_t			 nchannels;
	long long		 taken_fen, returned_fen;
	int			 refunds, voids, waived, relief;
	long long		 refunds_fen, voids_fen, waived_fen;
	long long		 relief_fen;
	int			 sessions, open, unsigned_;
	long long		 float_fen, expected_fen, counted_fen;
	long long		 over_fen, short_fen;
	struct cash_session	*list;		/* the day's, by counter */
	size_t			 nlist;
};

int	model_cash_session_parse(const cJSON *, struct cash_session *,
	    const char **);
void	model_cash_session_free(void *);
int	model_cash_page_parse(const cJSON *, struct cash_page *,
	    const char **);
void	model_cash_page_free(void *);
/* The daily figures' money member into m; -1 and *cause when it is
 * malformed. day_money_clear releases what it holds. */
int	day_money_parse(const cJSON *, struct day_money *, const char **);
void	day_money_clear(struct day_money *);

/* Opens today's session of the session's counter with the float;
 * override_reason (NULL: none) opens it although an earlier day's is
 * still open (a supervisor's). model: struct cash_session. */
struct api_call	*api_cash_open(struct api *, long long float_fen,
		    const char *override_reason, const char *key, api_cb,
		    void *);
/* The centre's sessions of date (NULL: every day), newest first;
 * counter NULL for every counter. model: struct cash_page. */
struct api_call	*api_cash_list(struct api *, const char *date,
		    const char *counter, api_cb, void *);
/* model: struct cash_session. */
struct api_call	*api_cash_get(struct api *, long long id, api_cb, void *);
/* Closes it with the count; reason NULL when the count is as
 * expected. model: struct cash_session. */
struct api_call	*api_cash_close(struct api *, long long id,
		    long long counted_fen, const char *reason,
		    const char *key, api_cb, void *);
/* The supervisor's sign-off; note may be NULL. model: struct
 * cash_session. */
struct api_call	*api_cash_sign_off(struct api *, long long id,
		    const char *note, const char *key, api_cb, void *);

#endif
