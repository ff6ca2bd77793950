/* What the clerk is told when a request fails: the one table of those
 * sentences, written from the codes api/ returns (api/client.h). */
#ifndef TUI_MESSAGES_H
#define TUI_MESSAGES_H

#include "../api/client.h"

/* The clerk's sentence for an error result, in the clerk's language;
 * an api_describe_fn, set with api_set_describe() at start. */
char	*messages_describe(const struct api_result *);

#endif
