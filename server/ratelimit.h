/* A per-address budget for the public routes (docs/api.md 1.12): the
 * verification routes' requests, the exchange's inbound refusals; kept
 * in memory, it guards against scraping and flooding, not against a
 * restart. An address is any key up to 63 bytes (one budget each). */
#ifndef SERVER_RATELIMIT_H
#define SERVER_RATELIMIT_H

/* Counts one request from addr; 0 if within limit requests per window
 * seconds, else the seconds until the oldest counted one leaves. */
int	ratelimit_hit(const char *addr, int limit, int window);
/* The same answer without counting: 0 while addr has fewer than limit
 * hits in the last window seconds. */
int	ratelimit_wait(const char *addr, int limit, int window);

#endif
