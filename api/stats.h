/*
 * The day's figures (docs/api.md 13).
 */
#ifndef API_STATS_H
#define API_STATS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "client.h"
#include "applications.h"
#include "cash.h"

struct service_count {
	char		*txcode;
	char		*name;
	int		 received;
	int		 completed;
};

/* How well households are visited (docs/api.md 20): a grid's, or the
 * centre's totals (the names NULL then). */
struct visit_figures {
	char		*grid;
	char		*community;
	char		*member;	/* "": the grid has none */
	int		 households;
	int		 visited_30d, visited_90d, never_visited;
};

struct daily_stats {
	char			*date;
	char			*centre;
	int			 received, accepted, completed, rejected;
	int			 collected, overdue, certificates;
	int			 tickets_issued, tickets_done;
	int			 avg_wait_s;	/* -1: none called */
	int			 per_hour[24];
	struct service_count	*services;
	size_t			 nservices;
	char			*calendar_until;	/* "" when none */
	int			 calendar_short;	/* needs next year */
	int			 has_visits;	/* the server told them */
	struct visit_figures	 visits;	/* the centre's */
	struct visit_figures	*grids;		/* by grid id */
	size_t			 ngrids;
	int			 has_money;	/* money told (a server
						   that takes fees) */
	struct day_money	 money;
};

/* Ratings counted (docs/api.md 19): permille -1 when none. */
struct sat_count {
	char		*key;		/* counter, service or staff name */
	int		 rated, good, bad;
	int		 permille;
};

struct satisfaction {
	char			*from, *to;
	struct sat_count	 total;
	struct sat_count	*per_counter, *per_service, *per_staff;
	size_t			 ncounter, nservice, nstaff;
	/* the centre's follow-ups now */
	int			 fu_open, fu_overdue, fu_closed;
};

int	model_satisfaction_parse(const cJSON *, struct satisfaction *,
	    const char **);
void	model_satisfaction_free(void *);

/* The day's ratings and the follow-ups now. model: struct
 * satisfaction. */
struct api_call	*api_stats_satisfaction(struct api *, api_cb, void *);

int	model_daily_stats_parse(const cJSON *, struct daily_stats *,
	    const char **);

void	model_daily_stats_free(void *);

/* The day's figures; counter NULL for the whole centre. model: struct
 * daily_stats. */
struct api_call	*api_stats_daily(struct api *, const char *counter,
		    api_cb, void *);

/* model: struct app_rows (with overdue_days). */
struct api_call	*api_stats_overdue(struct api *, const char *counter,
		    api_cb, void *);

#endif
