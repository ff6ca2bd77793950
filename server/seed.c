/*
 * The demo district, made from one PRNG seed so that a bug report can
 * name the data it was seen on. Everything is written in one transaction
 * through prepared statements, households and residents in batches
 * (COPY on PostgreSQL); uniqueness of ID and phone numbers is kept
 * in memory, since asking the database 200,000 times would be the
 * slowest part of the seed. The file is longer than most here because
 * its steps share one state that nothing else needs.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "clock.h"
#include "db.h"
#include "pinyin.h"
#include "seed-activity.h"
#include "seed-status.h"
#include "seed.h"
#include "seed-catalog.h"
#include "seed-data.h"
#include "../forms/idnum.h"
#include "../util/xmalloc.h"

#define SEED_MIN_RESIDENTS	50
#define SEED_MAX_RESIDENTS	10000000L
#define SEED_QUOTA		60	/* residents in each demo centre */
#define SEED_PROGRESS_STEP	1000
#define SEED_FLATS		48	/* per block: 4 units, 6 floors, 2 */
#define SEED_YARDS		60	/* per village group */
#define SEED_BATCH		2000	/* households per batch */

enum {
	ST_DISTRICT,
	ST_CENTRE,
	ST_COMMUNITY,
	ST_STAFF,
	ST_GRID,
	ST_COUNT
};

static const char *const seed_sql[ST_COUNT] = {
	"INSERT INTO districts (code, name) VALUES (?1, ?2)",
	"INSERT INTO centres (id, name, district_code, code) "
	"VALUES (?1, ?2, ?3, ?4)",
	"INSERT INTO communities (id, code, name, district_code, centre_id) "
	"VALUES (?1, ?2, ?3, ?4, ?1)",
	"INSERT INTO staff (id, username, name, role, centre_id, phone, "
	"password_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	"INSERT INTO grids (id, community_id, name, member_id, code) "
	"VALUES (?1, ?2, ?3, ?4, ?5)",
};

#define HOUSEHOLD_COLUMNS	"id, community_id, grid_id, address"
#define RESIDENT_COLUMNS	"id, id_number, name, sex, birth_date, " \
	"ethnicity, phone, address, community_id, grid_id, household_id, " \
	"relation, tags, version, updated_at, initials"

enum ethnicity { ETH_HAN, ETH_HUI, ETH_MANCHU, ETH_UYGHUR };

static const char *const eth_names[] = {
	"汉族", "回族", "满族", "维吾尔族"
};

/* Sorted: the API returns a resident's tags sorted, in stored order. */
enum {
	TAG_DISABLED = 1,
	TAG_ELDERLY = 2,
	TAG_LOW_INCOME = 4,
	TAG_PARTY = 8,
	TAG_VETERAN = 16
};

static const char *const tag_names[] = {
	"disabled", "elderly_80", "low_income", "party_member", "veteran"
};

struct rng {
	uint64_t	s[4];
};

/* Open addressing over numbers; 0 marks a free slot, and no ID or
 * phone number is 0. */
struct idset {
	uint64_t	*slot;
	size_t		 mask;
	size_t		 n;
};

/* A weighted list spread out so that a pick is one index. */
struct pool {
	const char	**v;
	size_t		  n;
};

struct grid {
	int		 community;
	int		 index;		/* within its community, from 0 */
	int		 next_slot;	/* the next free flat or yard */
};

struct member {
	const char	*relation;
	const char	*ethnicity;
	char		 sex;
	int		 year, month, day;
	char		 family[24];	/* surname, or a Uyghur's father */
	char		 given[24];
	char		 name[64];
	char		 id[19];
	char		 phone[12];
	int		 has_phone;
	unsigned	 tags;
};

struct household {
	int		 grid;
	enum ethnicity	 eth;
	size_t		 n;
	struct member	 m[5];
	char		 address[160];
};

struct seed {
	struct db	 *db;
	struct db_copy	 *households;	/* the open batch, or NULL */
	struct db_copy	 *residents;
	long		  batched;	/* households in the open batch */
	struct rng	  rng;
	struct idset	  ids, phones;
	struct pool	  surnames, hui, manchu, shaanxi, other;
	struct grid	 *grids;
	int		  ngrids;
	int		 *first_grid;	/* per community */
	const char	**district;	/* per community: its district's name */
	long		 *people;	/* per community */
	time_t		  now;
	char		  updated_at[32];
	long		  total, done, quota;
	long long	  next_household, next_resident;
	int		  progress;
	char		**cause;
};

/* Rotates left, as xoshiro needs. */
static uint64_t
rotl(uint64_t x, int k)
{
	return ((x << k) | (x >> (64 - k)));
}

/* splitmix64 spreads a small seed over xoshiro256**'s whole state. */
static void
rng_init(struct rng *r, unsigned long seed)
{
	uint64_t	x = seed, z;
	int		i;

	for (i = 0; i < 4; i++) {
		z = (x += 0x9e3779b97f4a7c15ULL);
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
		r->s[i] = z ^ (z >> 31);
	}
}

/* xoshiro256**: fast, well mixed, and the same on every platform. */
static uint64_t
rng_next(struct rng *r)
{
	uint64_t	*s = r->s, out, t;

	out = rotl(s[1] * 5, 7) * 9;
	t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return (out);
}

/* Uniform in [0, n) by multiplication (Lemire), n below 2^32. */
static uint32_t
rng_below(struct seed *s, uint32_t n)
{
	return ((uint32_t)(((rng_next(&s->rng) >> 32) * n) >> 32));
}

/* Uniform in [lo, hi]. */
static int
rng_range(struct seed *s, int lo, int hi)
{
	return (lo + (int)rng_below(s, (uint32_t)(hi - lo + 1)));
}

/* In [lo, hi], the lower ages the likelier, as in a population. */
static int
rng_young(struct seed *s, int lo, int hi)
{
	int	a = rng_range(s, lo, hi), b = rng_range(s, lo, hi);

	return (a < b ? a : b);
}

/* True p times in a thousand. */
static int
rng_permille(struct seed *s, int p)
{
	return ((int)rng_below(s, 1000) < p);
}

/* Spreads the numbers' low digits, which are what differ most. */
static uint64_t
idset_hash(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return (x);
}

/* A table for about expect numbers, so that it rarely grows. */
static void
idset_init(struct idset *set, size_t expect)
{
	size_t	cap = 1024;

	while (cap < expect * 2)
		cap *= 2;
	set->slot = xcalloc(cap, sizeof *set->slot);
	set->mask = cap - 1;
	set->n = 0;
}

/* Frees the table; the set may be freed twice. */
static void
idset_free(struct idset *set)
{
	free(set->slot);
	set->slot = NULL;
}

/* Inserts without growing; 1 if key was new. */
static int
idset_put(struct idset *set, uint64_t key)
{
	size_t	i = idset_hash(key) & set->mask;

	while (set->slot[i] != 0) {
		if (set->slot[i] == key)
			return (0);
		i = (i + 1) & set->mask;
	}
	set->slot[i] = key;
	set->n++;
	return (1);
}

/* Adds key, doubling the table past half full; 1 if it was new. */
static int
idset_add(struct idset *set, uint64_t key)
{
	struct idset	 bigger;
	size_t		 i;

	if (set->n * 2 >= set->mask) {
		bigger.mask = set->mask * 2 + 1;
		bigger.slot = xcalloc(bigger.mask + 1, sizeof *bigger.slot);
		bigger.n = 0;
		for (i = 0; i <= set->mask; i++) {
			if (set->slot[i] != 0)
				idset_put(&bigger, set->slot[i]);
		}
		free(set->slot);
		*set = bigger;
	}
	return (idset_put(set, key));
}

/* Repeats each text weight times: picks then cost one draw. */
static void
pool_init(struct pool *p, const struct seed_wlist *l)
{
	size_t	i, total = 0;
	int	w;

	for (i = 0; i < l->n; i++)
		total += (size_t)l->v[i].weight;
	p->v = xreallocarray(NULL, total, sizeof *p->v);
	p->n = 0;
	for (i = 0; i < l->n; i++) {
		for (w = 0; w < l->v[i].weight; w++)
			p->v[p->n++] = l->v[i].text;
	}
}

/* A text, as often as its weight says. */
static const char *
pool_pick(struct seed *s, const struct pool *p)
{
	return (p->v[rng_below(s, (uint32_t)p->n)]);
}

/* Any entry of a list, all alike. */
static const char *
list_pick(struct seed *s, const struct seed_list *l)
{
	return (l->v[rng_below(s, (uint32_t)l->n)]);
}

/* Appends one character of chars, where each is three bytes of UTF-8. */
static void
pick_char(struct seed *s, const char *chars, char *out)
{
	size_t	n = strlen(chars) / 3, i = rng_below(s, (uint32_t)n);

	out += strlen(out);
	memcpy(out, chars + 3 * i, 3);
	out[3] = '\0';
}

static int	fail(struct seed *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

/* Records the first error; later ones are its consequences. */
static int
fail(struct seed *s, const char *fmt, ...)
{
	va_list	ap;
	char	buf[512];

	if (*s->cause == NULL) {
		va_start(ap, fmt);
		vsnprintf(buf, sizeof buf, fmt, ap);
		va_end(ap);
		*s->cause = xstrdup(buf);
	}
	return (-1);
}

/* Runs one of seed_sql with binds as db_exec's fmt. */
static int
run(struct seed *s, int which, const char *fmt, ...)
{
	va_list	ap;
	int	rc;

	va_start(ap, fmt);
	rc = db_vexec(s->db, seed_sql[which], fmt, ap);
	va_end(ap);
	if (rc != 0)
		fail(s, "%s", db_error(s->db));
	return (rc);
}

/* Sends the open batch: households first, which residents refer to. */
static int
flush(struct seed *s)
{
	int	rc = 0;

	if (s->households != NULL && db_copy_end(s->households) != 0)
		rc = fail(s, "households: %s", db_error(s->db));
	if (s->residents != NULL && db_copy_end(s->residents) != 0)
		rc = fail(s, "residents: %s", db_error(s->db));
	s->households = s->residents = NULL;
	s->batched = 0;
	return (rc);
}

/* Writes v as width digits with leading zeros, without a NUL. */
static void
put_num(char *p, int v, int width)
{
	while (width-- > 0) {
		p[width] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* The number n digits spell: the key of the uniqueness sets. */
static uint64_t
digits_value(const char *p, size_t n)
{
	uint64_t	v = 0;

	while (n-- > 0)
		v = v * 10 + (uint64_t)(*p++ - '0');
	return (v);
}

/* Gregorian leap years, as the ID check counts them. */
static int
is_leap(int y)
{
	return ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
}

/* A day of the given year, never after the reference day. */
static void
pick_day(struct seed *s, struct member *m)
{
	static const int	mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int			last = 12;

	if (m->year >= SEED_REF_YEAR) {
		m->year = SEED_REF_YEAR;
		last = SEED_REF_MONTH;
	}
	m->month = rng_range(s, 1, last);
	m->day = rng_range(s, 1, mdays[m->month - 1] +
	    (m->month == 2 && is_leap(m->year)));
	if (m->year == SEED_REF_YEAR && m->month == SEED_REF_MONTH &&
	    m->day > SEED_REF_DAY)
		m->day = rng_range(s, 1, SEED_REF_DAY);
}

/* Age on the reference day: what every choice that must not change
 * from one day to the next is based on. */
static int
ref_age(const struct member *m)
{
	int	age = SEED_REF_YEAR - m->year;

	if (m->month > SEED_REF_MONTH ||
	    (m->month == SEED_REF_MONTH && m->day > SEED_REF_DAY))
		age--;
	return (age);
}

/* A unique mobile number, its prefix one a carrier really issues. */
static void
make_phone(struct seed *s, char *out)
{
	const char	*prefix;
	uint32_t	 rest;

	do {
		prefix = list_pick(s, &seed_mobile_prefixes);
		rest = rng_below(s, 100000000);
		memcpy(out, prefix, 3);
		put_num(out + 3, (int)rest, 8);
		out[11] = '\0';
	} while (!idset_add(&s->phones, digits_value(out, 11)));
}

/* A surname as common as it is among people of eth. */
static void
family_name(struct seed *s, enum ethnicity eth, char *out, size_t len)
{
	const struct pool	*p = &s->surnames;

	if (eth == ETH_UYGHUR) {
		snprintf(out, len, "%s", list_pick(s, &seed_uyghur_male));
		return;
	}
	if (eth == ETH_HUI && rng_permille(s, 700))
		p = &s->hui;
	else if (eth == ETH_MANCHU && rng_permille(s, 600))
		p = &s->manchu;
	snprintf(out, len, "%s", pool_pick(s, p));
}

/* One or two characters, in the fashion of the decade of birth. */
static void
given_name(struct seed *s, enum ethnicity eth, char sex, int year,
    char *out, size_t len)
{
	const char	*chars;
	int		 old = year < 1985;

	if (eth == ETH_UYGHUR) {
		snprintf(out, len, "%s", list_pick(s, sex == 'M' ?
		    &seed_uyghur_male : &seed_uyghur_female));
		return;
	}
	if (sex == 'M')
		chars = old ? seed_male_old : seed_male_new;
	else
		chars = old ? seed_female_old : seed_female_new;
	out[0] = '\0';
	pick_char(s, chars, out);
	if (rng_permille(s, old ? 300 : 150))
		return;
	do {
		out[3] = '\0';
		pick_char(s, chars, out);
	} while (memcmp(out, out + 3, 3) == 0);
}

/* Han order, or a Uyghur's own name then the father's after a dot. */
static void
full_name(enum ethnicity eth, struct member *m)
{
	if (eth == ETH_UYGHUR)
		snprintf(m->name, sizeof m->name, "%s·%s", m->given,
		    m->family);
	else
		snprintf(m->name, sizeof m->name, "%s%s", m->family,
		    m->given);
}

/* What a child of m inherits: a Han surname, or a Uyghur given name. */
static const char *
paternal(enum ethnicity eth, const struct member *m)
{
	return (eth == ETH_UYGHUR ? m->given : m->family);
}

/* Appends a member of whom only the relation and birth year are known. */
static struct member *
add_member(struct household *h, const char *relation, char sex, int year)
{
	struct member	*m = &h->m[h->n++];

	memset(m, 0, sizeof *m);
	m->relation = relation;
	m->sex = sex;
	m->year = year;
	return (m);
}

/* The head's age range follows from who else lives with them: a
 * grandparent is old, a parent's parent must still be alive. */
static void
plan_head(struct seed *s, struct household *h, const char *shape)
{
	int	lo = 22, hi = 90, male = 500;

	if (strchr(shape, 'C') != NULL) {
		lo = 30;
		hi = 80;
	}
	if (strpbrk(shape, "FMP") != NULL)
		hi = 62;
	if (strchr(shape, 'G') != NULL) {
		lo = 60;
		hi = 88;
	}
	if (strcmp(shape, "H") == 0) {
		if (rng_permille(s, 400)) {
			lo = 60;
			hi = 95;
		} else
			hi = 59;
	}
	if (strchr(shape, 'S') != NULL)
		male = 650;
	add_member(h, "户主", rng_permille(s, male) ? 'M' : 'F',
	    SEED_REF_YEAR - rng_young(s, lo, hi));
}

/* Opposite sex, the husband from two years younger to six older. */
static void
plan_spouse(struct seed *s, struct household *h)
{
	const struct member	*head = &h->m[0];
	int			 gap = rng_range(s, -2, 6), year;

	year = head->sex == 'M' ? head->year + gap : head->year - gap;
	if (year > SEED_REF_YEAR - 20)
		year = SEED_REF_YEAR - 20;
	add_member(h, "配偶", head->sex == 'M' ? 'F' : 'M', year);
}

/* Born 20 to 40 years after each parent; a son whose own children live
 * here too (fathers) is at least 20 now. */
static void
plan_child(struct seed *s, struct household *h, int fathers)
{
	int	young = h->m[0].year, old = h->m[0].year, lo, hi;
	char	sex;

	if (h->n > 1 && strcmp(h->m[1].relation, "配偶") == 0) {
		if (h->m[1].year > young)
			young = h->m[1].year;
		if (h->m[1].year < old)
			old = h->m[1].year;
	}
	lo = young + 20;
	hi = old + 40;
	if (hi > SEED_REF_YEAR - (fathers ? 20 : 0))
		hi = SEED_REF_YEAR - (fathers ? 20 : 0);
	if (lo > hi)
		lo = hi;
	sex = fathers || rng_permille(s, 500) ? 'M' : 'F';
	add_member(h, sex == 'M' ? "子" : "女", sex, rng_range(s, lo, hi));
}

/* The head's father or mother: 20 to 40 years older, at most 100. */
static void
plan_parent(struct seed *s, struct household *h, char which)
{
	int	head = h->m[0].year, year;
	size_t	i;

	if (which == 'P')
		which = rng_permille(s, 500) ? 'F' : 'M';
	if (which == 'F')
		year = head - rng_range(s, 22, 38);
	else {
		year = head - rng_range(s, 20, 38);
		for (i = 0; i < h->n; i++) {
			if (strcmp(h->m[i].relation, "父") == 0)
				year = h->m[i].year + rng_range(s, -3, 5);
		}
		if (year < head - 40)
			year = head - 40;
		if (year > head - 20)
			year = head - 20;
	}
	if (year < SEED_REF_YEAR - 100)
		year = SEED_REF_YEAR - 100;
	add_member(h, which == 'F' ? "父" : "母", which == 'F' ? 'M' : 'F',
	    year);
}

/* A child of the head's first child, 20 to 40 years younger. */
static void
plan_grandchild(struct seed *s, struct household *h)
{
	int	parent = h->m[0].year, hi;
	size_t	i;
	char	sex = rng_permille(s, 500) ? 'M' : 'F';

	for (i = h->n; i-- > 0;) {
		if (strcmp(h->m[i].relation, "子") == 0)
			parent = h->m[i].year;
	}
	hi = parent + 40 > SEED_REF_YEAR ? SEED_REF_YEAR : parent + 40;
	add_member(h, sex == 'M' ? "孙子" : "孙女", sex,
	    rng_range(s, parent + 20 > hi ? hi : parent + 20, hi));
}

/* A household's shape for its size, by the shapes' weights. */
static const char *
pick_shape(struct seed *s, int size)
{
	size_t	i;
	int	total = 0, r;

	for (i = 0; i < seed_nshapes; i++) {
		if (seed_shapes[i].size == size)
			total += seed_shapes[i].weight;
	}
	r = rng_range(s, 0, total - 1);
	for (i = 0; i < seed_nshapes; i++) {
		if (seed_shapes[i].size != size)
			continue;
		if (r < seed_shapes[i].weight)
			break;
		r -= seed_shapes[i].weight;
	}
	return (seed_shapes[i].shape);
}

/* Relations, sexes and birth years of a household of size people. */
static void
plan_household(struct seed *s, struct household *h, int size)
{
	const char	*shape = pick_shape(s, size), *p;
	int		 grandchildren = strchr(shape, 'G') != NULL;
	int		 children = 0;

	h->n = 0;
	plan_head(s, h, shape);
	for (p = shape + 1; *p != '\0'; p++) {
		switch (*p) {
		case 'S':
			plan_spouse(s, h);
			break;
		case 'C':
			plan_child(s, h, grandchildren && children++ == 0);
			break;
		case 'G':
			plan_grandchild(s, h);
			break;
		default:
			plan_parent(s, h, *p);
			break;
		}
	}
}

/* Mostly 汉族; some 回族 and 满族, a few 维吾尔族. */
static enum ethnicity
pick_ethnicity(struct seed *s)
{
	int	r = (int)rng_below(s, 1000);

	if (r < 4)
		return (ETH_UYGHUR);
	if (r < 29)
		return (ETH_HUI);
	if (r < 39)
		return (ETH_MANCHU);
	return (ETH_HAN);
}

/* The household's first member with relation, or NULL. */
static const struct member *
find_relation(const struct household *h, const char *relation)
{
	size_t	i;

	for (i = 0; i < h->n; i++) {
		if (strcmp(h->m[i].relation, relation) == 0)
			return (&h->m[i]);
	}
	return (NULL);
}

/* The family name each member carries: the head's from the head's
 * father, the children's from whichever parent is the man. */
static const char *
inherited(const struct household *h, const struct member *m)
{
	const struct member	*from = NULL;

	if (m == &h->m[0])
		from = find_relation(h, "父");
	else if (strcmp(m->relation, "孙子") == 0 ||
	    strcmp(m->relation, "孙女") == 0)
		from = find_relation(h, "子");
	else if (strcmp(m->relation, "子") == 0 ||
	    strcmp(m->relation, "女") == 0) {
		from = &h->m[0];
		if (from->sex == 'F' && find_relation(h, "配偶") != NULL)
			from = find_relation(h, "配偶");
	}
	return (from == NULL ? NULL : paternal(h->eth, from));
}

/* Names in the order they depend on one another: the head's parents,
 * the head, spouse, children and grandchildren. */
static void
name_household(struct seed *s, struct household *h)
{
	static const char	*order[] = { "父", "母", "户主", "配偶", "子",
				    "女", "孙子", "孙女" };
	struct member		*m;
	const char		*from;
	size_t			 i, j;

	for (j = 0; j < sizeof order / sizeof *order; j++) {
		for (i = 0; i < h->n; i++) {
			m = &h->m[i];
			if (strcmp(m->relation, order[j]) != 0)
				continue;
			m->ethnicity = eth_names[h->eth];
			given_name(s, h->eth, m->sex, m->year, m->given,
			    sizeof m->given);
			if ((from = inherited(h, m)) != NULL)
				snprintf(m->family, sizeof m->family, "%s",
				    from);
			else
				family_name(s, h->eth, m->family,
				    sizeof m->family);
			full_name(h->eth, m);
		}
	}
}

/* Mostly born in the district the household lives in; some came from
 * the rest of 铜川, of 陕西, or further. */
static const char *
pick_region(struct seed *s, const struct household *h,
    const struct member *m)
{
	const struct grid	*g = &s->grids[h->grid];
	const char		*home = seed_communities[g->community].code;
	int			 r = (int)rng_below(s, 100);

	if (h->eth == ETH_UYGHUR && m->year < 2005)
		return (list_pick(s, &seed_uyghur_regions));
	if (r < 72)
		return (home);
	if (r < 82)
		return (seed_districts[rng_below(s,
		    (uint32_t)seed_ndistricts)].code);
	if (r < 93)
		return (pool_pick(s, &s->shaanxi));
	return (pool_pick(s, &s->other));
}

/* A number nobody else has: the sequence's parity gives the sex. */
static int
make_id(struct seed *s, struct member *m, const char *region)
{
	int	tries, seq;

	memcpy(m->id, region, 6);
	put_num(m->id + 6, m->year, 4);
	put_num(m->id + 10, m->month, 2);
	put_num(m->id + 12, m->day, 2);
	for (tries = 0; tries < 1000; tries++) {
		seq = (int)rng_below(s, 500) * 2 + (m->sex == 'M');
		put_num(m->id + 14, seq, 3);
		if (idset_add(&s->ids, digits_value(m->id, 17))) {
			m->id[17] = idnum_check_char(m->id);
			m->id[18] = '\0';
			return (0);
		}
	}
	return (fail(s, "no free ID number for a birth on %04d-%02d-%02d",
	    m->year, m->month, m->day));
}

/* Children have no phone of their own, and half the very old none. */
static void
pick_phone(struct seed *s, struct member *m)
{
	int	age = ref_age(m);

	m->has_phone = 0;
	if (age < 16)
		return;
	if (rng_permille(s, age >= 80 ? 500 : 40))
		return;
	make_phone(s, m->phone);
	m->has_phone = 1;
}

/* Rates of the order of 铜川's: 低保 goes by household. */
static void
pick_tags(struct seed *s, struct member *m, int low_income)
{
	int	age = ref_age(m);

	if (rng_permille(s, age >= 60 ? 40 : 15))
		m->tags |= TAG_DISABLED;
	if (low_income)
		m->tags |= TAG_LOW_INCOME;
	if (age >= 30 && rng_permille(s, m->sex == 'M' ? 30 : 2))
		m->tags |= TAG_VETERAN;
	if (age >= 18 && rng_permille(s, age >= 50 ? 110 : 70))
		m->tags |= TAG_PARTY;
}

/* The next free flat of the grid's blocks: a grid owns every G-th block
 * of its community (every G-th group in a village), so that flats
 * within a grid stay together. */
static void
make_address(struct seed *s, struct household *h)
{
	struct grid			*g = &s->grids[h->grid];
	const struct seed_community	*c = &seed_communities[g->community];
	int				 k = g->next_slot;

	g->next_slot += 1 + (int)rng_below(s, 3);
	if (c->code[9] >= '2')
		snprintf(h->address, sizeof h->address,
		    "陕西省铜川市%s%s%d组%d号", s->district[g->community],
		    c->name, g->index + 1 + c->grids * (k / SEED_YARDS),
		    1 + k % SEED_YARDS);
	else
		snprintf(h->address, sizeof h->address,
		    "陕西省铜川市%s%s%d号楼%d单元%d室",
		    s->district[g->community], c->name,
		    g->index + 1 + c->grids * (k / SEED_FLATS),
		    1 + (k / 12) % 4, (1 + (k / 2) % 6) * 100 + 1 + k % 2);
}

/* Fills the two demo centres to their quota first, then any grid. */
static int
pick_grid(struct seed *s)
{
	int	c;

	for (c = 0; c < 2; c++) {
		if (s->people[c] < s->quota)
			return (s->first_grid[c] + (int)rng_below(s,
			    (uint32_t)seed_communities[c].grids));
	}
	return ((int)rng_below(s, (uint32_t)s->ngrids));
}

/* A household size by census weights, never past the total. */
static int
pick_size(struct seed *s)
{
	long	left = s->total - s->done;
	int	total = 0, r, size;

	for (size = 0; size < 5; size++)
		total += seed_size_weights[size];
	r = rng_range(s, 0, total - 1);
	for (size = 1; size < 5 && r >= seed_size_weights[size - 1]; size++)
		r -= seed_size_weights[size - 1];
	return (size > left ? (int)left : size);
}

/* A whole household of made-up people, ready to insert. */
static int
make_household(struct seed *s, struct household *h)
{
	struct member	*m;
	size_t		 i;
	int		 low_income;

	h->grid = pick_grid(s);
	plan_household(s, h, pick_size(s));
	h->eth = pick_ethnicity(s);
	name_household(s, h);
	low_income = rng_permille(s, 40);
	for (i = 0; i < h->n; i++) {
		m = &h->m[i];
		pick_day(s, m);
		if (make_id(s, m, pick_region(s, h, m)) != 0)
			return (-1);
		pick_phone(s, m);
		pick_tags(s, m, low_income);
	}
	make_address(s, h);
	return (0);
}

/* The tags as stored: comma-separated, sorted. */
static void
tags_text(unsigned tags, char *out, size_t len)
{
	size_t	i;

	out[0] = '\0';
	for (i = 0; i < sizeof tag_names / sizeof *tag_names; i++) {
		if (tags & (1U << i))
			snprintf(out + strlen(out), len - strlen(out), "%s%s",
			    out[0] != '\0' ? "," : "", tag_names[i]);
	}
}

/* Checks the number once more as the server would on input, then adds
 * the resident; a number that fails is a bug in the seed. */
static int
insert_member(struct seed *s, const struct household *h, struct member *m,
    long long household)
{
	const struct grid	*g = &s->grids[h->grid];
	struct idnum_info	 info;
	char			 birth[11], tags[96], *masked, initials[64];

	if (idnum_check(m->id, s->now, &info) != IDNUM_OK ||
	    info.sex != m->sex) {
		masked = idnum_mask(m->id);
		fail(s, "%s's ID number %s is not valid", m->name, masked);
		free(masked);
		return (-1);
	}
	if (idnum_age(&info, s->now) >= 80)
		m->tags |= TAG_ELDERLY;
	put_num(birth, info.year, 4);
	birth[4] = '-';
	put_num(birth + 5, info.month, 2);
	birth[7] = '-';
	put_num(birth + 8, info.day, 2);
	birth[10] = '\0';
	tags_text(m->tags, tags, sizeof tags);
	pinyin_initials(m->name, initials, sizeof initials);
	if (db_copy_row(s->residents, "ltttttttllltt" "ltt", ++s->next_resident,
	    m->id, m->name, m->sex == 'M' ? "M" : "F", birth, m->ethnicity,
	    m->has_phone ? m->phone : NULL, h->address,
	    (long long)g->community + 1, (long long)h->grid + 1, household,
	    m->relation, tags, 1LL, s->updated_at, initials) != 0)
		return (fail(s, "residents: %s", db_error(s->db)));
	return (0);
}

/* Rewrites the progress line every thousand residents. */
static void
progress(struct seed *s, long before)
{
	if (!s->progress)
		return;
	if (before / SEED_PROGRESS_STEP != s->done / SEED_PROGRESS_STEP ||
	    s->done == s->total)
		fprintf(stderr, "\rseeding residents %ld/%ld", s->done,
		    s->total);
}

/* Writes the household and its members, and counts them. */
static int
insert_household(struct seed *s, struct household *h)
{
	const struct grid	*g = &s->grids[h->grid];
	long long		 id = ++s->next_household;
	long			 before = s->done;
	size_t			 i;

	if (s->households == NULL) {
		s->households = db_copy_begin(s->db, "households",
		    HOUSEHOLD_COLUMNS);
		s->residents = db_copy_begin(s->db, "residents",
		    RESIDENT_COLUMNS);
	}
	if (db_copy_row(s->households, "lllt", id, (long long)g->community +
	    1, (long long)h->grid + 1, h->address) != 0)
		return (fail(s, "households: %s", db_error(s->db)));
	for (i = 0; i < h->n; i++) {
		if (insert_member(s, h, &h->m[i], id) != 0)
			return (-1);
	}
	s->people[g->community] += (long)h->n;
	s->done += (long)h->n;
	progress(s, before);
	return (++s->batched == SEED_BATCH ? flush(s) : 0);
}

/* The flags that a comma-separated tag list names. */
static unsigned
parse_tags(const char *text)
{
	unsigned	tags = 0;
	size_t		i;

	for (i = 0; i < sizeof tag_names / sizeof *tag_names; i++) {
		if (strstr(text, tag_names[i]) != NULL)
			tags |= 1U << i;
	}
	return (tags);
}

/* One of the README's residents: everything but the phone is fixed. */
static int
named_member(struct seed *s, const struct seed_person *p, struct member *m)
{
	struct idnum_info	info;

	memset(m, 0, sizeof *m);
	if (idnum_check(p->id_number, s->now, &info) != IDNUM_OK)
		return (fail(s, "the demo resident %s has an invalid ID "
		    "number", p->name));
	if (!idset_add(&s->ids, digits_value(info.normalized, 17)))
		return (fail(s, "the demo resident %s's ID number is taken",
		    p->name));
	snprintf(m->name, sizeof m->name, "%s", p->name);
	memcpy(m->id, info.normalized, sizeof m->id);
	m->relation = p->relation;
	m->ethnicity = p->ethnicity;
	m->sex = info.sex;
	m->year = info.year;
	m->month = info.month;
	m->day = info.day;
	m->tags = parse_tags(p->tags);
	pick_phone(s, m);
	return (0);
}

/* The README's households first, so that their ids are small. */
static int
seed_named(struct seed *s)
{
	const struct seed_family	*f;
	struct household		 h;
	size_t				 i, j;

	for (i = 0; i < seed_nfamilies; i++) {
		f = &seed_families[i];
		h.grid = s->first_grid[f->community] + f->grid;
		h.n = f->n;
		for (j = 0; j < f->n; j++) {
			if (named_member(s, &f->members[j], &h.m[j]) != 0)
				return (-1);
		}
		make_address(s, &h);
		if (insert_household(s, &h) != 0)
			return (-1);
	}
	return (0);
}

/* Made-up households until the requested total is reached. */
static int
seed_people(struct seed *s)
{
	struct household	h;
	int			rc = 0;

	while (rc == 0 && s->done < s->total) {
		if (make_household(s, &h) != 0 || insert_household(s, &h) != 0)
			rc = -1;
	}
	if (flush(s) != 0)
		rc = -1;
	if (s->progress)
		fputc('\n', stderr);
	return (rc);
}

/* Districts, then each community with its one centre (same id). */
static int
seed_places(struct seed *s)
{
	const struct seed_community	*c;
	char				 district[7], centre[96];
	long long			 id;
	size_t				 i;

	for (i = 0; i < seed_ndistricts; i++) {
		if (run(s, ST_DISTRICT, "tt", seed_districts[i].code,
		    seed_districts[i].name) != 0)
			return (-1);
	}
	for (i = 0; i < seed_ncommunities; i++) {
		c = &seed_communities[i];
		id = (long long)i + 1;
		snprintf(district, sizeof district, "%.6s", c->code);
		snprintf(centre, sizeof centre, "%s便民服务站", c->name);
		if (run(s, ST_CENTRE, "lttt", id, centre, district,
		    c->code) != 0 ||
		    run(s, ST_COMMUNITY, "lttt", id, c->code, c->name,
		    district) != 0)
			return (-1);
	}
	return (0);
}

/* The street (街道) or town (镇) of each community, named after its
 * first community: 红旗社区's street is 红旗街道. */
static int
seed_streets(struct seed *s)
{
	struct db_stmt	*st;
	const char	*name;
	char		 code[10], street[96];
	size_t		 i, n;
	int		 rc = 0;

	st = db_stmt(s->db, "INSERT INTO streets (code, name) VALUES (?, ?) "
	    "ON CONFLICT DO NOTHING");
	for (i = 0; i < seed_ncommunities && rc == 0; i++) {
		name = seed_communities[i].name;
		n = strlen(name);
		if (n > 6 && strcmp(name + n - 6, "社区") == 0)
			n -= 6;
		else if (n > 3 && strcmp(name + n - 3, "村") == 0)
			n -= 3;
		snprintf(code, sizeof code, "%.9s", seed_communities[i].code);
		snprintf(street, sizeof street, "%.*s%s", (int)n, name,
		    code[6] == '0' ? "街道" : "镇");
		db_bind_text(st, 1, code);
		db_bind_text(st, 2, street);
		if (db_step(st) != 0)
			rc = fail(s, "%s", db_error(s->db));
		db_reset(st);
	}
	return (rc);
}

/* The README's accounts, staff ids 1 to 5, and its kiosk, with real
 * password hashes. */
static int
seed_accounts_rows(struct seed *s)
{
	const struct seed_account	*a;
	char				 phone[12], *hash;
	size_t				 i;
	int				 rc;

	for (i = 0; i < seed_naccounts; i++) {
		a = &seed_accounts[i];
		if ((hash = auth_hash_password(a->password)) == NULL)
			return (fail(s, "cannot hash a password"));
		make_phone(s, phone);
		rc = run(s, ST_STAFF, "ltttLtt", (long long)i + 1, a->username,
		    a->name, a->role, (long long)a->community + 1,
		    a->community < 0 ? NULL : phone, hash);
		free(hash);
		if (rc != 0)
			return (-1);
	}
	a = &seed_kiosk;
	if ((hash = auth_hash_password(a->password)) == NULL)
		return (fail(s, "cannot hash a password"));
	rc = db_exec(s->db, "INSERT INTO kiosks (username, name, centre_id, "
	    "password_hash) VALUES (?, ?, ?, ?)", "ttlt", a->username, a->name,
	    (long long)a->community + 1, hash);
	free(hash);
	return (rc != 0 ? fail(s, "%s", db_error(s->db)) : 0);
}

/* The account that is grid g's member, if the README names one. */
static long long
account_of_grid(const struct grid *g)
{
	size_t	i;

	for (i = 0; i < seed_naccounts; i++) {
		if (seed_accounts[i].community == g->community &&
		    seed_accounts[i].grid == g->index)
			return ((long long)i + 1);
	}
	return (0);
}

/* Every grid with its member; members other than the README's have a
 * locked password, since hashing 446 of them would take seconds. */
static int
seed_grids(struct seed *s)
{
	const struct grid	*g;
	char			 name[96], username[32], person[64], phone[12];
	char			 code[24];
	char			 family[24], given[24];
	long long		 staff = (long long)seed_naccounts, member;
	int			 i;
	char			 sex;

	for (i = 0; i < s->ngrids; i++) {
		g = &s->grids[i];
		snprintf(name, sizeof name, "%s第%d网格",
		    seed_communities[g->community].name, g->index + 1);
		if ((member = account_of_grid(g)) == 0) {
			member = ++staff;
			sex = rng_permille(s, 500) ? 'M' : 'F';
			family_name(s, ETH_HAN, family, sizeof family);
			given_name(s, ETH_HAN, sex, rng_range(s, 1970, 2000),
			    given, sizeof given);
			snprintf(person, sizeof person, "%s%s", family, given);
			snprintf(username, sizeof username, "grid-%03d", i + 1);
			make_phone(s, phone);
			if (run(s, ST_STAFF, "ltttltt", member, username,
			    person, "grid", (long long)g->community + 1, phone,
			    "!") != 0)
				return (-1);
		}
		snprintf(code, sizeof code, "%s%03d",
		    seed_communities[g->community].code, g->index + 1);
		if (run(s, ST_GRID, "lltlt", (long long)i + 1,
		    (long long)g->community + 1, name, member, code) != 0)
			return (-1);
	}
	return (0);
}

/* The name of the district a code starts with. */
static const char *
district_name(const char *code)
{
	size_t	i;

	for (i = 0; i < seed_ndistricts; i++) {
		if (strncmp(seed_districts[i].code, code, 6) == 0)
			return (seed_districts[i].name);
	}
	fatal("%s: community %s is in no district", __func__, code);
}

/* Numbers the grids community by community, as the ids will be. */
static void
layout_grids(struct seed *s)
{
	size_t	c;
	int	i, n = 0;

	s->first_grid = xcalloc(seed_ncommunities, sizeof *s->first_grid);
	s->district = xcalloc(seed_ncommunities, sizeof *s->district);
	s->people = xcalloc(seed_ncommunities, sizeof *s->people);
	s->grids = xcalloc((size_t)seed_total_grids, sizeof *s->grids);
	for (c = 0; c < seed_ncommunities; c++) {
		s->first_grid[c] = n;
		s->district[c] = district_name(seed_communities[c].code);
		for (i = 0; i < seed_communities[c].grids; i++) {
			if (n == seed_total_grids)
				fatal("%s: more grids than %d", __func__, n);
			s->grids[n].community = (int)c;
			s->grids[n++].index = i;
		}
	}
	if (n != seed_total_grids)
		fatal("%s: %d grids, not %d", __func__, n, seed_total_grids);
	s->ngrids = n;
}

/* Everything the seed needs before the first row is written. */
static void
seed_init(struct seed *s, struct db *db, long residents, unsigned long seed,
    char **cause)
{
	memset(s, 0, sizeof *s);
	s->db = db;
	s->cause = cause;
	s->total = residents;
	s->quota = residents >= 400 ? SEED_QUOTA : residents * 15 / 100;
	s->now = clock_now();
	clock_rfc3339(s->now, s->updated_at);
	s->progress = isatty(STDERR_FILENO);
	rng_init(&s->rng, seed);
	idset_init(&s->ids, (size_t)residents);
	idset_init(&s->phones, (size_t)residents + 1024);
	pool_init(&s->surnames, &seed_surnames);
	pool_init(&s->hui, &seed_hui_surnames);
	pool_init(&s->manchu, &seed_manchu_surnames);
	pool_init(&s->shaanxi, &seed_shaanxi_regions);
	pool_init(&s->other, &seed_other_regions);
	layout_grids(s);
}

/* Frees what seed_init made, and a batch a failure left open. */
static void
seed_free(struct seed *s)
{
	if (s->households != NULL)
		db_copy_end(s->households);
	if (s->residents != NULL)
		db_copy_end(s->residents);
	idset_free(&s->ids);
	idset_free(&s->phones);
	free(s->surnames.v);
	free(s->hui.v);
	free(s->manchu.v);
	free(s->shaanxi.v);
	free(s->other.v);
	free(s->grids);
	free(s->first_grid);
	free(s->district);
	free(s->people);
}

/* Refuses a database that has staff: a seed on top of real or earlier
 * data would mix the two beyond repair. */
static int
seed_check_empty(struct seed *s)
{
	struct db_stmt	*st;
	int		 rc;

	rc = db_query(s->db, &st, "SELECT count(*) FROM staff", "");
	if (rc != 1)
		fail(s, "%s", db_error(s->db));
	else if (db_int(st, 0) != 0)
		fail(s, "the database already has staff; seed only an empty "
		    "database");
	db_reset(st);
	return (*s->cause == NULL ? 0 : -1);
}

/* The departments' demo accounts (docs/api.md 23), after every other
 * account so that the grid members keep their ids. */
static int
seed_dept_accounts(struct seed *s)
{
	static const char *const	 accounts[][3] = {
		{ "dept-mz", "民政局核对员", "mz" },
		{ "dept-wj", "卫健局签约员", "wj" },
	};
	char				*hash;
	size_t				 i;
	int				 rc;

	for (i = 0; i < sizeof accounts / sizeof accounts[0]; i++) {
		if ((hash = auth_hash_password("demo-dept")) == NULL)
			return (fail(s, "cannot hash a password"));
		rc = db_exec(s->db, "INSERT INTO staff (id, username, name, "
		    "role, password_hash, department) SELECT max(id) + 1, ?, "
		    "?, 'department', ?, ? FROM staff", "tttt", accounts[i][0],
		    accounts[i][1], hash, accounts[i][2]);
		free(hash);
		if (rc != 0)
			return (fail(s, "%s", db_error(s->db)));
	}
	return (0);
}

/* Writes every table in the order foreign keys need. */
static int
seed_all(struct seed *s)
{
	if (seed_check_empty(s) != 0 || seed_places(s) != 0 || seed_streets(s) != 0 ||
	    seed_accounts_rows(s) != 0 ||
	    seed_grids(s) != 0 || seed_catalog(s->db, s->updated_at,
	    s->cause) != 0 || seed_named(s) != 0 || seed_people(s) != 0 ||
	    seed_activity(s->db, s->rng.s[0], s->cause) != 0 ||
	    seed_status(s->db, s->now, s->cause) != 0 ||
	    seed_dept_accounts(s) != 0)
		return (-1);
	if (db_ids_written(s->db) != 0)
		return (fail(s, "%s", db_error(s->db)));
	return (0);
}

int
seed_demo(struct db *db, long residents, unsigned long seed, char **cause)
{
	struct seed	 s;
	int		 rc;

	*cause = NULL;
	if (residents < SEED_MIN_RESIDENTS || residents > SEED_MAX_RESIDENTS) {
		*cause = xasprintf("the number of residents must be from %d "
		    "to %ld", SEED_MIN_RESIDENTS, SEED_MAX_RESIDENTS);
		return (-1);
	}
	if (db_begin(db) != 0) {
		*cause = xasprintf("%s", db_error(db));
		return (-1);
	}
	seed_init(&s, db, residents, seed, cause);
	rc = seed_all(&s);
	seed_free(&s);
	if (rc == 0 && db_commit(db) != 0) {
		*cause = xasprintf("%s", db_error(db));
		rc = -1;
	}
	if (rc != 0)
		db_rollback(db);
	return (rc);
}
