/* libqrencode on first use (see qr-load.h). */
#include <dlfcn.h>
#include <stddef.h>

#include "qr-load.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

#define LIBQRENCODE	"libqrencode.so.4"

static struct qr_calls	 calls;
static int		 loaded;

const struct qr_calls *
qr_calls(char **cause)
{
	void		*lib;
	const char	*missing = NULL;

	if (loaded)
		return (&calls);
	if ((lib = dlopen(LIBQRENCODE, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		*cause = xasprintf(_("Cannot draw the QR code: its library "
		    "(%s, Debian package libqrencode4) is not installed."),
		    LIBQRENCODE);
		return (NULL);
	}
	/* dlsym's void * to a function pointer: POSIX requires it to work */
#define QR_CALL_LOAD(f)							\
	if ((*(void **)&calls.f = dlsym(lib, #f)) == NULL && missing == NULL) \
		missing = #f;
	QR_CALLS(QR_CALL_LOAD)
#undef QR_CALL_LOAD
	if (missing != NULL) {
		*cause = xasprintf(_("Cannot draw the QR code: %s has no %s "
		    "(too old a version)."), LIBQRENCODE, missing);
		dlclose(lib);
		return (NULL);
	}
	loaded = 1;		/* lib stays open for the process's life */
	return (&calls);
}
