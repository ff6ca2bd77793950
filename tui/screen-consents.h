/* A resident's consents to departments' reads (screen-consents.c); its
 * argument serves the 查询记录 (screen-reads.h) too. */
#ifndef TUI_SCREEN_CONSENTS_H
#define TUI_SCREEN_CONSENTS_H

#include <stddef.h>

/* The screens' argument (copied): the resident, and who signs a
 * consent of the whole household (its adults, the resident among
 * them). */
struct consents_open {
	long long		 resident_id;
	const char		*name;
	const char		*id_masked;
	const char *const	*adults;
	size_t			 nadults;
};

extern const struct screen_ops screen_consents;

#endif
