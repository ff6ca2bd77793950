/* libsqlite3 on first use (see sqlite-load.h). */
#include <dlfcn.h>
#include <stdio.h>

#include "sqlite-load.h"
#include "../util/log.h"

#define LIBSQLITE	"libsqlite3.so.0"

static struct sqlite_calls	 calls;
static int			 loaded;
static char			 failed[256];	/* why, once it failed */

/* The outbox is a few pages written now and then: no lookaside slots
 * (SQLite carves 120 kB for each connection and touches every slot as
 * it opens) and no page-cache block made ahead (20 pages, each touched
 * as it is made); pages are allocated as they are read. Before the
 * first open, as sqlite3_config() must be. */
static void
small_memory(void)
{
	if (calls.config(SQLITE_CONFIG_LOOKASIDE, 0, 0) != SQLITE_OK ||
	    calls.config(SQLITE_CONFIG_PAGECACHE, NULL, 0, 0) != SQLITE_OK)
		log_info("outbox: SQLite's memory settings refused");
}

/* dlopen, then every symbol; 0, or -1 with failed[] set. */
static int
load(void)
{
	void		*lib;
	const char	*missing = NULL;

	if ((lib = dlopen(LIBSQLITE, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		snprintf(failed, sizeof failed, "%s (package libsqlite3-0) "
		    "cannot be loaded: %s", LIBSQLITE, dlerror());
		return (-1);
	}
	/* dlsym's void * to a function pointer: POSIX requires it to work */
#define SQLITE_CALL_LOAD(f)						\
	if ((*(void **)&calls.f = dlsym(lib, "sqlite3_" #f)) == NULL &&	\
	    missing == NULL)						\
		missing = "sqlite3_" #f;
	SQLITE_CALLS(SQLITE_CALL_LOAD)
#undef SQLITE_CALL_LOAD
	if (missing != NULL) {
		snprintf(failed, sizeof failed, "%s (package libsqlite3-0) is "
		    "too old: it has no %s", LIBSQLITE, missing);
		dlclose(lib);
		return (-1);
	}
	small_memory();
	log_info("outbox: SQLite %s loaded", calls.libversion());
	return (0);		/* lib stays open for the process's life */
}

const struct sqlite_calls *
sqlite_calls(const char **cause)
{
	if (loaded)
		return (&calls);
	if (failed[0] == '\0' && load() == 0) {
		loaded = 1;
		return (&calls);
	}
	*cause = failed;
	return (NULL);
}
