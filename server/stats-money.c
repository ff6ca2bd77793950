/* The day's money: every record of the day counted once, by the local
 * date it was written on. */
#include <string.h>

#include "cash.h"
#include "db.h"
#include "stats-money.h"

/* The filters of the day's records: ?1 centre, ?2 date, ?3 counter,
 * ?4 staff, ?5 service. */
#define PAY_F "p.local_date = ?2 AND (?1 = 0 OR p.centre_id = ?1) AND " \
	"(?3 IS NULL OR p.counter = ?3) AND (?4 IS NULL OR p.staff_id = " \
	"?4) AND (?5 IS NULL OR a.service_id = ?5)"
#define APP_F "a.created_date = ?2 AND (?1 = 0 OR c.centre_id = ?1) AND " \
	"(?3 IS NULL OR a.counter = ?3) AND (?4 IS NULL OR a.staff_id = " \
	"?4) AND (?5 IS NULL OR a.service_id = ?5)"

/* Sums of one kind of record. */
struct sum {
	long long	 count, fen;
};

/* The records of the day, by channel and kind. */
struct tally {
	struct sum	 paid[3], reversed[3];	/* cash, code, waived */
	struct sum	 refunds, voids;
};

static void
bind(struct db_stmt *st, const struct money_day *d)
{
	db_bind_int(st, 1, d->centre);
	db_bind_text(st, 2, d->date);
	if (d->counter != NULL)
		db_bind_text(st, 3, d->counter);
	if (d->staff != 0)
		db_bind_int(st, 4, d->staff);
	if (d->service != 0)
		db_bind_int(st, 5, d->service);
}

static const char *const channels[] = { "cash", "code", "waived" };

/* Adds one group of records (channel, kind, count, sum) to t. */
static void
tally_row(struct tally *t, const char *channel, const char *kind,
    long long count, long long fen)
{
	struct sum	*s;
	int		 i;

	for (i = 0; i < 3 && strcmp(channels[i], channel) != 0; i++)
		;
	if (i == 3)
		return;
	s = strcmp(kind, "payment") == 0 ? &t->paid[i] : &t->reversed[i];
	s->count += count;
	s->fen += fen;
	if (strcmp(kind, "payment") == 0)
		return;
	s = strcmp(kind, "refund") == 0 ? &t->refunds : &t->voids;
	s->count += count;
	s->fen += fen;
}

static void
tally_day(struct db *db, const struct money_day *d, struct tally *t)
{
	struct db_stmt	*st;

	memset(t, 0, sizeof *t);
	st = db_stmt(db, "SELECT p.channel, p.kind, count(*), "
	    "CAST(coalesce(sum(p.amount_fen), 0) AS BIGINT) FROM payments p "
	    "JOIN applications a ON a.id = p.application_id WHERE " PAY_F
	    " GROUP BY p.channel, p.kind");
	bind(st, d);
	while (db_step(st) == 1)
		tally_row(t, db_text(st, 0), db_text(st, 1), db_int(st, 2),
		    db_int(st, 3));
	db_reset(st);
}

/* {count, amount_fen} as key of o. */
static void
add_sum(cJSON *o, const char *key, const struct sum *s)
{
	cJSON	*v = cJSON_AddObjectToObject(o, key);

	cJSON_AddNumberToObject(v, "count", (double)s->count);
	cJSON_AddNumberToObject(v, "amount_fen", (double)s->fen);
}

/* The fees lowered by rule on the applications taken that day. */
static void
add_relief(struct db *db, cJSON *o, const struct money_day *d)
{
	struct db_stmt	*st;
	struct sum	 s = { 0, 0 };

	st = db_stmt(db, "SELECT count(*), CAST(coalesce(sum("
	    "a.fee_standard_fen - a.fee_fen), 0) AS BIGINT) FROM applications "
	    "a JOIN communities c ON c.id = a.community_id WHERE " APP_F
	    " AND a.fee_standard_fen > a.fee_fen");
	bind(st, d);
	if (db_step(st) == 1) {
		s.count = db_int(st, 0);
		s.fen = db_int(st, 1);
	}
	db_reset(st);
	add_sum(o, "relief", &s);
}

/* The counters' sessions of the day, and their totals. */
static void
add_cash(struct db *db, cJSON *o, const struct money_day *d)
{
	static const char *const	 keys[] = { "float_fen",
	    "expected_fen", "counted_fen", "over_fen", "short_fen" };
	struct db_stmt			*st;
	cJSON				*list, *s, *c, *v;
	long long			 sums[5] = { 0 }, open = 0, unsigned_n = 0;
	long long			 n = 0;
	size_t				 i;

	list = cJSON_AddArrayToObject(o, "sessions");
	st = db_stmt(db, "SELECT " CASH_COLS CASH_FROM " WHERE "
	    "s.business_date = ?2 AND (?1 = 0 OR s.centre_id = ?1) AND (?3 IS "
	    "NULL OR s.counter = ?3) ORDER BY s.counter, s.id");
	db_bind_int(st, 1, d->centre);
	db_bind_text(st, 2, d->date);
	if (d->counter != NULL)
		db_bind_text(st, 3, d->counter);
	while (db_step(st) == 1) {
		s = cash_row(st);
		n++;
		open += strcmp(db_text(st, 5), "open") == 0;
		unsigned_n += strcmp(db_text(st, 5), "signed") != 0;
		for (i = 0; i < 5; i++) {
			v = cJSON_GetObjectItem(s, keys[i]);
			/* counted_fen is null while a session is open */
			if (cJSON_IsNumber(v))
				sums[i] += (long long)v->valuedouble;
		}
		cJSON_AddItemToArray(list, s);
	}
	db_reset(st);
	c = cJSON_AddObjectToObject(o, "cash");
	cJSON_AddNumberToObject(c, "sessions", (double)n);
	cJSON_AddNumberToObject(c, "open", (double)open);
	cJSON_AddNumberToObject(c, "unsigned", (double)unsigned_n);
	for (i = 0; i < 5; i++)
		cJSON_AddNumberToObject(c, keys[i], (double)sums[i]);
}

cJSON *
stats_money(struct db *db, const struct money_day *d)
{
	struct tally	 t;
	cJSON		*o = cJSON_CreateObject(), *list, *c;
	long long	 taken = 0, returned = 0;
	int		 i;

	tally_day(db, d, &t);
	list = cJSON_AddArrayToObject(o, "by_channel");
	for (i = 0; i < 2; i++) {
		c = cJSON_CreateObject();
		cJSON_AddStringToObject(c, "channel", channels[i]);
		cJSON_AddNumberToObject(c, "payments", (double)t.paid[i].count);
		cJSON_AddNumberToObject(c, "paid_fen", (double)t.paid[i].fen);
		cJSON_AddNumberToObject(c, "reversals",
		    (double)t.reversed[i].count);
		cJSON_AddNumberToObject(c, "reversed_fen",
		    (double)t.reversed[i].fen);
		cJSON_AddItemToArray(list, c);
		taken += t.paid[i].fen;
		returned += t.reversed[i].fen;
	}
	cJSON_AddNumberToObject(o, "taken_fen", (double)taken);
	cJSON_AddNumberToObject(o, "returned_fen", (double)returned);
	add_sum(o, "refunds", &t.refunds);
	add_sum(o, "voids", &t.voids);
	add_sum(o, "waived", &t.paid[2]);
	add_relief(db, o, d);
	add_cash(db, o, d);
	return (o);
}
