/*
 * libcups, loaded when the client first talks to CUPS rather than at
 * exec: with it come GnuTLS, Avahi, D-Bus and systemd's libraries, a
 * dozen objects whose relocation would cost every start of bianmin,
 * most of which never print to CUPS (a receipt printer on tcp: or a
 * file). The calls are typed from <cups/cups.h> itself.
 */
#ifndef PRINTING_CUPS_LOAD_H
#define PRINTING_CUPS_LOAD_H

#include <cups/cups.h>

#define CUPS_CALLS(X)							\
	X(cupsLastError) X(cupsLastErrorString) X(cupsGetDests2)	\
	X(cupsGetOption) X(cupsFreeDests) X(httpConnect2) X(cupsServer)	\
	X(ippPort) X(cupsEncryption) X(cupsGetNamedDest) X(httpClose)	\
	X(cupsStartDestDocument) X(cupsWriteRequestData)		\
	X(cupsFinishDestDocument) X(cupsCopyDestInfo)			\
	X(cupsCreateDestJob) X(cupsFreeDestInfo) X(ippFindAttribute)	\
	X(ippGetCount) X(ippGetString) X(cupsDoRequest)			\
	X(ippGetStatusCode) X(ippDelete) X(httpAssembleURIf)		\
	X(ippNewRequest) X(ippAddString) X(ippGetInteger)		\
	X(ippAddStringf) X(cupsGetJobs2) X(cupsFreeJobs) X(cupsCancelJob2)

struct cups_calls {
#define CUPS_CALL_MEMBER(f)	__typeof__(f) *f;
	CUPS_CALLS(CUPS_CALL_MEMBER)
#undef CUPS_CALL_MEMBER
};

/* The calls, loading libcups the first time; NULL with *cause (for the
 * clerk) when it is not installed or lacks one of them. */
const struct cups_calls	*cups_calls(char **cause);

#endif
