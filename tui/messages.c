/* The clerk's sentences for failed requests, chosen from api/'s codes:
 * a network failure, a problem type we know, the server's own words,
 * or a reply that could not be read. No curses here. */
#include <stdlib.h>
#include <string.h>

#include "messages.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

static char *
network_message(const struct api_result *r)
{
	const char	*error = r->fail_detail != NULL ? r->fail_detail : "";

	switch (r->fail) {
	case HTTP_FAIL_CONNECT:
		return (xstrdup(_("Cannot reach the server. Check the "
		    "network, then try again.")));
	case HTTP_FAIL_TIMEOUT:
		return (xstrdup(_("The server did not answer in time. Try "
		    "again.")));
	case HTTP_FAIL_TLS:
		/* a PC whose clock is wrong sees every certificate as not
		 * yet valid or expired: say what to check */
		if (strstr(error, "not yet valid") != NULL ||
		    strstr(error, "expired") != NULL)
			return (xasprintf(_("The server's certificate is not "
			    "valid at this PC's date and time (%s). Check the "
			    "PC's clock; if it is right, call support."),
			    error));
		return (xasprintf(_("The server's certificate was refused "
		    "(%s). Call support; do not work around it."), error));
	case HTTP_FAIL_TOO_LARGE:
		return (xstrdup(_("The server's reply was too large to "
		    "read.")));
	case HTTP_FAIL_LIBRARY:
		/* nothing was sent: this PC lacks what sends it */
		return (xasprintf(_("This PC cannot send requests: %s. Call "
		    "support."), error));
	default:
		return (xasprintf(_("The request failed: %s"), error));
	}
}

/* A clerk's sentence for a problem type we know; NULL for the rest. */
static const char *
known_problem(const char *type)
{
	static const struct {
		const char	*type;
		const char	*message;
	} known[] = {
		{ "invalid-credentials", N_("Wrong staff name or password.") },
		{ "unauthorized", N_("Your session has ended. Log in again.") },
		{ "not-found", N_("Not found, or not in your communities.") },
		{ "forbidden", N_("Your role may not do this.") },

		{ "service-unavailable", N_("The server is busy or under "
		    "maintenance. Try again shortly.") },
		{ "validation", N_("Some fields are not valid.") },
		{ "password-change-required", N_("Choose your own password "
		    "first: log in again.") },
	};
	size_t	i;

	for (i = 0; i < sizeof known / sizeof *known; i++) {
		if (strcmp(known[i].type, type) == 0)
			return (_(known[i].message));
	}
	return (NULL);
}

/* A refusal (4xx/5xx): the server's window for too many attempts, a
 * sentence of ours, the server's detail, or its status. */
static char *
problem_message(const struct api_result *r)
{
	const char	*problem = r->problem != NULL ? r->problem : "";
	const char	*known;

	if (strcmp(problem, "too-many-requests") == 0) {
		/* the server's window, not a guess: 15 minutes for logins */
		return (xasprintf(_("Too many attempts: try again in %ld "
		    "minute(s)."), r->retry_after > 0 ? (r->retry_after + 59) /
		    60 : 1));
	}
	if ((known = known_problem(problem)) != NULL)
		return (xstrdup(known));
	if (r->detail != NULL)
		return (xstrdup(r->detail));
	return (xasprintf(_("The server refused the request (HTTP %ld)."),
	    r->http_status));
}

char *
messages_describe(const struct api_result *r)
{
	switch (r->status) {
	case API_OK:
		return (NULL);
	case API_ERR_NETWORK:
		return (network_message(r));
	case API_ERR_MALFORMED:
		return (xasprintf(_("The server's reply could not be read "
		    "(%s). Try again; if it keeps happening, call support."),
		    r->cause != NULL ? r->cause : _("not JSON")));
	default:
		return (problem_message(r));
	}
}
