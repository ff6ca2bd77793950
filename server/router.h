/*
 * Finding a request's route among every route table (route.h).
 */
#ifndef SERVER_ROUTER_H
#define SERVER_ROUTER_H

struct route;

/* Finds the route for method and path, filling params (which point
 * into *store, freed by the caller). NULL if none; then *path_known says
 * whether another method would have matched (405 rather than 404). */
const struct route *route_match(const char *method, const char *path,
		    char **store, const char **params, int *path_known);
/* Calls fn for every route, in table order. */
void	route_each(void (*fn)(const struct route *, void *), void *);

#endif
