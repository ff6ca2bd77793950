/*
 * libmicrohttpd answers a request it cannot parse (a header block over
 * its memory, a bad Content-Length or chunk size, an HTTP version it
 * does not speak) with an HTML page of its own, and 0.9.75 has no hook
 * to change that page. Its own call to MHD_queue_response() binds to
 * the definition below, which bianmind exports (see the Makefile): it
 * sends a problem+json reply instead, as every other error is sent.
 * bianmind's own replies go through http_queue_own().
 */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <gnutls/gnutls.h>
#include <microhttpd.h>

#include "http-errors.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

typedef enum MHD_Result (*queue_fn)(struct MHD_Connection *, unsigned int,
    struct MHD_Response *);

static queue_fn		real_queue;
static pthread_once_t	real_once = PTHREAD_ONCE_INIT;

static void
find_real(void)
{
	if ((real_queue = (queue_fn)dlsym(RTLD_NEXT,
	    "MHD_queue_response")) == NULL)
		fatal("libmicrohttpd's MHD_queue_response not found");
}

enum MHD_Result
http_queue_own(struct MHD_Connection *c, unsigned int status,
    struct MHD_Response *resp)
{
	pthread_once(&real_once, find_real);
	return (real_queue(c, status, resp));
}

/* The problem for a status libmicrohttpd chose; *status may change:
 * an over-long request line is as much over the limit as headers. */
static const char *
problem_for(unsigned int *status)
{
	switch (*status) {
	case MHD_HTTP_CONTENT_TOO_LARGE:
		return ("{\"type\":\"urn:bianmin:problem:body-too-large\","
		    "\"title\":\"Request body too large\",\"status\":413,"
		    "\"detail\":\"请求体超过 64 KiB\",\"limit\":65536}");
	case MHD_HTTP_URI_TOO_LONG:
	case MHD_HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE:
		*status = MHD_HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE;
		return ("{\"type\":\"urn:bianmin:problem:headers-too-large\","
		    "\"title\":\"Request headers too large\",\"status\":431,"
		    "\"detail\":\"请求头超过 16 KiB\"}");
	}
	if (*status >= 500 && *status != MHD_HTTP_HTTP_VERSION_NOT_SUPPORTED) {
		*status = MHD_HTTP_INTERNAL_SERVER_ERROR;
		return ("{\"type\":\"urn:bianmin:problem:internal\","
		    "\"title\":\"Internal error\",\"status\":500,"
		    "\"detail\":\"Internal error\"}");
	}
	/* a malformed request line, header, Content-Length or chunk, or
	 * an HTTP version other than 1.0 and 1.1 */
	*status = MHD_HTTP_BAD_REQUEST;
	return ("{\"type\":\"urn:bianmin:problem:invalid-request\","
	    "\"title\":\"Invalid request\",\"status\":400,"
	    "\"detail\":\"不是有效的 HTTP/1.1 请求\"}");
}

/* 1 when libmicrohttpd refused the request's Content-Length: it looks
 * at it only without Transfer-Encoding, and takes only digits that fit
 * 64 bits. */
static int
bad_content_length(struct MHD_Connection *c)
{
	const char	*cl;
	size_t		 n;

	if (MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_TRANSFER_ENCODING) != NULL ||
	    (cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_CONTENT_LENGTH)) == NULL)
		return (0);
	n = strspn(cl, "0123456789");
	return (n == 0 || cl[n] != '\0' || n > 20 ||
	    (n == 20 && strcmp(cl, "18446744073709551615") > 0));
}

/* Writes the whole reply on the connection by hand, for the one refusal
 * after which libmicrohttpd 0.9.75 would send its headers twice (it
 * carries on parsing past a bad Content-Length); the caller then has it
 * close the connection. */
static void
write_by_hand(struct MHD_Connection *c, unsigned int status,
    const char *body)
{
	const union MHD_ConnectionInfo	*ci;
	char				*text;
	int				 len;

	len = asprintf(&text, "HTTP/1.1 %u %s\r\nConnection: close\r\n"
	    "Content-Type: application/problem+json; charset=utf-8\r\n"
	    "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n"
	    "Content-Length: %zu\r\n\r\n%s", status,
	    MHD_get_reason_phrase_for(status), strlen(body), body);
	if (len < 0)
		return;
	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_GNUTLS_SESSION);
	if (ci != NULL && ci->tls_session != NULL)
		gnutls_record_send(ci->tls_session, text, (size_t)len);
	else if ((ci = MHD_get_connection_info(c,
	    MHD_CONNECTION_INFO_CONNECTION_FD)) != NULL)
		send(ci->connect_fd, text, (size_t)len, MSG_NOSIGNAL);
	free(text);
}

enum MHD_Result
MHD_queue_response(struct MHD_Connection *c, unsigned int status,
    struct MHD_Response *html)
{
	struct MHD_Response	*resp;
	const char		*body;
	enum MHD_Result		 rc;

	(void)html;	/* libmicrohttpd frees its page itself */
	log_debug("libmicrohttpd refused a request: %u", status);
	body = problem_for(&status);
	if (bad_content_length(c)) {
		write_by_hand(c, status, body);
		return (MHD_NO);
	}
	resp = MHD_create_response_from_buffer(strlen(body), (void *)body,
	    MHD_RESPMEM_PERSISTENT);
	if (resp == NULL)
		return (MHD_NO);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
	    "application/problem+json; charset=utf-8");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
	    "no-store");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	rc = http_queue_own(c, status, resp);
	MHD_destroy_response(resp);
	return (rc);
}
