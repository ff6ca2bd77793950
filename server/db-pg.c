/* The PostgreSQL back end (libpq): one connection per worker thread,
 * statements prepared once per connection with ?N rewritten to $N,
 * every value sent as a parameter, READ COMMITTED transactions with
 * row locks, and advisory locks where a total order is needed, and a
 * reconnect when the server went away. What need not be waited for
 * (BEGIN, locks, writes whose results are not read, reads sent ahead)
 * goes in libpq's pipeline and comes back with the next statement, in
 * one round trip. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "db-backend.h"
#include "migrations.h"
#include "../util/buf.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

#define PG_MAXPARAM	32
#define PG_OID_INT8	20
#define PG_OID_TEXT	25
#define PG_OID_BYTEA	17
/* Held while migrating, so that processes starting together migrate
 * once. */
#define PG_MIGRATE_LOCK	"7140326501"
/* Held by every write transaction until it ends: exclusively by one
 * that runs alone (db_begin()), shared by one that locks its rows
 * (db_begin_rows()). */
#define PG_WRITE_LOCK	"7140326502"

struct pg {
	struct db	 base;
	PGconn		*c;
	unsigned	 generation;	/* bumped on every reconnect */
	unsigned	 names;
	char		*err;
	char		**stale;	/* dropped statements to deallocate */
	size_t		 nstale;
	int		 pending;	/* sent ahead, results unread */
	struct pg_stmt	**reads;	/* each sent: its read ahead, or NULL */
	size_t		 nreads;	/* allocated */
	int		 piped_in_tx;	/* what was sent is in a transaction */
};

struct pg_stmt {
	struct db_stmt	 base;
	char		*sql;		/* with $N placeholders */
	int		 nparams;
	Oid		 gaps[PG_MAXPARAM];	/* text where unused, else 0 */
	char		 name[16];
	unsigned	 generation;	/* of the connection it was prepared on */
	int		 prepared;
	enum db_type	 types[PG_MAXPARAM];
	char		*values[PG_MAXPARAM];
	int		 lengths[PG_MAXPARAM];
	PGresult	*res;
	int		 row;
	int		 ahead;		/* sent, its result not yet read */
	int		 failed;	/* sent ahead and failed: the fault */
	unsigned char	*blob;
};

struct pg_copy {
	struct db_copy	 base;
	char		*sql;
	struct buf	 data;
	int		 failed;
};

#define PG(db)		((struct pg *)(db))
#define PSTMT(s)	((struct pg_stmt *)(s))

static void
pg_set_error(struct db *db, const char *msg)
{
	free(PG(db)->err);
	PG(db)->err = xstrdup(msg != NULL ? msg : "");
}

/* Records how a result failed, for db_fault() and db_lost(). */
static int
pg_fault(struct db *db, PGresult *res)
{
	const char	*state, *msg;
	ExecStatusType	 s = res != NULL ? PQresultStatus(res) :
	    PGRES_FATAL_ERROR;

	if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK ||
	    s == PGRES_COPY_IN || s == PGRES_EMPTY_QUERY) {
		db->fault = DB_OK;
		return (0);
	}
	/* the primary message only: a DETAIL may quote a row's values, ID
	 * numbers among them, which the log must not hold */
	msg = res != NULL ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) :
	    NULL;
	pg_set_error(db, msg != NULL ? msg : PQerrorMessage(PG(db)->c));
	state = res != NULL ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	if (PQstatus(PG(db)->c) != CONNECTION_OK || state == NULL ||
	    strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0) {
		db->fault = DB_DOWN;
		db->lost = 1;
	} else if (strncmp(state, "23", 2) == 0)
		db->fault = DB_CONSTRAINT;
	else if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "55P03") == 0) {
		db->fault = DB_BUSY;
		db->busy = 1;
	} else
		db->fault = DB_ERROR;
	return (-1);
}

/* Enters pipeline mode unless in it, noting whether what is sent goes
 * into a transaction: 0 or -1. */
static int
pg_enter(struct db *db)
{
	PGconn			*c = PG(db)->c;
	PGTransactionStatusType	 t;

	if (PQpipelineStatus(c) != PQ_PIPELINE_OFF)
		return (0);
	t = PQtransactionStatus(c);
	PG(db)->piped_in_tx = t == PQTRANS_INTRANS || t == PQTRANS_INERROR;
	return (PQenterPipelineMode(c) == 1 ? 0 : -1);
}

/* Counts one more statement sent into the pipeline; s is the read
 * whose result pg_collect() keeps for it, or NULL. */
static void
pg_sent(struct db *db, struct pg_stmt *s)
{
	struct pg	*p = PG(db);

	if ((size_t)p->pending == p->nreads) {
		p->nreads = p->nreads * 2 + 8;
		p->reads = xreallocarray(p->reads, p->nreads,
		    sizeof *p->reads);
	}
	p->reads[p->pending++] = s;
	if (s != NULL)
		s->ahead = 1;
}

/* Sends sql with text parameters into the pipeline (entering it), its
 * result to be read by pg_collect(): 0, or -1 when it could not be
 * sent. */
static int
pg_send(struct db *db, const char *sql, int n, const char *const *values)
{
	if (pg_enter(db) != 0 || PQsendQueryParams(PG(db)->c, sql, n, NULL,
	    values, NULL, NULL, 0) != 1)
		return (pg_fault(db, NULL));
	pg_sent(db, NULL);
	return (0);
}

/* Sends the prepared statement s, bound, into the pipeline (entering
 * it); read is s when its result is kept for it (a read sent ahead),
 * else NULL. 0 or -1. */
static int
pg_send_stmt(struct pg_stmt *s, struct pg_stmt *read)
{
	struct db	*db = s->base.db;

	if (pg_enter(db) != 0 || PQsendQueryPrepared(PG(db)->c, s->name,
	    s->nparams, (const char *const *)s->values, NULL, NULL, 0) != 1)
		return (pg_fault(db, NULL));
	pg_sent(db, read);
	return (0);
}

/* Hands a result to the read sent ahead for it, or clears it. */
static void
pg_deliver(struct pg_stmt *s, PGresult *res)
{
	if (s == NULL || PQresultStatus(res) != PGRES_TUPLES_OK) {
		PQclear(res);
		return;
	}
	PQclear(s->res);
	s->res = res;
	s->row = -1;
	s->failed = 0;
}

/* Reads the results of everything sent into the pipeline, in the round
 * trip of one Sync, and leaves pipeline mode; the results of the last
 * nout sent are kept in out[] (NULL where none came), for the caller
 * to clear. The first that failed is the fault; after it the server
 * skipped the rest. 0 when all succeeded. */
static int
pg_collect(struct db *db, PGresult **out, int nout)
{
	PGconn		*c = PG(db)->c;
	PGresult	*res;
	int		 i, n = PG(db)->pending, rc = 0;

	for (i = 0; i < nout; i++)
		out[i] = NULL;
	/* a read whose result does not come fails when stepped, with the
	 * fault of the first that failed */
	for (i = 0; i < n; i++) {
		if (PG(db)->reads[i] != NULL) {
			PG(db)->reads[i]->ahead = 0;
			PG(db)->reads[i]->failed = 1;
		}
	}
	PG(db)->pending = 0;
	if (PQpipelineSync(c) != 1) {
		pg_fault(db, NULL);
		return (-1);
	}
	for (i = 0; i < n; i++) {
		if ((res = PQgetResult(c)) == NULL) {
			pg_fault(db, NULL);
			return (-1);
		}
		if (rc == 0 && PQresultStatus(res) != PGRES_PIPELINE_ABORTED)
			rc = pg_fault(db, res);
		if (i >= n - nout)
			out[i - (n - nout)] = res;
		else
			pg_deliver(PG(db)->reads[i], res);
		/* each command's results end with a NULL */
		while ((res = PQgetResult(c)) != NULL)
			PQclear(res);
	}
	while ((res = PQgetResult(c)) != NULL &&
	    PQresultStatus(res) != PGRES_PIPELINE_SYNC)
		PQclear(res);
	PQclear(res);
	if (PQexitPipelineMode(c) != 1 && rc == 0)
		rc = pg_fault(db, NULL);
	return (rc);
}

/* Before a statement that cannot go in the pipeline: 0, or -1 when a
 * statement sent ahead failed. */
static int
pg_settle(struct db *db)
{
	if (PG(db)->pending == 0)
		return (0);
	return (pg_collect(db, NULL, 0));
}

/* Runs sql with text parameters; the result, which the caller clears. */
static PGresult *
pg_run(struct db *db, const char *sql, int n, const char *const *values)
{
	PGresult	*res;

	if (pg_settle(db) != 0)
		return (NULL);
	res = PQexecParams(PG(db)->c, sql, n, NULL, values, NULL, NULL, 0);
	pg_fault(db, res);
	return (res);
}

/* Runs sql with up to one parameter and no rows wanted: 0 or -1. */
static int
pg_simple(struct db *db, const char *sql, const char *param)
{
	PGresult	*res = pg_run(db, sql, param != NULL, &param);
	int		 rc = db->fault == DB_OK ? 0 : -1;

	PQclear(res);
	return (rc);
}

static void
pg_notice(void *arg, const char *message)
{
	(void)arg;
	log_debug("postgresql: %s", message);
}

/* Connects; a target's own connect_timeout wins over the default. */
static struct db *
pg_open(const char *target, const char *password, char **cause)
{
	const char *const	 keys[] = { "connect_timeout", "dbname",
	    "application_name", "password", NULL };
	const char *const	 values[] = { "3", target, "bianmind",
	    password, NULL };
	struct pg		*db;
	PGconn			*c;

	c = PQconnectdbParams(keys, values, 1);
	if (c == NULL || PQstatus(c) != CONNECTION_OK) {
		*cause = xasprintf("%s", c != NULL ? PQerrorMessage(c) :
		    "cannot connect");
		PQfinish(c);
		return (NULL);
	}
	PQsetClientEncoding(c, "UTF8");
	PQsetNoticeProcessor(c, pg_notice, NULL);
	db = xcalloc(1, sizeof *db);
	db_init(&db->base, &db_pg_ops);
	db->c = c;
	if (pg_simple(&db->base, "SET TIME ZONE 'UTC'", NULL) != 0) {
		*cause = xasprintf("%s", PG(db)->err);
		db->base.ops->close(&db->base);
		return (NULL);
	}
	return (&db->base);
}

/* Forgets the statements dropped but not yet deallocated: the
 * connection they lived on is gone. */
static void
pg_forget_stale(struct pg *p)
{
	size_t	i;

	for (i = 0; i < p->nstale; i++)
		free(p->stale[i]);
	p->nstale = 0;
}

static void
pg_close(struct db *db)
{
	PQfinish(PG(db)->c);
	pg_forget_stale(PG(db));
	free(PG(db)->stale);
	free(PG(db)->reads);
	free(PG(db)->err);
	free(db);
}

static int
pg_version(struct db *db)
{
	PGresult	*res;
	int		 v = -1;

	res = pg_run(db, "SELECT CASE WHEN to_regclass('schema_version') IS "
	    "NULL THEN 0 ELSE (SELECT coalesce(max(version), 0) FROM "
	    "schema_version) END", 0, NULL);
	if (db->fault == DB_OK && PQntuples(res) == 1)
		v = atoi(PQgetvalue(res, 0, 0));
	PQclear(res);
	return (v);
}

/* Applies one migration in its own transaction with its version. */
static int
pg_migrate_one(struct db *db, size_t i, char **cause)
{
	PGresult	*res;
	char		 v[24];

	if (pg_simple(db, "BEGIN", NULL) != 0)
		goto fail;
	res = PQexec(PG(db)->c, migrations_get(MIGRATIONS_PG, i));
	if (pg_fault(db, res) != 0) {
		PQclear(res);
		goto fail;
	}
	PQclear(res);
	snprintf(v, sizeof v, "%zu", i + 1);
	if (pg_simple(db, "INSERT INTO schema_version (version) VALUES ($1)",
	    v) != 0 || pg_simple(db, "COMMIT", NULL) != 0)
		goto fail;
	log_info("database migrated to schema %zu", i + 1);
	return (0);
fail:
	*cause = xasprintf("migration %zu: %s", i + 1, PG(db)->err);
	pg_simple(db, "ROLLBACK", NULL);
	return (-1);
}

/* Applies the migrations the database lacks, holding a lock so that
 * processes starting together do it once. */
static int
pg_migrate(struct db *db, char **cause)
{
	size_t	 i, n = migrations_count(MIGRATIONS_PG);
	int	 have, rc = 0;

	if (pg_simple(db, "SELECT pg_advisory_lock($1)", PG_MIGRATE_LOCK) !=
	    0 || pg_simple(db, "CREATE TABLE IF NOT EXISTS schema_version ("
	    "version INTEGER PRIMARY KEY)", NULL) != 0) {
		*cause = xasprintf("preparing to migrate: %s", PG(db)->err);
		return (-1);
	}
	if ((have = pg_version(db)) < 0) {
		*cause = xasprintf("reading schema version: %s", PG(db)->err);
		rc = -1;
	} else if ((size_t)have > n) {
		*cause = xasprintf("database schema %d is newer than this "
		    "server (%zu)", have, n);
		rc = -1;
	}
	for (i = (size_t)have; rc == 0 && i < n; i++)
		rc = pg_migrate_one(db, i, cause);
	pg_simple(db, "SELECT pg_advisory_unlock($1)", PG_MIGRATE_LOCK);
	return (rc);
}

/* Deallocates the statements dropped, when no transaction is open: a
 * DEALLOCATE that failed inside one would end it. The names are the
 * back end's own ("s" and a number), never a value. */
static void
pg_deallocate(struct pg *p)
{
	char	*sql;
	size_t	 i;

	if (p->nstale == 0 || PQtransactionStatus(p->c) != PQTRANS_IDLE)
		return;
	for (i = 0; i < p->nstale; i++) {
		sql = xasprintf("DEALLOCATE %s", p->stale[i]);
		PQclear(PQexec(p->c, sql));
		free(sql);
	}
	pg_forget_stale(p);
}

/* Reconnects when the connection broke; its statements are then
 * prepared again on first use. Reading what is waiting finds a
 * connection the server closed while this thread was idle. */
static int
pg_check(struct db *db)
{
	struct pg	*p = PG(db);

	/* writes a request sent ahead and never settled are not handed
	 * to the next one */
	pg_settle(db);
	if (PQstatus(p->c) == CONNECTION_OK && PQconsumeInput(p->c) == 1 &&
	    PQstatus(p->c) == CONNECTION_OK) {
		pg_deallocate(p);
		return (0);
	}
	PQreset(p->c);
	pg_forget_stale(p);
	if (PQstatus(p->c) != CONNECTION_OK) {
		log_info("reconnecting to the database: %s",
		    PQerrorMessage(p->c));
		return (-1);
	}
	p->generation++;
	if (pg_simple(db, "SET TIME ZONE 'UTC'", NULL) != 0)
		return (-1);
	log_info("reconnected to the database");
	return (0);
}

/* sql with ?N and ? rewritten to $N and SQLite's char() spelt chr()
 * (outside string literals); the number of parameters in *n, and
 * used[i] set for each parameter i + 1 it refers to. */
static char *
pg_rewrite(const char *sql, int *n, int *used)
{
	struct buf	 out;
	const char	*p;
	int		 max = 0, quoted = 0, k;
	char		*end;

	buf_init(&out);
	for (p = sql; *p != '\0'; p++) {
		if (*p == '\'')
			quoted = !quoted;
		if (!quoted && strncmp(p, "char(", 5) == 0 && (p == sql ||
		    strchr(" (,", p[-1]) != NULL)) {
			buf_adds(&out, "chr(");
			p += 4;
			continue;
		}
		if (quoted || *p != '?') {
			buf_add(&out, p, 1);
			continue;
		}
		if (p[1] >= '0' && p[1] <= '9') {
			k = (int)strtol(p + 1, &end, 10);
			p = end - 1;
		} else
			k = max + 1;
		if (k > max)
			max = k;
		if (k >= 1 && k <= PG_MAXPARAM)
			used[k - 1] = 1;
		buf_printf(&out, "$%d", k);
	}
	if (max > PG_MAXPARAM)
		fatal("%s: more than %d parameters: %s", __func__, PG_MAXPARAM,
		    sql);
	*n = max;
	return (buf_steal(&out));
}

static struct db_stmt *
pg_prepare(struct db *db, const char *sql)
{
	struct pg_stmt	*s;
	int		 used[PG_MAXPARAM] = { 0 }, i;

	s = xcalloc(1, sizeof *s);
	s->base.db = db;
	s->sql = pg_rewrite(sql, &s->nparams, used);
	/* a parameter the statement skips has no type to infer */
	for (i = 0; i < s->nparams; i++)
		s->gaps[i] = used[i] ? 0 : PG_OID_TEXT;
	snprintf(s->name, sizeof s->name, "s%u", ++PG(db)->names);
	s->row = -1;
	return (&s->base);
}

static void
pg_clear(struct pg_stmt *s)
{
	int	i;

	/* a read sent ahead is read before it is dropped */
	if (s->ahead)
		pg_settle(s->base.db);
	PQclear(s->res);
	s->res = NULL;
	s->row = -1;
	s->failed = 0;
	if (s->blob != NULL)
		PQfreemem(s->blob);
	s->blob = NULL;
	for (i = 0; i < s->nparams; i++) {
		free(s->values[i]);
		s->values[i] = NULL;
		s->types[i] = DB_TNULL;
	}
}

static void
pg_finalize(struct db_stmt *st)
{
	struct pg_stmt	*s = PSTMT(st);

	pg_clear(s);
	free(s->sql);
	free(s);
}

/* Finalizes a statement and has its server side deallocated. */
static void
pg_drop(struct db_stmt *st)
{
	struct pg_stmt	*s = PSTMT(st);
	struct pg	*p = PG(st->db);

	if (s->prepared && s->generation == p->generation) {
		p->stale = xreallocarray(p->stale, p->nstale + 1,
		    sizeof *p->stale);
		p->stale[p->nstale++] = xstrdup(s->name);
		pg_deallocate(p);
	}
	pg_finalize(st);
}

/* Values go as text; a blob as bytea's hex form. */
static void
pg_bind(struct db_stmt *st, int i, const struct db_value *v)
{
	struct pg_stmt	*s = PSTMT(st);
	size_t		 k;
	char		*hex;

	if (i < 1 || i > s->nparams)
		return;
	i--;
	free(s->values[i]);
	s->values[i] = NULL;
	s->types[i] = v->type;
	if (v->is_null)
		return;
	switch (v->type) {
	case DB_TINT:
		s->values[i] = xasprintf("%lld", v->i);
		break;
	case DB_TTEXT:
		s->values[i] = xmalloc(v->len + 1);
		memcpy(s->values[i], v->s, v->len);
		s->values[i][v->len] = '\0';
		break;
	case DB_TBLOB:
		hex = s->values[i] = xmalloc(2 * v->len + 3);
		memcpy(hex, "\\x", 2);
		for (k = 0; k < v->len; k++)
			snprintf(hex + 2 + 2 * k, 3, "%02x",
			    ((const unsigned char *)v->s)[k]);
		hex[2 + 2 * v->len] = '\0';
		break;
	default:
		break;
	}
}

/* The parameter $N at p, or 0. */
static int
pg_param_at(const char *p, const char **end)
{
	char	*e;
	long	 n;

	if (p[0] != '$' || p[1] < '0' || p[1] > '9')
		return (0);
	n = strtol(p + 1, &e, 10);
	*end = e;
	return (n > 0 && n <= PG_MAXPARAM ? (int)n : 0);
}

/* sql for learning the parameters' types: a "$N IS NULL" (or IS NOT
 * NULL), which tells the server nothing, becomes TRUE where $N is used
 * elsewhere and "$N::text IS NULL" where it is not. */
static char *
pg_probe(const char *sql)
{
	struct buf	 out;
	const char	*p, *e, *rest;
	int		 uses[PG_MAXPARAM + 1] = { 0 };
	int		 tests[PG_MAXPARAM + 1] = { 0 };
	int		 n, pass, quoted;

	for (pass = 0; pass < 2; pass++) {
		buf_init(&out);
		quoted = 0;
		for (p = sql; *p != '\0'; p++) {
			if (*p == '\'')
				quoted = !quoted;
			if (quoted || (n = pg_param_at(p, &e)) == 0) {
				buf_add(&out, p, 1);
				continue;
			}
			rest = NULL;
			if (strncmp(e, " IS NULL", 8) == 0)
				rest = e + 8;
			else if (strncmp(e, " IS NOT NULL", 12) == 0)
				rest = e + 12;
			if (pass == 0) {
				uses[n]++;
				tests[n] += rest != NULL;
			} else if (rest != NULL && uses[n] > tests[n]) {
				buf_adds(&out, "TRUE");
				p = rest - 1;
				continue;
			} else if (rest != NULL) {
				buf_printf(&out, "$%d::text", n);
				p = e - 1;
				continue;
			}
			buf_add(&out, p, (size_t)(e - p));
			p = e - 1;
		}
		if (pass == 0)
			buf_free(&out);
	}
	return (buf_steal(&out));
}

/* Learns the types of s's parameters from probe; 0 or -1. */
static int
pg_learn_types(struct pg_stmt *s, const char *probe, Oid *types)
{
	PGconn		*c = PG(s->base.db)->c;
	PGresult	*res;
	int		 i, ok;

	res = PQprepare(c, "", probe, s->nparams, s->gaps);
	ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	PQclear(res);
	if (!ok)
		return (-1);
	res = PQdescribePrepared(c, "");
	if ((ok = PQresultStatus(res) == PGRES_COMMAND_OK)) {
		for (i = 0; i < s->nparams; i++)
			types[i] = i < PQnparams(res) ? PQparamtype(res, i) :
			    PG_OID_TEXT;
	}
	PQclear(res);
	return (ok ? 0 : -1);
}

/* Prepares s on its connection, once: with the parameter types the
 * server infers, or where it cannot tell (a parameter tested for null
 * before it is compared) with the types its probe shows. A statement
 * that fails would end the transaction it is in, so nothing is tried
 * and retried. */
static int
pg_ready(struct pg_stmt *s)
{
	struct db	*db = s->base.db;
	PGresult	*res;
	Oid		 types[PG_MAXPARAM];
	const Oid	*typed = s->gaps;
	char		*probe;

	if (s->prepared && s->generation == PG(db)->generation)
		return (0);
	if (pg_settle(db) != 0)
		return (-1);
	probe = pg_probe(s->sql);
	if (strcmp(probe, s->sql) != 0 && pg_learn_types(s, probe, types) ==
	    0)
		typed = types;
	free(probe);
	res = PQprepare(PG(db)->c, s->name, s->sql, s->nparams, typed);
	if (pg_fault(db, res) != 0) {
		log_info("preparing statement: %s: %s", PG(db)->err, s->sql);
		PQclear(res);
		return (-1);
	}
	PQclear(res);
	s->prepared = 1;
	s->generation = PG(db)->generation;
	return (0);
}

static int
pg_step(struct db_stmt *st)
{
	struct pg_stmt	*s = PSTMT(st);
	struct db	*db = st->db;
	int		 rc;

	/* sent ahead: its result comes with the others sent, in one round
	 * trip, and fails if one of them did */
	if (s->ahead)
		pg_settle(db);
	if (s->failed) {
		s->failed = 0;
		return (-1);
	}
	if (s->res == NULL) {
		if (pg_ready(s) != 0)
			return (-1);
		if (PG(db)->pending == 0) {
			s->res = PQexecPrepared(PG(db)->c, s->name, s->nparams,
			    (const char *const *)s->values, NULL, NULL, 0);
			rc = pg_fault(db, s->res);
		} else if ((rc = pg_send_stmt(s, NULL)) == 0)
			rc = pg_collect(db, &s->res, 1);
		if (rc != 0) {
			PQclear(s->res);
			s->res = NULL;
			return (-1);
		}
		s->row = -1;
	}
	if (s->blob != NULL)
		PQfreemem(s->blob);
	s->blob = NULL;
	if (++s->row < PQntuples(s->res))
		return (1);
	return (0);
}

static void
pg_reset(struct db_stmt *st)
{
	pg_clear(PSTMT(st));
}

static const char *
pg_value(struct db_stmt *st, int col)
{
	struct pg_stmt	*s = PSTMT(st);

	if (s->res == NULL || s->row < 0 || s->row >= PQntuples(s->res) ||
	    col >= PQnfields(s->res))
		return (NULL);
	if (PQgetisnull(s->res, s->row, col))
		return (NULL);
	return (PQgetvalue(s->res, s->row, col));
}

static int
pg_null(struct db_stmt *st, int col)
{
	return (pg_value(st, col) == NULL);
}

/* An integer column, a boolean (1 or 0), or a number truncated like
 * SQLite's. */
static long long
pg_integer(struct db_stmt *st, int col)
{
	const char	*v = pg_value(st, col);

	if (v == NULL)
		return (0);
	if (strcmp(v, "t") == 0)
		return (1);
	if (strcmp(v, "f") == 0)
		return (0);
	if (strchr(v, '.') != NULL || strchr(v, 'e') != NULL)
		return ((long long)strtod(v, NULL));
	return (strtoll(v, NULL, 10));
}

static const char *
pg_text(struct db_stmt *st, int col)
{
	const char	*v = pg_value(st, col);

	return (v != NULL ? v : "");
}

static const void *
pg_blob(struct db_stmt *st, int col, size_t *len)
{
	struct pg_stmt	*s = PSTMT(st);
	const char	*v = pg_value(st, col);

	*len = 0;
	if (v == NULL)
		return (NULL);
	if (s->blob != NULL)
		PQfreemem(s->blob);
	if ((s->blob = PQunescapeBytea((const unsigned char *)v, len)) ==
	    NULL)
		fatal("out of memory reading a blob");
	return (s->blob);
}

/* The writes sent ahead, the statements queued for the commit and the
 * COMMIT go in one round trip; the first that fails is the fault, and
 * the server skips the rest. The lock db_unlock_at_commit() named is
 * let go after the COMMIT, in the same round trip, so only if the
 * COMMIT ran. */
static int
pg_commit(struct db *db)
{
	PGresult	*out[2];
	char		 v[24];
	const char	*p = v;
	size_t		 i;
	int		 nout = 1, rc = 0;

	for (i = 0; i < db->ncommit_sql && rc == 0; i++)
		rc = pg_send(db, db->commit_sql[i], 0, NULL);
	if (rc == 0)
		rc = pg_send(db, "COMMIT", 0, NULL);
	if (rc == 0 && db->unlock_at_commit != 0) {
		snprintf(v, sizeof v, "%lld", db->unlock_at_commit);
		rc = pg_send(db, "SELECT pg_advisory_unlock($1::bigint)", 1,
		    &p);
		nout = 2;
	}
	if (rc != 0) {
		pg_settle(db);
		return (pg_fault(db, NULL));
	}
	rc = pg_collect(db, out, nout);
	if (nout == 2 && out[1] != NULL && PQresultStatus(out[1]) ==
	    PGRES_TUPLES_OK) {
		db->unlocked = db->unlock_at_commit;
		db->unlock_at_commit = 0;
	}
	/* COMMIT of a transaction a failed statement ended rolls back */
	if (rc == 0 && strcmp(PQcmdStatus(out[0]), "COMMIT") != 0) {
		pg_set_error(db, "the transaction was rolled back");
		db->fault = DB_ERROR;
		rc = -1;
	}
	for (i = 0; i < (size_t)nout; i++)
		PQclear(out[i]);
	return (rc);
}

/* A write transaction holds the write lock. Taken exclusively, as
 * BEGIN IMMEDIATE does on SQLite, writers across every process take
 * turns, so a route's read-check-write runs as it does on one SQLite
 * file; taken shared, writers that lock their rows run side by side and
 * wait only for the exclusive ones. Reads go on beside them all. BEGIN
 * and the lock go ahead, with the transaction's first statement, which
 * fails if they did. */
static int
pg_command(struct db *db, enum db_command c)
{
	static const char *const	lock[] = { "SELECT "
	    "pg_advisory_xact_lock(" PG_WRITE_LOCK ")", "SELECT "
	    "pg_advisory_xact_lock_shared(" PG_WRITE_LOCK ")" };
	PGresult			*res;
	int				 rc;

	switch (c) {
	case DB_BEGIN:
	case DB_BEGIN_ROWS:
		if (pg_settle(db) != 0 || pg_send(db, "BEGIN", 0, NULL) != 0)
			return (-1);
		PG(db)->piped_in_tx = 1;
		return (pg_send(db, lock[c], 0, NULL));
	case DB_COMMIT:
		return (pg_commit(db));
	case DB_ROLLBACK:
		break;
	}
	/* a rollback reads what was sent ahead and goes on */
	pg_settle(db);
	res = PQexec(PG(db)->c, "ROLLBACK");
	rc = pg_fault(db, res);
	PQclear(res);
	return (rc);
}

/* While statements are in the pipeline libpq says only that it is
 * busy: whether they went into a transaction was noted as they were
 * sent. */
static int
pg_in_transaction(struct db *db)
{
	PGTransactionStatusType	t;

	if (PQpipelineStatus(PG(db)->c) != PQ_PIPELINE_OFF)
		return (PG(db)->piped_in_tx);
	t = PQtransactionStatus(PG(db)->c);
	return (t == PQTRANS_INTRANS || t == PQTRANS_INERROR ||
	    t == PQTRANS_ACTIVE);
}

/* A read sent ahead, its result kept for pg_step() when the pipeline
 * is read; one that cannot be sent fails when stepped, with the fault
 * that kept it. */
static void
pg_ahead(struct db_stmt *st)
{
	struct pg_stmt	*s = PSTMT(st);

	if (!s->ahead && s->res == NULL && (pg_ready(s) != 0 ||
	    pg_send_stmt(s, s) != 0))
		s->failed = 1;
}

/* A write whose result the caller does not read: inside a transaction
 * it goes into the pipeline and its result is read with the next
 * statement's, in one round trip, the next statement failing if it
 * failed. A transaction sends a few such writes, whose answers are a
 * line each, so blocking sends cannot fill the socket both ways. */
static int
pg_later(struct db_stmt *st)
{
	struct pg_stmt	*s = PSTMT(st);
	int		 rc;

	if (pg_ready(s) != 0)
		rc = -1;
	else if (!pg_in_transaction(st->db))
		rc = pg_step(st) < 0 ? -1 : 0;
	else
		rc = pg_send_stmt(s, NULL);
	pg_clear(s);
	return (rc);
}

/* Inside a transaction the lock goes ahead, with the next statement,
 * which waits for it and fails if it failed. */
static int
pg_lock(struct db *db, long long key)
{
	const char	*sql = "SELECT pg_advisory_xact_lock($1::bigint)";
	char		 v[24];
	const char	*p = v;

	snprintf(v, sizeof v, "%lld", key);
	if (pg_in_transaction(db))
		return (pg_send(db, sql, 1, &p));
	return (pg_simple(db, sql, v));
}

static void
pg_unlock(struct db *db, long long key)
{
	char	v[24];

	snprintf(v, sizeof v, "%lld", key);
	pg_simple(db, "SELECT pg_advisory_unlock($1::bigint)", v);
}

/* then, a read the caller bound, goes after the lock in the same round
 * trip; its rows are kept for db_step() when the lock was taken. Each
 * statement reads what was committed when it began, the read after the
 * lock. */
static int
pg_try_lock(struct db *db, long long key, struct db_stmt *then)
{
	struct pg_stmt	*s = then != NULL ? PSTMT(then) : NULL;
	PGresult	*out[2];
	char		 v[24];
	const char	*p = v;
	int		 failed, taken, nout = s != NULL ? 2 : 1;

	snprintf(v, sizeof v, "%lld", key);
	if ((s != NULL && pg_ready(s) != 0) || pg_settle(db) != 0 ||
	    pg_send(db, "SELECT pg_try_advisory_lock($1::bigint)", 1, &p) !=
	    0)
		return (-1);
	if (s != NULL && pg_send_stmt(s, NULL) != 0) {
		pg_settle(db);
		return (pg_fault(db, NULL));
	}
	failed = pg_collect(db, out, nout) != 0;
	taken = out[0] != NULL && PQresultStatus(out[0]) == PGRES_TUPLES_OK &&
	    PQntuples(out[0]) == 1 && strcmp(PQgetvalue(out[0], 0, 0), "t") ==
	    0;
	PQclear(out[0]);
	if (s != NULL && taken && !failed) {
		PQclear(s->res);
		s->res = out[1];
		s->row = -1;
	} else if (s != NULL)
		PQclear(out[1]);
	/* a lock taken for a read that failed is not kept */
	if (failed && taken)
		pg_unlock(db, key);
	return (failed ? -1 : taken);
}

/* Statements without parameters, in one round trip. */
static int
pg_script(struct db *db, const char *sql)
{
	PGresult	*res;
	int		 rc;

	if (pg_settle(db) != 0)
		return (-1);
	res = PQexec(PG(db)->c, sql);
	rc = pg_fault(db, res);

	PQclear(res);
	return (rc);
}

static char *
pg_quote(struct db *db, const char *s)
{
	char	*q, *copy;

	if ((q = PQescapeLiteral(PG(db)->c, s, strlen(s))) == NULL)
		fatal("quoting a value: %s", PQerrorMessage(PG(db)->c));
	copy = xstrdup(q);
	PQfreemem(q);
	return (copy);
}

static const char *
pg_error(struct db *db)
{
	if (PG(db)->err != NULL && *PG(db)->err != '\0')
		return (PG(db)->err);
	return (PQerrorMessage(PG(db)->c));
}

/* COPY ... FROM STDIN in text format. The rows are kept until the
 * end, as a connection runs one COPY at a time and the seeder fills
 * two tables side by side. */
static struct db_copy *
pg_copy_begin(struct db *db, const char *table, const char *columns)
{
	struct pg_copy	*c;

	c = xcalloc(1, sizeof *c);
	c->base.db = db;
	buf_init(&c->data);
	/* table and columns are the seeder's constants, not input */
	c->sql = xasprintf("COPY %s (%s) FROM STDIN", table, columns);
	return (&c->base);
}

/* Sends the rows in 64 KiB pieces. */
static int
pg_copy_send(struct pg_copy *c)
{
	struct db	*db = c->base.db;
	PGresult	*res;
	size_t		 off, n;

	if (pg_settle(db) != 0)
		return (-1);
	res = PQexec(PG(db)->c, c->sql);
	if (PQresultStatus(res) != PGRES_COPY_IN) {
		pg_fault(db, res);
		PQclear(res);
		return (-1);
	}
	PQclear(res);
	for (off = 0; off < c->data.len; off += n) {
		n = c->data.len - off < 65536 ? c->data.len - off : 65536;
		if (PQputCopyData(PG(db)->c, c->data.data + off, (int)n) !=
		    1) {
			pg_set_error(db, PQerrorMessage(PG(db)->c));
			PQputCopyEnd(PG(db)->c, "failed");
			break;
		}
	}
	if (off < c->data.len)
		c->failed = 1;
	else if (PQputCopyEnd(PG(db)->c, NULL) != 1)
		c->failed = 1;
	while ((res = PQgetResult(PG(db)->c)) != NULL) {
		if (pg_fault(db, res) != 0)
			c->failed = 1;
		PQclear(res);
	}
	return (c->failed ? -1 : 0);
}

/* One value in COPY's text format. */
static void
pg_copy_value(struct buf *b, const struct db_value *v)
{
	size_t	i;
	char	ch;

	if (v->is_null || v->type == DB_TNULL) {
		buf_adds(b, "\\N");
		return;
	}
	if (v->type == DB_TINT) {
		buf_printf(b, "%lld", v->i);
		return;
	}
	for (i = 0; i < v->len; i++) {
		ch = v->s[i];
		if (ch == '\\')
			buf_adds(b, "\\\\");
		else if (ch == '\t')
			buf_adds(b, "\\t");
		else if (ch == '\n')
			buf_adds(b, "\\n");
		else if (ch == '\r')
			buf_adds(b, "\\r");
		else
			buf_add(b, &ch, 1);
	}
}

static int
pg_copy_row(struct db_copy *base, const struct db_value *v, int n)
{
	struct pg_copy	*c = (struct pg_copy *)base;
	int		 i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(&c->data, "\t");
		pg_copy_value(&c->data, &v[i]);
	}
	buf_adds(&c->data, "\n");
	return (0);
}

static int
pg_copy_end(struct db_copy *base)
{
	struct pg_copy	*c = (struct pg_copy *)base;
	int		 rc;

	rc = c->data.len > 0 ? pg_copy_send(c) : 0;
	buf_free(&c->data);
	free(c->sql);
	free(c);
	return (rc);
}
/* Moves every identity column past the largest id written, and has
 * the planner count the rows: until autovacuum does, a search of
 * 200,000 fresh residents would scan them all. */
static int
pg_ids_written(struct db *db)
{
	return (pg_script(db, "DO $$DECLARE t record; BEGIN FOR t IN SELECT "
	    "table_name FROM information_schema.columns WHERE table_schema = "
	    "current_schema() AND column_name = 'id' AND is_identity = 'YES' "
	    "LOOP EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, "
	    "''id''), coalesce((SELECT max(id) FROM %I), 0) + 1, false)', "
	    "t.table_name, t.table_name); END LOOP; END$$; ANALYZE"));
}

const struct db_ops db_pg_ops = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.migrate = pg_migrate,
	.version = pg_version,
	.check = pg_check,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.drop = pg_drop,
	.bind = pg_bind,
	.step = pg_step,
	.later = pg_later,
	.ahead = pg_ahead,
	.reset = pg_reset,
	.null = pg_null,
	.integer = pg_integer,
	.text = pg_text,
	.blob = pg_blob,
	.command = pg_command,
	.in_transaction = pg_in_transaction,
	.lock = pg_lock,
	.try_lock = pg_try_lock,
	.unlock = pg_unlock,
	.script = pg_script,
	.error = pg_error,
	.quote = pg_quote,
	.copy_begin = pg_copy_begin,
	.copy_row = pg_copy_row,
	.copy_end = pg_copy_end,
	.ids_written = pg_ids_written,
};
