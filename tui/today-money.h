/* The day's money on the Today screen, its 日结单 and its CSV
 * (today-money.c): payments by channel, refunds, voids, waivers and
 * reliefs, each counter's drawer expected against counted. */
#ifndef TUI_TODAY_MONEY_H
#define TUI_TODAY_MONEY_H

#include <stddef.h>

#include "../api/cash.h"
#include "../printing/papers.h"

/* The money for the paper: p points into m; ch and ss have room for
 * m's channels and sessions. */
void	today_money_paper(const struct day_money *m, struct paper_money *p,
	    struct paper_money_channel *ch, struct paper_money_session *ss);
/* Rows the money panel wants. */
int	today_money_rows(const struct day_money *);
/* The money panel in rows [y, y + rows). */
void	today_money_draw(const struct day_money *, int y, int rows,
	    int cols);
/* Rows the money adds to the CSV (with the blank row before it). */
size_t	today_money_csv_rows(const struct day_money *);
/* Those rows into v (ncols cells a row, every cell set); the amounts
 * are written into num, 8 to a row. */
void	today_money_csv(const struct day_money *, const char **v,
	    int ncols, char (*num)[24]);

#endif
