/* Open connections: request deadlines and per-address counts. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>

#include "conns.h"
#include "proxy.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

/* A request late but whole still gets its 408; one still arriving this
 * long after its deadline is cut off. */
#define GRACE_MS	1000

struct conn {
	int		 fd;
	char		 addr[64];
	int		 trusted;
	int		 receiving;	/* its next request is arriving */
	int		 cut;
	long long	 since;		/* monotonic ms */
	struct conn	*prev, *next;
};

static struct conn	*head;
static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;
static long long	 timeout_ms = 30000;
static unsigned		 max_per_addr = 64;

void
conns_set_limits(unsigned request_timeout, unsigned per_addr)
{
	timeout_ms = (long long)request_timeout * 1000;
	max_per_addr = per_addr;
}

/* Milliseconds on a clock that never jumps. */
static long long
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* Adds a connection to the list; the socket context points to it. */
static struct conn *
opened(struct MHD_Connection *mc)
{
	const union MHD_ConnectionInfo	*ci;
	struct conn			*c = xcalloc(1, sizeof *c);

	c->fd = -1;
	if ((ci = MHD_get_connection_info(mc,
	    MHD_CONNECTION_INFO_CONNECTION_FD)) != NULL)
		c->fd = ci->connect_fd;
	ci = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	proxy_addr_text(ci != NULL ? ci->client_addr : NULL, c->addr,
	    sizeof c->addr);
	c->trusted = proxy_trusted(c->addr);
	c->receiving = 1;
	c->since = now_ms();
	pthread_mutex_lock(&lock);
	c->next = head;
	if (head != NULL)
		head->prev = c;
	head = c;
	pthread_mutex_unlock(&lock);
	return (c);
}

void
conns_notify(void *cls, struct MHD_Connection *mc, void **socket_context,
    enum MHD_ConnectionNotificationCode code)
{
	struct conn	*c = *socket_context;

	(void)cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		*socket_context = opened(mc);
		return;
	}
	if (c == NULL)
		return;
	/* libmicrohttpd says "closed" before it closes the socket: once
	 * out of the list under the lock, conns_reap() cannot reach a
	 * number the kernel may already give to another connection */
	pthread_mutex_lock(&lock);
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		head = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	pthread_mutex_unlock(&lock);
	free(c);
	*socket_context = NULL;
}

enum MHD_Result
conns_accept(void *cls, const struct sockaddr *sa, socklen_t len)
{
	struct conn	*c;
	char		 addr[64];
	unsigned	 n = 0;

	(void)cls;
	(void)len;
	proxy_addr_text(sa, addr, sizeof addr);
	if (proxy_trusted(addr))
		return (MHD_YES);
	pthread_mutex_lock(&lock);
	for (c = head; c != NULL && n < max_per_addr; c = c->next)
		n += strcmp(c->addr, addr) == 0;
	pthread_mutex_unlock(&lock);
	return (n < max_per_addr ? MHD_YES : MHD_NO);
}

/* Marks the connection's state at now. */
static void
mark(struct MHD_Connection *mc, int receiving)
{
	const union MHD_ConnectionInfo	*ci;
	struct conn			*c;

	ci = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	if (ci == NULL || (c = ci->socket_context) == NULL)
		return;
	pthread_mutex_lock(&lock);
	c->receiving = receiving;
	c->since = now_ms();
	pthread_mutex_unlock(&lock);
}

void
conns_received(struct MHD_Connection *mc)
{
	mark(mc, 0);
}

void
conns_replied(struct MHD_Connection *mc)
{
	mark(mc, 1);
}

void
conns_reap(void)
{
	struct conn	*c;
	long long	 now = now_ms();

	pthread_mutex_lock(&lock);
	for (c = head; c != NULL; c = c->next) {
		if (!c->receiving || c->cut || c->fd < 0 ||
		    now - c->since <= timeout_ms + GRACE_MS)
			continue;
		/* libmicrohttpd sees the end of the stream and closes it
		 * in its own thread */
		shutdown(c->fd, SHUT_RDWR);
		c->cut = 1;
		log_info("%s: request not received in %lld s: closed", c->addr,
		    timeout_ms / 1000);
	}
	pthread_mutex_unlock(&lock);
}
