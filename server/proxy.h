/*
 * Trusted reverse proxies (--trusted-proxies): only a connection from one
 * of them may say, in Forwarded or X-Forwarded-For, which client it
 * speaks for. Everything else is known by its socket's address.
 */
#ifndef SERVER_PROXY_H
#define SERVER_PROXY_H

#include <stddef.h>

#include <sys/socket.h>

struct MHD_Connection;

/* Replaces the list: addresses and CIDR blocks, comma-separated (IPv4
 * or IPv6, "" for none). -1 with *cause (caller frees) when an entry is
 * not one; the old list then stays. */
int	proxy_set(const char *list, char **cause);
/* 1 if the address (text, as inet_ntop writes it) is a trusted proxy. */
int	proxy_trusted(const char *addr);
/* The client's address for a request that came from peer: peer itself
 * unless peer is trusted, else the last hop of the forwarding headers
 * that is not a trusted proxy. Into out (64 bytes). */
void	proxy_client(struct MHD_Connection *, const char *peer, char *out,
	    size_t len);
/* The address of sa as text into out (64 bytes); "?" when unknown. An
 * IPv4 address mapped into IPv6 comes out as IPv4. */
void	proxy_addr_text(const struct sockaddr *sa, char *out, size_t len);

#endif
