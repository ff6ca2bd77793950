/*
 * `bianmind admin org import FILE.csv | export [FILE]`: the city's
 * districts, streets, centres, communities and grids (docs/admin.md).
 * An import checks every row against the file and the database first;
 * one bad row and nothing of the file is written. Rows are keyed by
 * kind and code, so a second run of the same file changes nothing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin-common.h"
#include "db.h"
#include "valid.h"
#include "../locale/csv.h"
#include "../locale/text.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

enum kind { K_DISTRICT, K_STREET, K_CENTRE, K_COMMUNITY, K_GRID, K_COUNT };

static const char *const kind_names[K_COUNT] = {
	"district", "street", "centre", "community", "grid"
};

/* The code's form, and which kind its parent is. */
static const struct {
	const char	*pattern;
	int		 parent;	/* a kind, or -1 for none */
} kind_rules[K_COUNT] = {
	{ "[0-9]{6}", -1 },
	{ "[0-9]{9}", K_DISTRICT },
	{ "[0-9A-Za-z-]{1,32}", K_DISTRICT },
	{ "[0-9]{12}", K_CENTRE },
	{ "[0-9A-Za-z-]{1,32}", K_COMMUNITY },
};

static const struct csv_column org_columns[] = {
	{ "kind", { "kind", "类型", NULL }, 1, 0, NULL },
	{ "code", { "code", "代码", NULL }, 1, 0, NULL },
	{ "name", { "name", "名称", NULL }, 1, 0, NULL },
	{ "parent", { "parent", "上级代码", NULL }, 0, 0, NULL },
	/* a centre's 统一社会信用代码, the 实施主体's in the exchange's
	 * messages (docs/api.md 24) */
	{ "uscc", { "uscc", "统一社会信用代码", NULL }, 0, 0, NULL },
};
#define ORG_NCOLS	(sizeof org_columns / sizeof org_columns[0])

struct org_row {
	size_t		 line;
	enum kind	 kind;
	const char	*code, *name, *parent;
	const char	*uscc;		/* "" for none given */
};

struct org {
	struct admin	*a;
	const char	*file;
	struct org_row	*rows;
	size_t		 nrows;
	int		 errors;
	int		 created, updated, unchanged;
};

/* Says what is wrong with a line; the import goes on checking. */
static void	org_error(struct org *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

static void
org_error(struct org *g, size_t line, const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "%s:%zu: ", g->file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	g->errors++;
}

/* The row of the file with this kind and code, or NULL. */
static const struct org_row *
in_file(struct org *g, enum kind k, const char *code)
{
	size_t	i;

	for (i = 0; i < g->nrows; i++) {
		if (g->rows[i].kind == k && strcmp(g->rows[i].code, code) == 0)
			return (&g->rows[i]);
	}
	return (NULL);
}

/* The SQL that finds a row of kind k by code, with its name and its
 * parent's code. */
static const char *const find_sql[K_COUNT] = {
	"SELECT name, '' FROM districts WHERE code = ?",
	"SELECT name, substr(code, 1, 6) FROM streets WHERE code = ?",
	"SELECT name, district_code FROM centres WHERE code = ?",
	"SELECT c.name, e.code FROM communities c JOIN centres e ON "
	"e.id = c.centre_id WHERE c.code = ?",
	"SELECT g.name, c.code FROM grids g JOIN communities c ON "
	"c.id = g.community_id WHERE g.code = ?",
};

/* 1 and the name and parent (each may be NULL) when the database has a
 * row of kind k with code; 0 when not; -1 on error. */
static int
in_db(struct db *db, enum kind k, const char *code, char **name,
    char **parent)
{
	struct db_stmt	*st;
	int		 rc;

	rc = db_query(db, &st, find_sql[k], "t", code);
	if (rc == 1) {
		if (name != NULL)
			*name = xstrdup(db_text(st, 0));
		if (parent != NULL)
			*parent = xstrdup(db_text(st, 1));
	}
	db_reset(st);
	return (rc);
}

/* 1 when a row of kind k with code is in the file or the database. */
static int
known(struct org *g, enum kind k, const char *code)
{
	return (in_file(g, k, code) != NULL ||
	    in_db(g->a->db, k, code, NULL, NULL) == 1);
}

/* A row's own form: kind, code, name, parent given where needed. */
static int
check_form(struct org *g, struct org_row *r, const char *kind)
{
	int	k;

	for (k = 0; k < K_COUNT && strcmp(kind, kind_names[k]) != 0; k++)
		;
	if (k == K_COUNT) {
		org_error(g, r->line, "kind %s is none of district, street, "
		    "centre, community, grid", kind);
		return (-1);
	}
	r->kind = (enum kind)k;
	if (!valid_pattern(r->code, kind_rules[k].pattern)) {
		org_error(g, r->line, "%s code %s is not of the form %s", kind,
		    r->code, kind_rules[k].pattern);
		return (-1);
	}
	if (utf8_chars(r->name) > 60 || !valid_controls(r->name, 0)) {
		org_error(g, r->line, "the name must be 1 to 60 characters");
		return (-1);
	}
	if ((kind_rules[k].parent == -1) != (*r->parent == '\0')) {
		org_error(g, r->line, "a %s %s", kind, kind_rules[k].parent ==
		    -1 ? "has no parent" : "needs its parent's code");
		return (-1);
	}
	if (*r->uscc != '\0' && (k != K_CENTRE || valid_uscc(r->uscc) !=
	    NULL)) {
		org_error(g, r->line, k != K_CENTRE ? "only a centre has a "
		    "uscc" : "uscc %s is no 统一社会信用代码 (18 characters, "
		    "its check character last)", r->uscc);
		return (-1);
	}
	return (0);
}

/* What the row needs above it: its parent, and for a street or a
 * community the district and street its code begins with. */
static void
check_parents(struct org *g, const struct org_row *r)
{
	char	prefix[16];
	int	pk = kind_rules[r->kind].parent;

	if (pk != -1 && !known(g, (enum kind)pk, r->parent))
		org_error(g, r->line, "%s %s: no %s %s in the file or the "
		    "database", kind_names[r->kind], r->code, kind_names[pk],
		    r->parent);
	if (r->kind == K_STREET && strncmp(r->code, r->parent, 6) != 0)
		org_error(g, r->line, "street %s is not in district %s",
		    r->code, r->parent);
	if (r->kind == K_COMMUNITY) {
		snprintf(prefix, sizeof prefix, "%.9s", r->code);
		if (!known(g, K_STREET, prefix))
			org_error(g, r->line, "community %s: no street %s",
			    r->code, prefix);
	}
}

/* A grid stays in its community: its residents and households are
 * there. */
static void
check_moves(struct org *g, const struct org_row *r)
{
	char	*parent = NULL;

	if (r->kind == K_GRID && in_db(g->a->db, K_GRID, r->code, NULL,
	    &parent) == 1 && strcmp(parent, r->parent) != 0)
		org_error(g, r->line, "grid %s belongs to community %s, not "
		    "%s", r->code, parent, r->parent);
	free(parent);
}

/* Every row against the file and the database: 0 when all are sound. */
static int
check_all(struct org *g, struct csv_import *im)
{
	const struct org_row	*other;
	struct org_row		*r;
	size_t			 i;

	for (i = 0; i < im->nrejects; i++)
		org_error(g, im->rejects[i].line, "%s", im->rejects[i].reason);
	g->rows = xcalloc(im->nrows + 1, sizeof *g->rows);
	for (i = 0; i < im->nrows; i++) {
		r = &g->rows[g->nrows];
		r->line = im->lines[i];
		r->code = im->values[i * ORG_NCOLS + 1];
		r->name = im->values[i * ORG_NCOLS + 2];
		r->parent = im->values[i * ORG_NCOLS + 3];
		r->uscc = im->values[i * ORG_NCOLS + 4];
		if (check_form(g, r, im->values[i * ORG_NCOLS]) != 0)
			continue;
		if ((other = in_file(g, r->kind, r->code)) != NULL) {
			org_error(g, r->line, "%s %s is already on line %zu",
			    kind_names[r->kind], r->code, other->line);
			continue;
		}
		g->nrows++;
	}
	for (i = 0; i < g->nrows; i++) {
		check_parents(g, &g->rows[i]);
		check_moves(g, &g->rows[i]);
	}
	return (g->errors == 0 ? 0 : -1);
}

/* The id of the row of kind k (centre, community) with code. */
static long long
id_of(struct db *db, enum kind k, const char *code)
{
	struct db_stmt	*st;
	long long	 id = 0;

	if (db_query(db, &st, k == K_CENTRE ? "SELECT id FROM centres WHERE "
	    "code = ?" : "SELECT id FROM communities WHERE code = ?", "t",
	    code) == 1)
		id = db_int(st, 0);
	db_reset(st);
	return (id);
}

static const char *const insert_sql[K_COUNT] = {
	"INSERT INTO districts (name, code) VALUES (?, ?)",
	"INSERT INTO streets (name, code) VALUES (?, ?)",
	"INSERT INTO centres (name, code, district_code) VALUES (?, ?, ?)",
	"INSERT INTO communities (name, code, centre_id, district_code) "
	"VALUES (?, ?, ?, substr(?2, 1, 6))",
	"INSERT INTO grids (name, code, community_id) VALUES (?, ?, ?)",
};

static const char *const update_sql[K_COUNT] = {
	"UPDATE districts SET name = ? WHERE code = ?",
	"UPDATE streets SET name = ? WHERE code = ?",
	"UPDATE centres SET name = ?, district_code = ?3 WHERE code = ?2",
	"UPDATE communities SET name = ?, centre_id = ?3 WHERE code = ?2",
	"UPDATE grids SET name = ? WHERE code = ?",
};

/* 1 when the centre with code has the uscc already. */
static int
has_uscc(struct db *db, const char *code, const char *uscc)
{
	struct db_stmt	*st;
	int		 same = 0;

	if (db_query(db, &st, "SELECT coalesce(uscc, '') FROM centres WHERE "
	    "code = ?", "t", code) == 1)
		same = strcmp(db_text(st, 0), uscc) == 0;
	db_reset(st);
	return (same);
}

/* Writes one row: new, changed, or left as it is. A centre's uscc is
 * set when given, kept when not. */
static int
apply_row(struct org *g, const struct org_row *r)
{
	struct db	*db = g->a->db;
	char		*name = NULL, *parent = NULL;
	long long	 ref = 0;
	int		 have, rc;

	if ((have = in_db(db, r->kind, r->code, &name, &parent)) < 0)
		return (-1);
	if (have && strcmp(name, r->name) == 0 &&
	    strcmp(parent, r->parent) == 0 && (*r->uscc == '\0' ||
	    has_uscc(db, r->code, r->uscc))) {
		g->unchanged++;
		rc = 0;
		goto out;
	}
	if (r->kind == K_COMMUNITY)
		ref = id_of(db, K_CENTRE, r->parent);
	else if (r->kind == K_GRID)
		ref = id_of(db, K_COMMUNITY, r->parent);
	if (r->kind == K_CENTRE)
		rc = db_exec(db, have ? update_sql[r->kind] :
		    insert_sql[r->kind], "ttt", r->name, r->code, r->parent);
	else if (r->kind == K_COMMUNITY || r->kind == K_GRID)
		rc = db_exec(db, have ? update_sql[r->kind] :
		    insert_sql[r->kind], "ttl", r->name, r->code, ref);
	else
		rc = db_exec(db, have ? update_sql[r->kind] :
		    insert_sql[r->kind], "tt", r->name, r->code);
	if (rc == 0 && *r->uscc != '\0')
		rc = db_exec(db, "UPDATE centres SET uscc = ? WHERE code = ?",
		    "tt", r->uscc, r->code);
	if (have)
		g->updated++;
	else
		g->created++;
out:
	free(name);
	free(parent);
	return (rc);
}

/* Every row, parents before children, in one transaction. */
static int
apply_all(struct org *g)
{
	struct db	*db = g->a->db;
	char		 detail[96];
	size_t		 i;
	int		 k;

	if (db_begin(db) != 0)
		return (-1);
	for (k = 0; k < K_COUNT; k++) {
		for (i = 0; i < g->nrows; i++) {
			if ((int)g->rows[i].kind == k &&
			    apply_row(g, &g->rows[i]) != 0)
				goto fail;
		}
	}
	snprintf(detail, sizeof detail, "%d created, %d updated, %d unchanged",
	    g->created, g->updated, g->unchanged);
	if (admin_audit(g->a, "org_import", g->file, detail) != 0 ||
	    db_commit(db) != 0)
		goto fail;
	return (0);
fail:
	db_rollback(db);
	return (-1);
}

static int
org_import(struct admin *a, const char *file)
{
	struct org		 g;
	struct csv_import	*im;
	char			*data, *cause = NULL;
	size_t			 len;
	int			 rc;

	memset(&g, 0, sizeof g);
	g.a = a;
	g.file = file;
	if ((data = admin_read_file(file, &len)) == NULL)
		return (1);
	im = csv_import(data, len, org_columns, ORG_NCOLS, &cause);
	free(data);
	if (im == NULL) {
		rc = admin_fail("%s: %s", file, cause);
		free(cause);
		return (rc);
	}
	if ((rc = admin_open(a)) == 0) {
		if (check_all(&g, im) != 0)
			rc = admin_fail("%s: %d errors; nothing was imported",
			    file, g.errors);
		else if (apply_all(&g) != 0)
			rc = admin_fail("%s: %s; nothing was imported", file,
			    db_error(a->db));
		else
			printf("%s: %d created, %d updated, %d unchanged\n",
			    file, g.created, g.updated, g.unchanged);
	}
	free(g.rows);
	csv_import_free(im);
	return (rc);
}

/* One CSV field, quoted when it must be. */
static void
put_field(FILE *f, const char *s, const char *after)
{
	const char	*p;

	if (strpbrk(s, ",\"\r\n") == NULL)
		fputs(s, f);
	else {
		fputc('"', f);
		for (p = s; *p != '\0'; p++) {
			if (*p == '"')
				fputc('"', f);
			fputc(*p, f);
		}
		fputc('"', f);
	}
	fputs(after, f);
}

static const char *const export_sql[K_COUNT] = {
	"SELECT code, name, '', '' FROM districts ORDER BY code",
	"SELECT code, name, substr(code, 1, 6), '' FROM streets ORDER BY "
	"code",
	"SELECT code, name, district_code, coalesce(uscc, '') FROM centres "
	"ORDER BY code",
	"SELECT c.code, c.name, e.code, '' FROM communities c JOIN centres e "
	"ON e.id = c.centre_id ORDER BY c.code",
	"SELECT g.code, g.name, c.code, '' FROM grids g JOIN communities c ON "
	"c.id = g.community_id ORDER BY g.code",
};

static int
org_export(struct admin *a, const char *file)
{
	struct db_stmt	*st;
	FILE		*f;
	int		 k, rc = 0;

	if ((rc = admin_open(a)) != 0)
		return (rc);
	if ((f = admin_output(file)) == NULL)
		return (1);
	fputs("kind,code,name,parent,uscc\n", f);
	for (k = 0; k < K_COUNT && rc >= 0; k++) {
		rc = db_query(a->db, &st, export_sql[k], "");
		for (; rc == 1; rc = db_step(st)) {
			put_field(f, kind_names[k], ",");
			put_field(f, db_text(st, 0), ",");
			put_field(f, db_text(st, 1), ",");
			put_field(f, db_text(st, 2), ",");
			put_field(f, db_text(st, 3), "\n");
		}
		db_reset(st);
	}
	if ((f != stdout && fclose(f) != 0) || (f == stdout && fflush(f)))
		return (admin_fail("cannot write %s", file));
	return (rc < 0 ? admin_fail("%s", db_error(a->db)) : 0);
}

/* bianmind admin org: import or export the organisation. */
static int
admin_org(struct admin *a)
{
	if (a->argc == 3 && strcmp(a->argv[1], "import") == 0)
		return (org_import(a, a->argv[2]));
	if ((a->argc == 2 || a->argc == 3) && strcmp(a->argv[1], "export") ==
	    0)
		return (org_export(a, a->argc == 3 ? a->argv[2] : NULL));
	return (ADMIN_USAGE);
}

const struct admin_command admin_org_command = {
	"org", admin_org,
	"org import FILE.csv | org export [FILE]"
};
