/* What the Today screen's parts share: the day's figures, from the
 * server (a supervisor's) or counted from the day's list (a clerk's),
 * and the lists behind them. */
#ifndef TUI_TODAY_H
#define TUI_TODAY_H

#include "../api/queue.h"
#include "../api/events.h"
#include "../api/org.h"
#include "../api/stats.h"
#include "../api/catalog.h"
#include "../api/applications.h"

struct today_service {
	const char	*txcode;	/* point into the lists or stats */
	const char	*name;
	int		 received;
	int		 completed;
};

struct figures {
	int			 from_server;	/* else counted here */
	int			 received, accepted, completed, rejected;
	int			 collected, overdue, certificates;
	int			 tickets_issued, tickets_done;
	int			 avg_wait_s;	/* -1: none */
	int			 per_hour[24];
	struct today_service	*services;
	size_t			 nservices;
};

struct today {
	char			 date[11];	/* the server's today */
	int			 mine;		/* this counter only */
	int			 panel;		/* the first one shown */
	int			 vtop;		/* first grid of the visits */
	int			 gb18030;	/* the export's charset */
	int			 loading;	/* a step of the chain */
	struct daily_stats	*stats;		/* NULL for a clerk */
	struct satisfaction	*sat;		/* ratings; NULL for a clerk */
	struct app_rows		 day;		/* every page, merged */
	struct app_rows		*open;		/* overdue or open ones */
	struct figures		 fig;
};

enum {
	PANEL_HOURS,
	PANEL_SERVICES,
	PANEL_OVERDUE,
	PANEL_VISITS,		/* a supervisor's only */
	PANEL_MONEY,		/* a supervisor's, when the server tells */
	PANEL_COUNT
};

#endif
