/* A per-address request budget for the public verification routes
 * (docs/api.md 1.12), kept in memory: it guards against scraping, not
 * against a restart. */
#ifndef SERVER_RATELIMIT_H
#define SERVER_RATELIMIT_H

/* Counts one request from addr; 0 if within limit requests per window
 * seconds, else the seconds until the oldest counted one leaves. */
int	ratelimit_hit(const char *addr, int limit, int window);

#endif
