/*
 * The money lines of a day's figures (docs/api.md 13 and 20), for the
 * 日结单: payments and their red-letter records by channel, refunds,
 * voids, waivers by the clerk and reliefs by rule, and the counters'
 * cash sessions, expected against counted (stats-money.c).
 */
#ifndef SERVER_STATS_MONEY_H
#define SERVER_STATS_MONEY_H

#include <cjson/cJSON.h>

struct db;

/* What a day's figures are asked for: centre 0 is every centre;
 * counter NULL, staff and service 0 are any. */
struct money_day {
	long long	 centre, staff, service;
	const char	*counter;
	const char	*date;
};

/* The DailyStats' `money` (DayMoney). */
cJSON	*stats_money(struct db *, const struct money_day *);

#endif
