/* libcurl on first use (see curl-load.h). */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "curl-load.h"
#include "tls-strings.h"
#include "../util/log.h"

#define LIBCURL	"libcurl.so.4"

static struct curl_calls	 calls;
static int			 loaded;
static char			 failed[256];	/* why, once it failed */

/* Debian's libcurl (OpenSSL) brings GnuTLS only for librtmp and
 * libldap, whose protocols no request may use (CURLOPT_PROTOCOLS_STR):
 * GnuTLS's constructor need not start itself (PKCS#11 modules, its
 * random generator), which cost 0.6 M instructions and 0.65 MB. Its
 * documented switch is set around the dlopen only, so that no child
 * inherits it. */
static void *
open_lib(void)
{
	void	*lib;
	int	 set = getenv("GNUTLS_NO_IMPLICIT_INIT") == NULL;

	if (set)
		setenv("GNUTLS_NO_IMPLICIT_INIT", "1", 1);
	lib = dlopen(LIBCURL, RTLD_NOW | RTLD_LOCAL);
	if (set)
		unsetenv("GNUTLS_NO_IMPLICIT_INIT");
	return (lib);
}

/* dlopen, then every symbol; 0, or -1 with failed[] set. */
static int
load(void)
{
	void			*lib;
	const char		*missing = NULL;
	const curl_version_info_data *v;
	struct timespec		 t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((lib = open_lib()) == NULL) {
		snprintf(failed, sizeof failed, "%s (package libcurl4) cannot "
		    "be loaded: %s", LIBCURL, dlerror());
		return (-1);
	}
	/* dlsym's void * to a function pointer: POSIX requires it to work */
#define CURL_CALL_LOAD(f)						\
	if ((*(void **)&calls.f = dlsym(lib, "curl_" #f)) == NULL &&	\
	    missing == NULL)						\
		missing = "curl_" #f;
	CURL_CALLS(CURL_CALL_LOAD)
#undef CURL_CALL_LOAD
	v = missing == NULL ? calls.version_info(CURLVERSION_NOW) : NULL;
	if (v != NULL && v->version_num < CURL_LOAD_OLDEST)
		missing = "CURLOPT_PROTOCOLS_STR (7.85.0)";
	if (missing != NULL) {
		snprintf(failed, sizeof failed, "%s (package libcurl4) is too "
		    "old: it has no %s", LIBCURL, missing);
		dlclose(lib);
		return (-1);
	}
	tls_strings_defer(lib);
	if (calls.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		snprintf(failed, sizeof failed, "%s (package libcurl4) did not "
		    "start: curl_global_init failed", LIBCURL);
		dlclose(lib);
		return (-1);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	log_info("http: libcurl %s loaded and started in %ld us", v->version,
	    (long)(t1.tv_sec - t0.tv_sec) * 1000000 +
	    (t1.tv_nsec - t0.tv_nsec) / 1000);
	return (0);		/* lib stays open for the process's life */
}

const struct curl_calls *
curl_calls(const char **cause)
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

int
curl_calls_loaded(void)
{
	return (loaded);
}

void
curl_calls_end(void)
{
	if (loaded)
		calls.global_cleanup();
}
