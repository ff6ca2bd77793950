/* libFuzzer: any bytes as a request body into bianmind's strict JSON
 * parser. It yields a tree or says why; a tree never holds an object
 * with a member name twice, nor nests deeper than the limit. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../server/jsonparse.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
walk(const cJSON *j, int depth)
{
	const cJSON	*a, *b;

	if (depth > 65)
		abort();
	for (a = j->child; a != NULL; a = a->next) {
		if (cJSON_IsObject(j)) {
			if (a->string == NULL)
				abort();
			for (b = a->next; b != NULL; b = b->next) {
				if (strcmp(a->string, b->string) == 0)
					abort();
			}
		}
		walk(a, depth + 1);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*why = NULL;
	cJSON		*j;

	j = json_parse_strict((const char *)data, size, &why);
	if (j == NULL) {
		if (why == NULL)
			abort();
		return (0);
	}
	walk(j, 0);
	cJSON_Delete(j);
	return (0);
}
