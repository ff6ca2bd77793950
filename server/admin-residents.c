/*
 * `bianmind admin residents import FILE.csv [--dry-run] [--rejects F]`:
 * residents with their households (户号, 与户主关系), UTF-8 or GB18030,
 * matched by ID number (a resident already there is updated). A row that
 * cannot be taken goes to the rejects file with its line and why; the
 * others are written in one transaction. Made for a city's 200,000 rows
 * at a go: lookups stay in memory or on indexes, one pass each.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin-common.h"
#include "clock.h"
#include "db.h"
#include "pinyin.h"
#include "valid.h"
#include "../forms/idnum.h"
#include "../locale/csv.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

#define PROGRESS_STEP	20000

enum { C_NAME, C_ID, C_HOUSEHOLD, C_RELATION, C_COMMUNITY, C_ADDRESS,
	C_PHONE, C_ETHNICITY, C_GRID, NCOLS };

static const struct csv_column columns[NCOLS] = {
	{ "name", { "姓名", "name", NULL }, 1, 0, NULL },
	{ "id_number", { "公民身份号码", "身份证号", "id_number", NULL }, 1, 0,
	  NULL },
	{ "household", { "户号", "household", NULL }, 1, 0, NULL },
	{ "relation", { "与户主关系", "relation", NULL }, 1, 0, NULL },
	{ "community", { "所属社区", "community", NULL }, 1, 0, NULL },
	{ "address", { "居住地址", "address", NULL }, 1, 0, NULL },
	{ "phone", { "联系电话", "phone", NULL }, 0, 0, NULL },
	{ "ethnicity", { "民族", "ethnicity", NULL }, 0, 0, NULL },
	{ "grid", { "网格", "grid", NULL }, 0, 0, NULL },
};

/* A string's slot in a table of strings (open addressing). */
struct strmap {
	const char	**key;
	long long	 *val;
	size_t		  mask, n;
};

struct row {
	size_t		 line;
	char		*reason;	/* NULL while the row is taken */
	char		 id[19];
	char		 phone[16];
	long long	 community, grid;
	int		 household;	/* index into households */
	int		 head;
};

struct household {
	const char	*number;
	long long	 id;		/* 0: new */
	long long	 community;
	int		 head_row;	/* -1: none in the file */
	char		 db_head[19];	/* the ID number of its 户主 there */
	int		 first_row;
};

struct imp {
	struct admin		*a;
	const char		*file, *rejects_file;
	int			 dry_run, progress;
	struct csv_import	*im;
	struct row		*rows;
	struct household	*hh;
	size_t			 nhh;
	struct strmap		 hh_map, ids, communities, grids;
	long long		*grid_community;
	size_t			 rejected;
	long			 created, updated, unchanged, households;
	char			 now[32];
};

static uint64_t
str_hash(const char *s)
{
	uint64_t	h = 14695981039346656037ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return (h);
}

static void
strmap_init(struct strmap *m, size_t expect)
{
	size_t	cap = 64;

	while (cap < expect * 2)
		cap *= 2;
	m->key = xcalloc(cap, sizeof *m->key);
	m->val = xcalloc(cap, sizeof *m->val);
	m->mask = cap - 1;
	m->n = 0;
}

static void
strmap_free(struct strmap *m)
{
	free(m->key);
	free(m->val);
}

/* The slot of key: its own, or the free one it would take. */
static size_t
strmap_slot(const struct strmap *m, const char *key)
{
	size_t	i = str_hash(key) & m->mask;

	while (m->key[i] != NULL && strcmp(m->key[i], key) != 0)
		i = (i + 1) & m->mask;
	return (i);
}

/* Adds key (kept by pointer) with val unless there; the value now. */
static long long
strmap_put(struct strmap *m, const char *key, long long val)
{
	size_t	i = strmap_slot(m, key);

	if (m->key[i] != NULL)
		return (m->val[i]);
	if ((m->n + 1) * 2 > m->mask) {
		struct strmap	 big;
		size_t		 j;

		strmap_init(&big, m->mask + 1);
		for (j = 0; j <= m->mask; j++) {
			if (m->key[j] != NULL)
				strmap_put(&big, m->key[j], m->val[j]);
		}
		strmap_free(m);
		*m = big;
		i = strmap_slot(m, key);
	}
	m->key[i] = key;
	m->val[i] = val;
	m->n++;
	return (val);
}

/* key's value, or -1. */
static long long
strmap_get(const struct strmap *m, const char *key)
{
	size_t	i = strmap_slot(m, key);

	return (m->key[i] != NULL ? m->val[i] : -1);
}

static void	refuse(struct imp *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

/* Rejects row r (the first reason stays). */
static void
refuse(struct imp *p, size_t r, const char *fmt, ...)
{
	va_list	ap;

	if (p->rows[r].reason != NULL)
		return;
	va_start(ap, fmt);
	if (vasprintf(&p->rows[r].reason, fmt, ap) == -1)
		fatal("out of memory");
	va_end(ap);
	p->rejected++;
}

#define CELL(p, r, c)	((p)->im->values[(r) * NCOLS + (c)])

/* The communities by code and by name (a name two have is left out),
 * and the grids by code, held in memory: a city has a few hundred. */
static int
load_places(struct imp *p)
{
	struct db_stmt	*st;
	int		 rc;
	size_t		 n = 0;

	strmap_init(&p->communities, 1024);
	strmap_init(&p->grids, 4096);
	rc = db_query(p->a->db, &st, "SELECT id, code, name, (SELECT count(*) "
	    "FROM communities d WHERE d.name = c.name) FROM communities c", "");
	for (; rc == 1; rc = db_step(st)) {
		strmap_put(&p->communities, xstrdup(db_text(st, 1)),
		    db_int(st, 0));
		if (db_int(st, 3) == 1)
			strmap_put(&p->communities, xstrdup(db_text(st, 2)),
			    db_int(st, 0));
	}
	db_reset(st);
	if (rc < 0)
		return (-1);
	rc = db_query(p->a->db, &st, "SELECT id, code, community_id FROM "
	    "grids WHERE code IS NOT NULL", "");
	for (; rc == 1; rc = db_step(st)) {
		p->grid_community = xreallocarray(p->grid_community, n + 1,
		    sizeof *p->grid_community);
		p->grid_community[n] = db_int(st, 2);
		strmap_put(&p->grids, xstrdup(db_text(st, 1)), db_int(st, 0) *
		    1000000 + (long long)n);
		n++;
	}
	db_reset(st);
	return (rc < 0 ? -1 : 0);
}

/* The row's own cells. */
static void
check_cells(struct imp *p, size_t r, time_t now)
{
	struct row		*row = &p->rows[r];
	struct idnum_info	 info;
	const char		*s, *why, *const *eth;
	long long		 v;
	size_t			 i;

	if (idnum_check(CELL(p, r, C_ID), now, &info) != IDNUM_OK ||
	    info.legacy) {
		why = valid_id_number(CELL(p, r, C_ID), row->id);
		refuse(p, r, "公民身份号码: %s", valid_id_message(why != NULL ?
		    why : "pattern"));
		return;
	}
	memcpy(row->id, info.normalized, sizeof row->id);
	if ((v = strmap_put(&p->ids, row->id, (long long)r)) != (long long)r)
		refuse(p, r, "公民身份号码 is the same as on line %zu",
		    p->rows[v].line);
	if (utf8_chars(CELL(p, r, C_NAME)) > 30)
		refuse(p, r, "姓名: at most 30 characters");
	if (utf8_chars(CELL(p, r, C_ADDRESS)) > 100)
		refuse(p, r, "居住地址: at most 100 characters");
	if (utf8_chars(CELL(p, r, C_RELATION)) > 8)
		refuse(p, r, "与户主关系: at most 8 characters");
	row->head = strcmp(CELL(p, r, C_RELATION), "户主") == 0;
	if (!valid_pattern(CELL(p, r, C_HOUSEHOLD), "[0-9A-Za-z-]{1,32}"))
		refuse(p, r, "户号: 1 to 32 letters, digits or '-'");
	if (*(s = CELL(p, r, C_PHONE)) != '\0' && !valid_phone(s, row->phone))
		refuse(p, r, "联系电话: not a mobile or landline number");
	if (*(s = CELL(p, r, C_ETHNICITY)) != '\0') {
		for (eth = valid_ethnicities(), i = 0; eth[i] != NULL &&
		    strcmp(eth[i], s) != 0; i++)
			;
		if (eth[i] == NULL)
			refuse(p, r, "民族: not one of the 56 ethnic groups");
	}
	if ((row->community = strmap_get(&p->communities,
	    CELL(p, r, C_COMMUNITY))) <= 0)
		refuse(p, r, "所属社区: no community with this code or name");
	if (*(s = CELL(p, r, C_GRID)) != '\0') {
		if ((v = strmap_get(&p->grids, s)) < 0)
			refuse(p, r, "网格: no grid %s", s);
		else if (p->grid_community[v % 1000000] != row->community)
			refuse(p, r, "网格: grid %s is in another community", s);
		else
			row->grid = v / 1000000;
	}
}

/* Finds or makes the household the row names. */
static void
household_of(struct imp *p, size_t r)
{
	struct db_stmt		*st;
	struct household	*h;
	const char		*number = CELL(p, r, C_HOUSEHOLD);
	long long		 i;

	if ((i = strmap_get(&p->hh_map, number)) < 0) {
		p->hh = xreallocarray(p->hh, p->nhh + 1, sizeof *p->hh);
		h = &p->hh[p->nhh];
		memset(h, 0, sizeof *h);
		h->number = number;
		h->head_row = -1;
		h->first_row = (int)r;
		h->community = p->rows[r].community;
		if (db_query(p->a->db, &st, "SELECT h.id, h.community_id, "
		    "(SELECT min(x.id_number) FROM residents x WHERE "
		    "x.household_id = h.id AND x.relation = '户主') FROM "
		    "households h WHERE h.number = ?", "t", number) == 1) {
			h->id = db_int(st, 0);
			h->community = db_int(st, 1);
			snprintf(h->db_head, sizeof h->db_head, "%s",
			    db_text(st, 2));
		}
		db_reset(st);
		i = strmap_put(&p->hh_map, number, (long long)p->nhh++);
	}
	p->rows[r].household = (int)i;
}

/* One household, one community, one head (户主). */
static void
check_household(struct imp *p, size_t r)
{
	struct household	*h;

	household_of(p, r);
	h = &p->hh[p->rows[r].household];
	if (p->rows[r].community != h->community) {
		refuse(p, r, "户号 %s is in another community", h->number);
		return;
	}
	if (!p->rows[r].head || p->rows[r].reason != NULL)
		return;
	if (h->head_row >= 0)
		refuse(p, r, "户号 %s already has its 户主 on line %zu",
		    h->number, p->rows[h->head_row].line);
	else if (h->db_head[0] != '\0' && strcmp(h->db_head,
	    p->rows[r].id) != 0)
		refuse(p, r, "户号 %s already has another 户主", h->number);
	else
		h->head_row = (int)r;
}

/* Every row; then a new household needs its head in the file. */
static void
check_all(struct imp *p)
{
	time_t	now = clock_now();
	size_t	r, i, n = p->im->nrows;

	for (r = 0; r < n; r++) {
		check_cells(p, r, now);
		if (p->rows[r].reason == NULL)
			check_household(p, r);
	}
	for (r = 0; r < n; r++) {
		if (p->rows[r].reason != NULL)
			continue;
		i = (size_t)p->rows[r].household;
		if (p->hh[i].id == 0 && p->hh[i].head_row < 0)
			refuse(p, r, "户号 %s is new and no row of the file is "
			    "its 户主", p->hh[i].number);
	}
}

/* The household's row in the database: a new one takes the head's
 * address and grid. */
static long long
write_household(struct imp *p, struct household *h)
{
	size_t	r = (size_t)(h->head_row >= 0 ? h->head_row : h->first_row);

	if (h->id != 0)
		return (h->id);
	h->id = db_insert(p->a->db, "INSERT INTO households (community_id, "
	    "grid_id, address, number) VALUES (?, ?, ?, ?) RETURNING id",
	    "lLtt", h->community, p->rows[r].grid, CELL(p, r, C_ADDRESS),
	    h->number);
	if (h->id != 0)
		p->households++;
	return (h->id);
}

/* Creates, updates or leaves one resident. */
static int
write_resident(struct imp *p, size_t r)
{
	struct row		*row = &p->rows[r];
	struct db_stmt		*st;
	struct idnum_info	 info;
	long long		 hh, id = 0;
	char			 birth[11], initials[64];
	const char		*eth = *CELL(p, r, C_ETHNICITY) != '\0' ?
				    CELL(p, r, C_ETHNICITY) : "汉族";
	const char		*phone = row->phone[0] != '\0' ? row->phone :
				    NULL;
	int			 rc, same = 0;

	if ((hh = write_household(p, &p->hh[row->household])) == 0)
		return (-1);
	rc = db_query(p->a->db, &st, "SELECT id, name = ?2 AND ethnicity = ?3 "
	    "AND coalesce(phone, '') = coalesce(?4, '') AND address = ?5 AND "
	    "community_id = ?6 AND coalesce(grid_id, 0) = ?7 AND "
	    "coalesce(household_id, 0) = ?8 AND relation = ?9 FROM residents "
	    "WHERE id_number = ?1", "tttttllLt", row->id, CELL(p, r, C_NAME),
	    eth, phone, CELL(p, r, C_ADDRESS), row->community, row->grid, hh,
	    CELL(p, r, C_RELATION));
	if (rc == 1) {
		id = db_int(st, 0);
		same = db_int(st, 1) != 0;
	}
	db_reset(st);
	if (rc < 0)
		return (-1);
	if (same) {
		p->unchanged++;
		return (0);
	}
	pinyin_initials(CELL(p, r, C_NAME), initials, sizeof initials);
	if (id != 0) {
		p->updated++;
		return (db_exec(p->a->db, "UPDATE residents SET name = ?, "
		    "ethnicity = ?, phone = ?, address = ?, community_id = ?, "
		    "grid_id = ?, household_id = ?, relation = ?, initials = ?, "
		    "version = version + 1, updated_at = ? WHERE id = ?",
		    "ttttlLltttl", CELL(p, r, C_NAME), eth, phone,
		    CELL(p, r, C_ADDRESS), row->community, row->grid, hh,
		    CELL(p, r, C_RELATION), initials, p->now, id));
	}
	idnum_check(row->id, clock_now(), &info);
	snprintf(birth, sizeof birth, "%04d-%02d-%02d", info.year, info.month,
	    info.day);
	p->created++;
	return (db_exec(p->a->db, "INSERT INTO residents (id_number, name, "
	    "sex, birth_date, ethnicity, phone, address, community_id, "
	    "grid_id, household_id, relation, initials, updated_at) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "tttttttlLltt" "t",
	    row->id, CELL(p, r, C_NAME), info.sex == 'M' ? "M" : "F", birth,
	    eth, phone, CELL(p, r, C_ADDRESS), row->community, row->grid, hh,
	    CELL(p, r, C_RELATION), initials, p->now));
}

/* Says how far the import is, on stderr. */
static void
progress(struct imp *p, size_t done, const char *what)
{
	size_t	n = p->im->nrows;

	if (n < PROGRESS_STEP || (done % PROGRESS_STEP != 0 && done != n))
		return;
	fprintf(stderr, p->progress ? "\r%s: %zu of %zu rows" :
	    "%s: %zu of %zu rows\n", what, done, n);
	if (p->progress && done == n)
		fputc('\n', stderr);
}

/* The taken rows, in one transaction with the audit row. */
static int
apply_all(struct imp *p)
{
	char	detail[160];
	size_t	r;

	if (db_begin(p->a->db) != 0)
		return (-1);
	for (r = 0; r < p->im->nrows; r++) {
		if (p->rows[r].reason == NULL && write_resident(p, r) != 0)
			goto fail;
		progress(p, r + 1, "writing");
	}
	snprintf(detail, sizeof detail, "%ld created, %ld updated, %ld "
	    "unchanged, %ld households created, %zu rejected", p->created,
	    p->updated, p->unchanged, p->households, p->rejected);
	if (admin_audit(p->a, "residents_import", p->file, detail) != 0 ||
	    db_commit(p->a->db) != 0)
		goto fail;
	return (0);
fail:
	db_rollback(p->a->db);
	return (-1);
}

/* line,reason for each refused row (the parser's refusals too). */
static int
write_rejects(struct imp *p)
{
	FILE	*f;
	size_t	 i;

	if (p->rejected + p->im->nrejects == 0)
		return (0);
	if ((f = fopen(p->rejects_file, "w")) == NULL)
		return (admin_fail("cannot write %s", p->rejects_file));
	fputs("line,reason\n", f);
	for (i = 0; i < p->im->nrejects; i++)
		fprintf(f, "%zu,\"%s\"\n", p->im->rejects[i].line,
		    p->im->rejects[i].reason);
	for (i = 0; i < p->im->nrows; i++) {
		if (p->rows[i].reason != NULL)
			fprintf(f, "%zu,\"%s\"\n", p->rows[i].line,
			    p->rows[i].reason);
	}
	return (fclose(f) == 0 ? 0 : admin_fail("cannot write %s",
	    p->rejects_file));
}

static int
args(struct imp *p)
{
	static const struct option	longopts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "rejects", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	int				c;

	optind = 0;
	while ((c = getopt_long(p->a->argc - 1, p->a->argv + 1, "", longopts,
	    NULL)) != -1) {
		if (c == 'n')
			p->dry_run = 1;
		else if (c == 'r')
			p->rejects_file = optarg;
		else
			return (ADMIN_USAGE);
	}
	if (optind + 2 != p->a->argc || strcmp(p->a->argv[1], "import") != 0)
		return (ADMIN_USAGE);
	p->file = p->a->argv[optind + 1];
	return (0);
}

static void
imp_free(struct imp *p)
{
	size_t	i;

	for (i = 0; p->rows != NULL && i < p->im->nrows; i++)
		free(p->rows[i].reason);
	free(p->rows);
	free(p->hh);
	for (i = 0; p->communities.key != NULL && i <= p->communities.mask;
	    i++)
		free((char *)p->communities.key[i]);
	for (i = 0; p->grids.key != NULL && i <= p->grids.mask; i++)
		free((char *)p->grids.key[i]);
	strmap_free(&p->communities);
	strmap_free(&p->grids);
	strmap_free(&p->ids);
	strmap_free(&p->hh_map);
	free(p->grid_community);
	csv_import_free(p->im);
}

/* Reads and checks the file, then writes what it may. */
static int
run(struct imp *p)
{
	char	*data, *cause = NULL;
	size_t	 len, total;

	if ((data = admin_read_file(p->file, &len)) == NULL)
		return (1);
	p->im = csv_import(data, len, columns, NCOLS, &cause);
	free(data);
	if (p->im == NULL) {
		admin_fail("%s: %s", p->file, cause);
		free(cause);
		return (1);
	}
	p->rows = xcalloc(p->im->nrows + 1, sizeof *p->rows);
	for (len = 0; len < p->im->nrows; len++)
		p->rows[len].line = p->im->lines[len];
	strmap_init(&p->ids, p->im->nrows);
	strmap_init(&p->hh_map, p->im->nrows / 2);
	if (admin_open(p->a) != 0 || load_places(p) != 0)
		return (1);
	check_all(p);
	total = p->rejected + p->im->nrejects;
	if (write_rejects(p) != 0)
		return (1);
	if (p->dry_run)
		printf("%s: %zu rows would be imported, %zu refused%s%s "
		    "(--dry-run: nothing written)\n", p->file, p->im->nrows -
		    p->rejected, total, total > 0 ? ": see " : "",
		    total > 0 ? p->rejects_file : "");
	else if (apply_all(p) != 0)
		return (admin_fail("%s: %s; nothing was imported", p->file,
		    db_error(p->a->db)));
	else
		printf("%s: %ld created, %ld updated, %ld unchanged, %ld "
		    "households created, %zu refused%s%s\n", p->file,
		    p->created, p->updated, p->unchanged, p->households, total,
		    total > 0 ? ": see " : "", total > 0 ? p->rejects_file :
		    "");
	/* 3: the file was taken but for the rows in the rejects file */
	return (total > 0 ? 3 : 0);
}

/* bianmind admin residents import: residents with households. */
static int
admin_residents(struct admin *a)
{
	struct imp	 p;
	char		*rejects = NULL;
	int		 rc;

	memset(&p, 0, sizeof p);
	p.a = a;
	p.progress = isatty(STDERR_FILENO);
	clock_rfc3339(clock_now(), p.now);
	if ((rc = args(&p)) != 0)
		return (rc);
	if (p.rejects_file == NULL)
		p.rejects_file = rejects = xasprintf("%s.rejects.csv", p.file);
	rc = run(&p);
	imp_free(&p);
	free(rejects);
	return (rc);
}

const struct admin_command admin_residents_command = {
	"residents", admin_residents,
	"residents import FILE.csv [--dry-run] [--rejects FILE]"
};
