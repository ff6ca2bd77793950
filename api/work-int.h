/* What the parsers of api/work.h share: strict members, references and
 * the page envelope. Internal to api/. */
#ifndef API_WORK_INT_H
#define API_WORK_INT_H

#include "work.h"

/* Takes value into *dst; the first NULL sets *cause to what. Returns
 * -1 for NULL, else 0. */
int	work_take(char **dst, char *value, const char *what,
	    const char **cause);
/* A sanitized string member; null gives "" when nullable. */
int	work_str(const cJSON *, const char *key, int nullable, char **dst,
	    const char **cause);
/* An integer member into *out (int range); null gives -1 when
 * nullable. */
int	work_int(const cJSON *, const char *key, int nullable, int *out,
	    const char **cause);
/* The name of a reference member ({id, name}) and its id (may be
 * NULL); a null reference gives "" and 0 when nullable. */
int	work_ref(const cJSON *, const char *key, int nullable, char **name,
	    long long *id, const char **cause);
/* Parses the envelope's items with parse into a new array of size-byte
 * items (clear releases one), and its paging. */
int	work_page(const cJSON *, size_t size,
	    int (*parse)(const cJSON *, void *, const char **),
	    void (*clear)(void *), void **items, size_t *n,
	    struct page_info *, const char **cause);
/* Releases n items of size bytes with clear, then the array. */
void	work_items_free(void *items, size_t n, size_t size,
	    void (*clear)(void *));

#endif
