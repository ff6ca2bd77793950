/*
 * Every open connection of bianmind, for two rules libmicrohttpd cannot
 * keep by itself: a request (line, headers and body) must arrive within
 * the request timeout however slowly it trickles, and one address may
 * hold only so many connections, except a trusted proxy that speaks for
 * many clients.
 */
#ifndef SERVER_CONNS_H
#define SERVER_CONNS_H

#include <sys/socket.h>

#include <microhttpd.h>

/* Seconds a request may take to arrive; connections per address. */
void	conns_set_limits(unsigned request_timeout, unsigned per_addr);
/* MHD_OPTION_NOTIFY_CONNECTION: a connection opens or closes. */
void	conns_notify(void *, struct MHD_Connection *, void **socket_context,
	    enum MHD_ConnectionNotificationCode);
/* The accept policy: MHD_NO past the per-address limit. */
enum MHD_Result conns_accept(void *, const struct sockaddr *, socklen_t);
/* The connection's request has arrived whole (it is being answered), or
 * its reply went out (the next request may begin to arrive). */
void	conns_received(struct MHD_Connection *);
void	conns_replied(struct MHD_Connection *);
/* Hangs up on every connection whose request is late; run often. */
void	conns_reap(void);

#endif
