/* Matching a request's method and path against every route table. */
#include <stdlib.h>
#include <string.h>

#include "route.h"
#include "router.h"
#include "../util/xmalloc.h"

static const struct route *const route_tables[] = {
	routes_health,
	routes_exchange,
	routes_sessions,
	routes_residents,
	routes_resident_edit,
	routes_resident_status,
	routes_resident_flags,
	routes_resident_history,
	routes_households,
	routes_household_edit,
	routes_communities,
	routes_catalog,
	routes_fees,
	routes_payments,
	routes_reversals,
	routes_payment_reprints,
	routes_cash,
	routes_applications,
	routes_application_new,
	routes_application_actions,
	routes_application_correct,
	routes_handoffs,
	routes_certificates,
	routes_certificate_rules,
	routes_certificate_issue,
	routes_promises,
	routes_verify,
	routes_progress,
	routes_evaluations,
	routes_followups,
	routes_queue,
	routes_events,
	routes_event_actions,
	routes_visits,
	routes_visit_coverage,
	routes_tasks,
	routes_task_items,
	routes_stats,
	routes_audit,
	routes_staff,
	routes_dept,
	routes_consents,
	routes_reads,
	routes_kiosk_sessions,
	routes_kiosk_guides,
	routes_kiosk_identify,
	routes_kiosk_visit,
	routes_pickup_codes,
};

/* Splits the next segment off *p (in place); NULL at the end. */
static char *
next_segment(char **p)
{
	char	*s = *p, *slash;

	if (s == NULL)
		return (NULL);
	if ((slash = strchr(s, '/')) != NULL) {
		*slash = '\0';
		*p = slash + 1;
	} else
		*p = NULL;
	return (s);
}

/* An {id} segment: a positive decimal integer without sign or leading
 * zeros, up to 2^53 - 1 (docs/api.md 1.2); anything else in its place
 * matches no route, so it is 404 before any token is looked at. */
static int
id_segment(const char *s)
{
	size_t	n = strspn(s, "0123456789");

	return (n > 0 && s[n] == '\0' && s[0] != '0' && (n < 16 ||
	    (n == 16 && strcmp(s, "9007199254740991") <= 0)));
}

/* Matches path against one pattern; the segments of path were split
 * into segs already. Empty segments (a trailing slash) never match. */
static int
pattern_match(const char *pattern, char **segs, int nsegs,
    const char **params)
{
	const char	*p = pattern + 1, *end;
	int		 i = 0, np = 0;
	size_t		 len;

	while (*p != '\0') {
		if (i >= nsegs || segs[i][0] == '\0')
			return (0);
		end = strchr(p, '/');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		if (p[0] == '{') {
			if (np >= ROUTE_MAX_PARAMS || (strncmp(p, "{id}", 4) ==
			    0 && !id_segment(segs[i])))
				return (0);
			params[np++] = segs[i];
		} else if (strlen(segs[i]) != len ||
		    strncmp(p, segs[i], len) != 0)
			return (0);
		i++;
		p += len;
		if (*p == '/')
			p++;
	}
	return (i == nsegs);
}

/* A literal segment beats a parameter: the pattern with fewer
 * parameters wins among those that match. */
static int
pattern_params(const char *pattern)
{
	int	n = 0;

	for (; *pattern != '\0'; pattern++)
		n += *pattern == '{';
	return (n);
}

const struct route *
route_match(const char *method, const char *path, char **store,
    const char **params, int *path_known)
{
	const struct route	*r, *best = NULL;
	const char		*tmp[ROUTE_MAX_PARAMS];
	char			*segs[16], *cursor, *s;
	int			 nsegs = 0, known_best = 99, i;
	size_t			 t;

	*path_known = 0;
	*store = xstrdup(path);
	if ((*store)[0] != '/')
		return (NULL);
	cursor = *store + 1;
	while ((s = next_segment(&cursor)) != NULL) {
		if (nsegs == (int)(sizeof segs / sizeof *segs))
			return (NULL);
		segs[nsegs++] = s;
	}
	if (strcmp(method, "HEAD") == 0)
		method = "GET";
	for (t = 0; t < sizeof route_tables / sizeof *route_tables; t++) {
		for (r = route_tables[t]; r->method != NULL; r++) {
			if (!pattern_match(r->pattern, segs, nsegs, tmp))
				continue;
			if (pattern_params(r->pattern) > known_best)
				continue;
			if (pattern_params(r->pattern) < known_best) {
				known_best = pattern_params(r->pattern);
				best = NULL;
				*path_known = 0;
			}
			if (strcmp(r->method, method) != 0) {
				*path_known = 1;
				continue;
			}
			best = r;
			for (i = 0; i < known_best; i++)
				params[i] = tmp[i];
		}
	}
	return (best);
}

void
route_each(void (*fn)(const struct route *, void *), void *arg)
{
	const struct route	*r;
	size_t			 t;

	for (t = 0; t < sizeof route_tables / sizeof *route_tables; t++) {
		for (r = route_tables[t]; r->method != NULL; r++)
			fn(r, arg);
	}
}
