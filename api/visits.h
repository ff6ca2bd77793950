/*
 * Visits (走访, docs/api.md 20): a grid member's visits to the households
 * of his grids, the households to visit next, and recording a visit. A
 * member the server sends as null is "" (strings), 0 (ids) or -1
 * (counts).
 */
#ifndef API_VISITS_H
#define API_VISITS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "client.h"
#include "page.h"

struct visit_finding {
	char		*type;		/* normal, hardship, hazard ... */
	char		*note;		/* "" */
	char		*followup;	/* "" */
	long long	 event_id;	/* 0: none raised */
	char		*event_status;	/* "" */
};

struct visit {
	long long		 id;
	long long		 household_id;
	char			*address;
	char			*grid;		/* "" */
	char			*staff;
	char			*visited_at;
	char			*met_note;	/* "" */
	char			*recorded_at;
	char			**met;		/* names of whom he met */
	size_t			 nmet;
	struct visit_finding	*findings;
	size_t			 nfindings;
};

struct visit_page {
	struct page_info pg;
	struct visit	*items;
	size_t		 n;
};

/* A household to visit next. */
struct unvisited {
	long long	 id;
	char		*address;
	char		*number;	/* 户号, "" */
	long long	 grid_id;	/* 0 */
	char		*grid;		/* "" */
	char		*head;		/* "" */
	int		 member_count;
	char		*last_visit_at;	/* "": never visited */
};

struct unvisited_page {
	struct page_info pg;
	struct unvisited *items;
	size_t		 n;
};

/* A finding to record; event_id 0 when it raised none. */
struct new_finding {
	const char	*type;
	const char	*note;		/* may be NULL */
	const char	*followup;	/* may be NULL */
	long long	 event_id;
};

int	model_visit_parse(const cJSON *, struct visit *, const char **);
void	model_visit_free(void *);
int	model_visit_page_parse(const cJSON *, struct visit_page *,
	    const char **);
void	model_visit_page_free(void *);
int	model_unvisited_page_parse(const cJSON *, struct unvisited_page *,
	    const char **);
void	model_unvisited_page_free(void *);

/* A household's visits, newest first. model: struct visit_page. */
struct api_call	*api_visits_of(struct api *, long long household_id,
		    int page, api_cb, void *);
/* The households with no visit in the last days days (0: never
 * visited). model: struct unvisited_page. */
struct api_call	*api_visits_unvisited(struct api *, int days, int page,
		    api_cb, void *);
/* Records a visit made now to household_id: met (n_met ids) and
 * met_note (may be NULL), the findings in order. The body is built
 * here. model: struct visit. */
struct api_call	*api_visit_record(struct api *, long long household_id,
		    const long long *met, size_t n_met, const char *met_note,
		    const struct new_finding *, size_t nfindings,
		    const char *key, api_cb, void *);

#endif
