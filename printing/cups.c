/* The CUPS sink, on libcups's destination API. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cups.h"
#include "cups-load.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

#define PCUPS_TIMEOUT_MS	10000

static const struct cups_calls	*cups;	/* set by every entry point */

/* A job in a final state will not print (again) by itself. */
int
pcups_final(enum pcups_job s)
{
	return (s == PCUPS_JOB_CANCELED || s == PCUPS_JOB_ABORTED ||
	    s == PCUPS_JOB_COMPLETED || s == PCUPS_JOB_GONE);
}

/* A message for the clerk from CUPS's last error. */
static char *
last_error(const char *what, const char *queue)
{
	ipp_status_t	 st = cups->cupsLastError();
	const char	*s = cups->cupsLastErrorString();

	if (st == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE ||
	    (s != NULL && (strstr(s, "refused") != NULL ||
	    strstr(s, "No such file") != NULL)))
		return (xasprintf(_("The print service (CUPS) is not "
		    "running: %s"), s != NULL ? s : "?"));
	if (st == IPP_STATUS_ERROR_NOT_FOUND)
		return (xasprintf(_("There is no printer %s."), queue));
	return (xasprintf("%s %s: %s", what, queue, s != NULL ? s : "?"));
}

/* The settings screen offers only the queues CUPS really has. */
int
pcups_list(struct pcups_dest **out, char **cause)
{
	cups_dest_t	*dests;
	int		 n, i;
	const char	*info;

	*out = NULL;
	if ((cups = cups_calls(cause)) == NULL)
		return (-1);
	n = cups->cupsGetDests2(CUPS_HTTP_DEFAULT, &dests);
	if (n == 0 && cups->cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE) {
		*cause = last_error(_("Cannot list printers on"), "CUPS");
		return (-1);
	}
	*out = xcalloc(n + 1, sizeof **out);
	for (i = 0; i < n; i++) {
		info = cups->cupsGetOption("printer-info", dests[i].num_options,
		    dests[i].options);
		(*out)[i].name = xstrdup(dests[i].name);
		(*out)[i].info = xstrdup(info != NULL ? info : "");
		(*out)[i].is_default = dests[i].is_default;
	}
	cups->cupsFreeDests(n, dests);
	return (n);
}

/* Frees what pcups_list() returned. */
void
pcups_list_free(struct pcups_dest *d, int n)
{
	int	i;

	for (i = 0; d != NULL && i < n; i++) {
		free(d[i].name);
		free(d[i].info);
	}
	free(d);
}

/* A connection to the scheduler (a socket, or a host), given up after
 * PCUPS_TIMEOUT_MS; then the queue on it. NULL with *cause. */
static cups_dest_t *
connect_dest(const char *queue, http_t **http, char **cause)
{
	cups_dest_t	*dest;

	*http = cups->httpConnect2(cups->cupsServer(), cups->ippPort(), NULL,
	    AF_UNSPEC, cups->cupsEncryption(), 1, PCUPS_TIMEOUT_MS, NULL);
	if (*http == NULL) {
		*cause = xasprintf(_("The print service (CUPS) is not "
		    "running: %s"), cups->cupsLastErrorString());
		return (NULL);
	}
	dest = cups->cupsGetNamedDest(*http, queue, NULL);
	if (dest == NULL) {
		*cause = last_error(_("Cannot find printer"), queue);
		cups->httpClose(*http);
		return (NULL);
	}
	return (dest);
}

/* The one document of a job, in one piece, marked last. */
static int
send_document(http_t *http, cups_dest_t *dest, cups_dinfo_t *info, int job,
    const char *title, const char *format, const void *data, size_t len)
{
	if (cups->cupsStartDestDocument(http, dest, info, job, title, format, 0,
	    NULL, 1) != HTTP_STATUS_CONTINUE)
		return (-1);
	if (cups->cupsWriteRequestData(http, data, len) !=
	    HTTP_STATUS_CONTINUE) {
		cups->cupsFinishDestDocument(http, dest, info);
		return (-1);
	}
	if (cups->cupsFinishDestDocument(http, dest, info) >
	    IPP_STATUS_OK_CONFLICTING)
		return (-1);
	return (0);
}

/* Hands a document to CUPS, reporting the job id as soon as it exists. */
int
pcups_submit(const char *queue, const char *title, const char *format,
    const void *data, size_t len, int *job, char **cause)
{
	cups_dest_t	*dest;
	cups_dinfo_t	*info;
	http_t		*http;
	int		 rc = -1;

	*job = 0;
	if ((cups = cups_calls(cause)) == NULL)
		return (-1);
	if ((dest = connect_dest(queue, &http, cause)) == NULL)
		return (-1);
	info = cups->cupsCopyDestInfo(http, dest);
	if (cups->cupsCreateDestJob(http, dest, info, job, title, 0, NULL) >
	    IPP_STATUS_OK_CONFLICTING || *job <= 0)
		*cause = last_error(_("Cannot create a job on"), queue);
	else if (send_document(http, dest, info, *job, title, format, data,
	    len) != 0)
		*cause = last_error(_("Cannot send the document to"), queue);
	else
		rc = 0;
	cups->cupsFreeDestInfo(info);
	cups->httpClose(http);
	cups->cupsFreeDests(1, dest);
	return (rc);
}

/* An attribute's values, comma-separated, for a message. */
static void
copy_attr(ipp_t *r, const char *name, char *out, size_t size)
{
	ipp_attribute_t	*a = cups->ippFindAttribute(r, name, IPP_TAG_ZERO);
	size_t		 used = 0;
	int		 i;
	const char	*s;

	out[0] = '\0';
	for (i = 0; a != NULL && i < cups->ippGetCount(a); i++) {
		if ((s = cups->ippGetString(a, i, NULL)) == NULL)
			continue;
		snprintf(out + used, size - used, "%s%s", used ? "," : "", s);
		used = strlen(out);
	}
}

/* One IPP request to the scheduler; NULL with *cause. */
static ipp_t *
ask(ipp_t *req, const char *queue, char **cause)
{
	ipp_t	*r = cups->cupsDoRequest(CUPS_HTTP_DEFAULT, req, "/");

	if (r == NULL ||
	    cups->ippGetStatusCode(r) > IPP_STATUS_OK_CONFLICTING) {
		*cause = last_error(_("Cannot ask CUPS about"), queue);
		cups->ippDelete(r);
		return (NULL);
	}
	return (r);
}

/* Whether the printer is stopped, and why, in its own words. */
static int
printer_state(const char *queue, struct pcups_state *s, char **cause)
{
	ipp_t		*req, *r;
	char		 uri[1024];

	cups->httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp",
	    NULL, "localhost", 0, "/printers/%s", queue);
	req = cups->ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
	cups->ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri",
	    NULL, uri);
	if ((r = ask(req, queue, cause)) == NULL)
		return (-1);
	s->printer_stopped = cups->ippGetInteger(cups->ippFindAttribute(r,
	    "printer-state", IPP_TAG_ENUM), 0) == IPP_PSTATE_STOPPED;
	copy_attr(r, "printer-state-reasons", s->reasons, sizeof s->reasons);
	if (strcmp(s->reasons, "none") == 0)
		s->reasons[0] = '\0';
	copy_attr(r, "printer-state-message", s->message, sizeof s->message);
	cups->ippDelete(r);
	return (0);
}

/* Where a job stands, and what its printer says about it. */
int
pcups_state(const char *queue, int job, struct pcups_state *s, char **cause)
{
	ipp_t		*req, *r;
	int		 st;
	char		 msg[256];

	memset(s, 0, sizeof *s);
	if ((cups = cups_calls(cause)) == NULL)
		return (-1);
	if (printer_state(queue, s, cause) != 0)
		return (-1);
	req = cups->ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
	cups->ippAddStringf(req, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri",
	    NULL, "ipp://localhost/jobs/%d", job);
	r = cups->cupsDoRequest(CUPS_HTTP_DEFAULT, req, "/");
	if (r == NULL ||
	    cups->ippGetStatusCode(r) == IPP_STATUS_ERROR_NOT_FOUND) {
		s->job = PCUPS_JOB_GONE;
		cups->ippDelete(r);
		return (r == NULL && cups->cupsLastError() !=
		    IPP_STATUS_ERROR_NOT_FOUND ? (*cause = last_error(
		    _("Cannot ask CUPS about"), queue), -1) : 0);
	}
	st = cups->ippGetInteger(cups->ippFindAttribute(r, "job-state",
	    IPP_TAG_ENUM), 0);
	s->job = st >= IPP_JSTATE_PENDING && st <= IPP_JSTATE_COMPLETED ?
	    (enum pcups_job)(st - IPP_JSTATE_PENDING) : PCUPS_JOB_GONE;
	copy_attr(r, "job-printer-state-message", msg, sizeof msg);
	if (msg[0] != '\0')
		snprintf(s->message, sizeof s->message, "%s", msg);
	cups->ippDelete(r);
	return (0);
}

/* Finds a job by title, for a crash that lost its id. */
int
pcups_find(const char *queue, const char *title, char **cause)
{
	cups_job_t	*jobs;
	int		 n, i, found = 0;

	if ((cups = cups_calls(cause)) == NULL)
		return (-1);
	n = cups->cupsGetJobs2(CUPS_HTTP_DEFAULT, &jobs, queue, 1,
	    CUPS_WHICHJOBS_ALL);
	if (n < 0 || (n == 0 &&
	    cups->cupsLastError() > IPP_STATUS_OK_CONFLICTING &&
	    cups->cupsLastError() != IPP_STATUS_ERROR_NOT_FOUND)) {
		*cause = last_error(_("Cannot ask CUPS about"), queue);
		return (-1);
	}
	for (i = 0; i < n; i++)
		if (strcmp(jobs[i].title, title) == 0 && jobs[i].id > found)
			found = jobs[i].id;
	cups->cupsFreeJobs(n, jobs);
	return (found);
}

/* Withdraws a job that must not print. */
int
pcups_cancel(const char *queue, int job, char **cause)
{
	if ((cups = cups_calls(cause)) == NULL)
		return (-1);
	if (cups->cupsCancelJob2(CUPS_HTTP_DEFAULT, queue, job, 0) !=
	    IPP_STATUS_OK) {
		*cause = last_error(_("Cannot cancel the job on"), queue);
		return (-1);
	}
	return (0);
}
