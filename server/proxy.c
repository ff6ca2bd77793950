/* Which peers may name the client, and the client they name. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <microhttpd.h>

#include "proxy.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

#define MAX_NETS	32
#define MAX_HOPS	32

struct net {
	int		family;
	unsigned char	addr[16];
	int		bits;
};

static struct net	nets[MAX_NETS];
static int		nnets;
static pthread_rwlock_t	nets_lock = PTHREAD_RWLOCK_INITIALIZER;

/* Text to family and bytes; an IPv4-mapped IPv6 address becomes IPv4. */
static int
parse_addr(const char *s, int *family, unsigned char *out)
{
	static const unsigned char	mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0,
	    0, 0, 0xff, 0xff };
	unsigned char			v6[16];

	if (inet_pton(AF_INET, s, out) == 1) {
		*family = AF_INET;
		return (0);
	}
	if (inet_pton(AF_INET6, s, v6) != 1)
		return (-1);
	if (memcmp(v6, mapped, sizeof mapped) == 0) {
		*family = AF_INET;
		memcpy(out, v6 + 12, 4);
	} else {
		*family = AF_INET6;
		memcpy(out, v6, 16);
	}
	return (0);
}

/* One entry of the list: ADDR or ADDR/BITS. */
static int
parse_net(const char *s, struct net *n)
{
	char	*copy = xstrdup(s), *slash, *end;
	long	 bits;
	int	 rc = -1;

	if ((slash = strchr(copy, '/')) != NULL)
		*slash++ = '\0';
	if (parse_addr(copy, &n->family, n->addr) == 0) {
		n->bits = n->family == AF_INET ? 32 : 128;
		rc = 0;
		if (slash != NULL) {
			bits = strtol(slash, &end, 10);
			if (*slash == '\0' || *end != '\0' || bits < 0 ||
			    bits > n->bits)
				rc = -1;
			else
				n->bits = (int)bits;
		}
	}
	free(copy);
	return (rc);
}

int
proxy_set(const char *list, char **cause)
{
	struct net	 parsed[MAX_NETS];
	char		*copy = xstrdup(list), *p = copy, *item;
	int		 n = 0, rc = 0;

	while (rc == 0 && (item = strsep(&p, ",")) != NULL) {
		item += strspn(item, " \t");
		item[strcspn(item, " \t")] = '\0';
		if (*item == '\0')
			continue;
		if (n == MAX_NETS) {
			*cause = xasprintf("more than %d trusted proxies",
			    MAX_NETS);
			rc = -1;
		} else if (parse_net(item, &parsed[n]) != 0) {
			*cause = xasprintf("not an address or ADDR/BITS: %s",
			    item);
			rc = -1;
		} else
			n++;
	}
	free(copy);
	if (rc != 0)
		return (-1);
	pthread_rwlock_wrlock(&nets_lock);
	memcpy(nets, parsed, sizeof parsed);
	nnets = n;
	pthread_rwlock_unlock(&nets_lock);
	return (0);
}

/* 1 if the first bits of a and b agree. */
static int
same_prefix(const unsigned char *a, const unsigned char *b, int bits)
{
	int	whole = bits / 8, rest = bits % 8;

	if (memcmp(a, b, (size_t)whole) != 0)
		return (0);
	return (rest == 0 ||
	    ((a[whole] ^ b[whole]) & (0xff << (8 - rest)) & 0xff) == 0);
}

int
proxy_trusted(const char *addr)
{
	unsigned char	bytes[16];
	int		family, i, found = 0;

	if (parse_addr(addr, &family, bytes) != 0)
		return (0);
	pthread_rwlock_rdlock(&nets_lock);
	for (i = 0; i < nnets && !found; i++) {
		found = nets[i].family == family &&
		    same_prefix(nets[i].addr, bytes, nets[i].bits);
	}
	pthread_rwlock_unlock(&nets_lock);
	return (found);
}

void
proxy_addr_text(const struct sockaddr *sa, char *out, size_t len)
{
	const void	*a;
	unsigned char	 bytes[16];
	char		 text[INET6_ADDRSTRLEN];
	int		 family;

	snprintf(out, len, "?");
	if (sa == NULL)
		return;
	if (sa->sa_family == AF_INET)
		a = &((const struct sockaddr_in *)sa)->sin_addr;
	else if (sa->sa_family == AF_INET6)
		a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
	else
		return;
	if (inet_ntop(sa->sa_family, a, text, sizeof text) == NULL ||
	    parse_addr(text, &family, bytes) != 0)
		return;
	inet_ntop(family, bytes, out, len);
}

/* One hop's node as a normalised address: quotes, brackets and a port
 * taken off. -1 for "unknown", an obfuscated name or anything else. */
static int
hop_addr(const char *s, size_t n, char *out, size_t len)
{
	unsigned char	 bytes[16];
	char		 text[128], *end;
	int		 family;

	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"')
		s++, n -= 2;
	if (n == 0 || n >= sizeof text)
		return (-1);
	memcpy(text, s, n);
	text[n] = '\0';
	if (text[0] == '[') {
		if ((end = strchr(text, ']')) == NULL)
			return (-1);
		*end = '\0';
		memmove(text, text + 1, strlen(text + 1) + 1);
	} else if ((end = strchr(text, ':')) != NULL &&
	    strchr(end + 1, ':') == NULL)
		*end = '\0';	/* IPv4:port */
	if (parse_addr(text, &family, bytes) != 0)
		return (-1);
	inet_ntop(family, bytes, out, len);
	return (0);
}

struct headers {
	const char	*name;
	struct buf	 b;
};

/* Joins every instance of one header, in order, by commas. */
static enum MHD_Result
gather(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct headers	*h = cls;

	(void)kind;
	if (value != NULL && strcasecmp(key, h->name) == 0) {
		if (h->b.len > 0)
			buf_adds(&h->b, ",");
		buf_adds(&h->b, value);
	}
	return (MHD_YES);
}

/* The for= node of one Forwarded element; NULL if it has none. */
static const char *
forwarded_for(const char *element, size_t n, size_t *len)
{
	const char	*p = element, *end = element + n, *semi;

	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		semi = memchr(p, ';', (size_t)(end - p));
		if (semi == NULL)
			semi = end;
		if (semi - p > 4 && strncasecmp(p, "for=", 4) == 0) {
			*len = (size_t)(semi - p - 4);
			return (p + 4);
		}
		p = semi + 1;
	}
	return (NULL);
}

/* The hops of the header, left (first) to right (nearest); their
 * count. A hop that is no address is kept as "" so that it stops the
 * walk. */
static int
hops(const char *list, int forwarded, char hop[][64])
{
	const char	*p = list, *comma, *node;
	size_t		 n;
	int		 count = 0;

	while (*p != '\0' && count < MAX_HOPS) {
		comma = strchr(p, ',');
		n = comma != NULL ? (size_t)(comma - p) : strlen(p);
		node = forwarded ? forwarded_for(p, n, &n) : p;
		if (node != NULL || !forwarded) {
			if (hop_addr(node, n, hop[count], 64) != 0)
				hop[count][0] = '\0';
			count++;
		}
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	return (count);
}

void
proxy_client(struct MHD_Connection *conn, const char *peer, char *out,
    size_t len)
{
	struct headers	 h;
	char		 hop[MAX_HOPS][64];
	int		 n = 0, i;

	snprintf(out, len, "%s", peer);
	if (!proxy_trusted(peer))
		return;
	h.name = "Forwarded";
	buf_init(&h.b);
	MHD_get_connection_values(conn, MHD_HEADER_KIND, gather, &h);
	if (h.b.len > 0)
		n = hops(h.b.data, 1, hop);
	buf_free(&h.b);
	if (n == 0) {
		h.name = "X-Forwarded-For";
		buf_init(&h.b);
		MHD_get_connection_values(conn, MHD_HEADER_KIND, gather, &h);
		if (h.b.len > 0)
			n = hops(h.b.data, 0, hop);
		buf_free(&h.b);
	}
	/* from the nearest hop back: each trusted proxy speaks for the hop
	 * before it; the first that is not one is the client */
	for (i = n - 1; i >= 0; i--) {
		if (hop[i][0] == '\0')
			return;
		snprintf(out, len, "%s", hop[i]);
		if (!proxy_trusted(hop[i]))
			return;
	}
}
