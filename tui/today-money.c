/* The day's money: drawn on the Today screen, put on the 日结单 and in
 * the CSV. Amounts are fen from the server, shown in yuan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "today-money.h"
#include "../forms/value.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

void
today_money_paper(const struct day_money *m, struct paper_money *p,
    struct paper_money_channel *ch, struct paper_money_session *ss)
{
	const struct cash_session	*s;
	size_t				 i;

	memset(p, 0, sizeof *p);
	for (i = 0; i < m->nchannels; i++) {
		ch[i].channel = m->channels[i].channel;
		ch[i].payments = m->channels[i].payments;
		ch[i].paid_fen = m->channels[i].paid_fen;
		ch[i].reversals = m->channels[i].reversals;
		ch[i].reversed_fen = m->channels[i].reversed_fen;
	}
	for (i = 0; i < m->nlist; i++) {
		s = &m->list[i];
		ss[i] = (struct paper_money_session){ s->counter, s->status,
		    s->float_fen, s->expected_fen, s->counted_fen, s->over_fen,
		    s->short_fen, s->reason, s->closed_by, s->signed_by };
	}
	p->channels = ch;
	p->nchannels = m->nchannels;
	p->taken_fen = m->taken_fen;
	p->returned_fen = m->returned_fen;
	p->refunds = m->refunds;
	p->refunds_fen = m->refunds_fen;
	p->voids = m->voids;
	p->voids_fen = m->voids_fen;
	p->waived = m->waived;
	p->waived_fen = m->waived_fen;
	p->relief = m->relief;
	p->relief_fen = m->relief_fen;
	p->open = m->open;
	p->unsigned_ = m->unsigned_;
	p->float_fen = m->float_fen;
	p->expected_fen = m->expected_fen;
	p->counted_fen = m->counted_fen;
	p->over_fen = m->over_fen;
	p->short_fen = m->short_fen;
	p->sessions = ss;
	p->nsessions = m->nlist;
}

static const char *
channel_label(const char *c)
{
	if (strcmp(c, "cash") == 0)
		return (_("Cash"));
	if (strcmp(c, "code") == 0)
		return (_("Payment code"));
	return (c);
}

static const char *
drawer_label(const char *s)
{
	if (strcmp(s, "open") == 0)
		return (_("open"));
	if (strcmp(s, "closed") == 0)
		return (_("closed"));
	if (strcmp(s, "signed") == 0)
		return (_("signed off"));
	return (s);
}

int
today_money_rows(const struct day_money *m)
{
	return (4 + (int)m->nchannels + (int)m->nlist);
}

/* A section's title on a rule. */
static void
title(int y, int cols, const char *text)
{
	char	t[256];

	draw_hline(y, 0, cols);
	snprintf(t, sizeof t, " %.200s ", text);
	draw_text(y, 2, t, cols - 4, STYLE_LABEL);
}

/* One counter's drawer in a line. */
static void
draw_drawer(const struct cash_session *s, int y, int cols)
{
	char	line[512], a[32], b[32], d[32];

	value_money_text(s->expected_fen, a);
	if (s->counted_fen >= 0)
		value_money_text(s->counted_fen, b);
	else
		snprintf(b, sizeof b, "-");
	if (s->over_fen > 0) {
		d[0] = '+';
		value_money_text(s->over_fen, d + 1);
	} else if (s->short_fen > 0) {
		d[0] = '-';
		value_money_text(s->short_fen, d + 1);
	} else
		snprintf(d, sizeof d, "0.00");
	snprintf(line, sizeof line, _("Counter %s %s: expected %s, counted "
	    "%s, over/short %s%s%s"), s->counter, drawer_label(s->status), a,
	    b, d, *s->reason != '\0' ? " - " : "", s->reason);
	draw_text(y, 1, line, cols - 2, s->short_fen > 0 || s->over_fen > 0 ?
	    STYLE_ERROR : STYLE_NORMAL);
}

void
today_money_draw(const struct day_money *m, int y, int rows, int cols)
{
	char	line[512], a[32], b[32], c[32], d[32];
	int	last = y + rows;
	size_t	i;

	title(y++, cols, _("Money of the day (日结)"));
	for (i = 0; i < m->nchannels && y < last; i++, y++) {
		value_money_text(m->channels[i].paid_fen, a);
		value_money_text(m->channels[i].reversed_fen, b);
		snprintf(line, sizeof line, _("%s: %d paid %s yuan, %d "
		    "reversed %s yuan"), channel_label(m->channels[i].channel),
		    m->channels[i].payments, a, m->channels[i].reversals, b);
		draw_text(y, 1, line, cols - 2, STYLE_NORMAL);
	}
	if (y < last) {
		value_money_text(m->taken_fen, a);
		value_money_text(m->returned_fen, b);
		value_money_text(m->waived_fen, c);
		value_money_text(m->relief_fen, d);
		snprintf(line, sizeof line, _("Taken %s, returned %s (refunds "
		    "%d, voids %d), waived %d: %s, relief %d: %s"), a, b,
		    m->refunds, m->voids, m->waived, c, m->relief, d);
		draw_text(y++, 1, line, cols - 2, STYLE_TITLE);
	}
	for (i = 0; i < m->nlist && y < last; i++, y++)
		draw_drawer(&m->list[i], y, cols);
	if (m->nlist == 0 && y < last)
		draw_text(y, 2, _("No cash drawer opened today."), cols - 4,
		    STYLE_DIM);
}

size_t
today_money_csv_rows(const struct day_money *m)
{
	return (3 + m->nchannels + 6 + m->nlist);
}

/* "20.00" into a cell of num. */
static const char *
cell(char (*num)[24], int *k, long long fen)
{
	value_money_text(fen, num[*k]);
	return (num[(*k)++]);
}

static const char *
count(char (*num)[24], int *k, int n)
{
	snprintf(num[*k], sizeof num[*k], "%d", n);
	return (num[(*k)++]);
}

/* A total's row: what, how many, how much. */
static void
total_row(const char **v, char (*num)[24], int *k, const char *what, int n,
    long long fen)
{
	v[0] = _("Money");
	v[1] = what;
	v[2] = n >= 0 ? count(num, k, n) : "";
	v[3] = cell(num, k, fen);
}

void
today_money_csv(const struct day_money *m, const char **v, int ncols,
    char (*num)[24])
{
	const struct cash_session	*s;
	size_t				 i;
	int				 k = 0;

	v += ncols;			/* a blank row */
	v[0] = _("Money");
	v[2] = _("Count");
	v[3] = _("Yuan");
	v[4] = _("Reversals");
	v[5] = _("Yuan reversed");
	for (i = 0; i < m->nchannels; i++) {
		v += ncols;
		v[0] = _("Money");
		v[1] = channel_label(m->channels[i].channel);
		v[2] = count(num, &k, m->channels[i].payments);
		v[3] = cell(num, &k, m->channels[i].paid_fen);
		v[4] = count(num, &k, m->channels[i].reversals);
		v[5] = cell(num, &k, m->channels[i].reversed_fen);
	}
	total_row(v += ncols, num, &k, _("Taken"), -1, m->taken_fen);
	total_row(v += ncols, num, &k, _("Returned"), -1, m->returned_fen);
	total_row(v += ncols, num, &k, _("Refunds"), m->refunds,
	    m->refunds_fen);
	total_row(v += ncols, num, &k, _("Voids"), m->voids, m->voids_fen);
	total_row(v += ncols, num, &k, _("Waived"), m->waived, m->waived_fen);
	total_row(v += ncols, num, &k, _("Relief"), m->relief, m->relief_fen);
	v += ncols;
	v[0] = _("Cash drawer");
	v[1] = _("Counter");
	v[2] = _("Status");
	v[3] = _("Float");
	v[4] = _("Expected");
	v[5] = _("Counted");
	v[6] = _("Over");
	v[7] = _("Short");
	v[8] = _("Reason");
	for (i = 0; i < m->nlist; i++) {
		s = &m->list[i];
		v += ncols;
		v[0] = _("Cash drawer");
		v[1] = s->counter;
		v[2] = drawer_label(s->status);
		v[3] = cell(num, &k, s->float_fen);
		v[4] = cell(num, &k, s->expected_fen);
		v[5] = s->counted_fen >= 0 ? cell(num, &k, s->counted_fen) : "";
		v[6] = cell(num, &k, s->over_fen);
		v[7] = cell(num, &k, s->short_fen);
		v[8] = s->reason;
	}
}
