/*
 * bianmind's problem+json in place of libmicrohttpd's own error pages
 * (see http-errors.c).
 */
#ifndef SERVER_HTTP_ERRORS_H
#define SERVER_HTTP_ERRORS_H

#include <microhttpd.h>

/* Queues one of bianmind's own replies: http-errors.c replaces the
 * ones libmicrohttpd makes itself. */
enum MHD_Result http_queue_own(struct MHD_Connection *, unsigned int status,
	    struct MHD_Response *);

#endif
