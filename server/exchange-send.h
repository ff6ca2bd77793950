/* The exchange's sender (docs/api.md 24): a thread of bianmind that
 * pushes the outbox's messages to the configured endpoint, one stream's
 * in order, with capped back-off after a failure. */
#ifndef SERVER_EXCHANGE_SEND_H
#define SERVER_EXCHANGE_SEND_H

struct options;

/* 0 when url may be pushed to: https://, or http:// to a loopback host
 * when allow_http; else -1 with *cause (the caller frees it). */
int	exchange_url_check(const char *url, int allow_http, char **cause);
/* Reads the key and starts the thread when an endpoint is configured
 * (without one, messages are kept: 0 and no thread). Call it with the
 * signals the main thread waits for blocked. 0, or -1 with *cause. */
int	exchange_sender_start(const struct options *, char **cause);
/* Stops the thread: an attempt under way is abandoned (its message is
 * sent again at the next start). */
void	exchange_sender_stop(void);

#endif
