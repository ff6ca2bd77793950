/*
 * The request side of bianmind as libmicrohttpd calls it: each request
 * is received, checked in the order of docs/api.md 1.6, routed,
 * handled, logged and answered here.
 */
#ifndef SERVER_HTTP_H
#define SERVER_HTTP_H

#include <stddef.h>

#include <microhttpd.h>

#define HTTP_MAX_BODY	(64 * 1024)
#define HTTP_MAX_HEADERS (16 * 1024)
/* Past this much of an oversized body the connection is dropped. */
#define HTTP_MAX_DISCARD (16 * 1024 * 1024)

/* MHD_OPTION_URI_LOG_CALLBACK: the request line, before libmicrohttpd
 * decodes it (and a %00 in it cuts the path short). */
void	*http_uri_log(void *, const char *uri, struct MHD_Connection *);
/* The libmicrohttpd access handler and completion callback. */
enum MHD_Result http_access(void *, struct MHD_Connection *, const char *url,
	    const char *method, const char *version, const char *upload,
	    size_t *upload_size, void **con_cls);
void	http_completed(void *, struct MHD_Connection *, void **con_cls,
	    enum MHD_RequestTerminationCode toe);
/* Requests being received or answered now. */
int	http_inflight(void);
/* Seconds a request body may take to arrive (408 after). */
void	http_set_body_timeout(unsigned seconds);

#endif
