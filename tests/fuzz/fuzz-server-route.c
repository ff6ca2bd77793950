/* libFuzzer: any method and path (the bytes up to the first space, then
 * the rest) through bianmind's route table. A match is a route of that
 * method whose pattern has the path's segments, its literal segments
 * equal and each parameter a non-empty segment; no match on a path that
 * is not one of ours, whatever it holds. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../server/route.h"
#include "../../server/router.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Checks the match segment by segment; returns the parameters seen. */
static int
agrees(const char *pattern, const char *path, const char **params)
{
	const char	*p = pattern + 1, *q = path + 1, *pe, *qe;
	int		 np = 0;

	for (;;) {
		pe = strchr(p, '/');
		qe = strchr(q, '/');
		if (pe == NULL)
			pe = p + strlen(p);
		if (qe == NULL)
			qe = q + strlen(q);
		if (qe == q)
			abort();	/* an empty segment matched */
		if (*p == '{') {
			if (strlen(params[np]) != (size_t)(qe - q) ||
			    strncmp(params[np], q, (size_t)(qe - q)) != 0)
				abort();
			np++;
		} else if (pe - p != qe - q || strncmp(p, q, (size_t)(pe - p)))
			abort();
		if ((*pe == '\0') != (*qe == '\0'))
			abort();	/* one has segments left */
		if (*pe == '\0')
			return (np);
		p = pe + 1;
		q = qe + 1;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct route	*r;
	const char		*params[ROUTE_MAX_PARAMS];
	char			*buf, *path, *store = NULL;
	int			 known;

	if ((buf = malloc(size + 1)) == NULL)
		abort();
	memcpy(buf, data, size);
	buf[size] = '\0';
	if ((path = strchr(buf, ' ')) == NULL) {
		free(buf);
		return (0);
	}
	*path++ = '\0';
	r = route_match(buf, path, &store, params, &known);
	if (r != NULL) {
		if (strcmp(r->method, strcmp(buf, "HEAD") == 0 ? "GET" : buf))
			abort();
		agrees(r->pattern, path, params);
	}
	free(store);
	free(buf);
	return (0);
}
