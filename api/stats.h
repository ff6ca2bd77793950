/*
 * The day's figures (docs/api.md 13).
 */
#ifndef API_STATS_H
#define API_STATS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "client.h"
#include "applications.h"

struct service_count {
	char		*txcode;
	char		*name;
	int		 received;
	int		 completed;
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
};

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
