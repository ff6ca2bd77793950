/* The server's instants (RFC 3339, UTC) as the counter reads them, and
 * the contract's local day (Asia/Shanghai, docs/api.md 1.4). */
#ifndef TUI_WHEN_H
#define TUI_WHEN_H

#include <stddef.h>
#include <time.h>

#define WHEN_CST	(8 * 3600)

/* -1 when s is not an instant. */
time_t	when_parse(const char *s);
/* "09:12" in this PC's time, "-" when s is empty or not an instant. */
void	when_hm(const char *s, char *out, size_t len);
/* "11-29 09:12" likewise. */
void	when_day_hm(const char *s, char *out, size_t len);
/* The hour of s in China Standard Time, as the server counts it; -1. */
int	when_cst_hour(const char *s);
/* Today as the server counts it, YYYY-MM-DD, into out[11]. */
void	when_cst_today(char *out);

#endif
