/* libcups on first use (see cups-load.h). */
#include <dlfcn.h>
#include <stddef.h>

#include "cups-load.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

#define LIBCUPS	"libcups.so.2"

static struct cups_calls	 calls;
static int			 loaded;

const struct cups_calls *
cups_calls(char **cause)
{
	void		*lib;
	const char	*missing = NULL;

	if (loaded)
		return (&calls);
	if ((lib = dlopen(LIBCUPS, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		*cause = xasprintf(_("Cannot print to CUPS: its library (%s, "
		    "Debian package libcups2) is not installed."), LIBCUPS);
		return (NULL);
	}
	/* dlsym's void * to a function pointer: POSIX requires it to work */
#define CUPS_CALL_LOAD(f)						\
	if ((*(void **)&calls.f = dlsym(lib, #f)) == NULL && missing == NULL) \
		missing = #f;
	CUPS_CALLS(CUPS_CALL_LOAD)
#undef CUPS_CALL_LOAD
	if (missing != NULL) {
		*cause = xasprintf(_("Cannot print to CUPS: %s has no %s (too "
		    "old a version)."), LIBCUPS, missing);
		dlclose(lib);
		return (NULL);
	}
	loaded = 1;		/* lib stays open for the process's life */
	return (&calls);
}
