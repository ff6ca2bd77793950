/* The paged-list query builder: the page's statement put together from
 * a route's constant pieces, every value bound in order, and the
 * count's when the page cannot tell the total. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "listq.h"
#include "req.h"
#include "views.h"
#include "../util/buf.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

struct listq_value {
	int		 is_text;
	long long	 i;
	char		*s;
};

struct listq {
	struct db		*db;
	const char		*cols, *from, *order;
	struct buf		 where;
	struct listq_value	 values[LISTQ_MAX_VALUES];
	int			 nvalues;
	int			 page, per_page;
	char			*sql;		/* the page statement's */
	struct db_stmt		*st;		/* the page, once run */
	long long		 total;		/* -1 until known */
	cJSON			*items;
	int			 rows;		/* of the page, as stepped */
	int			 done, one;
};

struct listq *
listq_new(struct db *db, const char *cols, const char *from, int page,
    int per_page)
{
	struct listq	*q = xcalloc(1, sizeof *q);

	q->db = db;
	q->cols = cols;
	q->from = from;
	q->page = page;
	q->per_page = per_page;
	q->total = -1;
	buf_init(&q->where);
	q->items = cJSON_CreateArray();
	return (q);
}

struct listq *
listq_req(struct req *r, const char *cols, const char *from)
{
	int	page, per_page;

	if (req_paging(r, &page, &per_page) != 0)
		return (NULL);
	return (listq_new(r->db, cols, from, page, per_page));
}

/* The number of ? in sql outside string literals. */
static int
placeholders(const char *sql)
{
	int	n = 0, quoted = 0;

	for (; *sql != '\0'; sql++) {
		if (*sql == '\'')
			quoted = !quoted;
		else if (*sql == '?' && !quoted)
			n++;
	}
	return (n);
}

/* Appends one value for the next ?. */
static struct listq_value *
add_value(struct listq *q)
{
	if (q->nvalues == LISTQ_MAX_VALUES)
		fatal("%s: more than %d values", __func__, LISTQ_MAX_VALUES);
	return (&q->values[q->nvalues++]);
}

/* " WHERE " before the first condition, " AND " before the others. */
static void
conjoin(struct listq *q)
{
	buf_adds(&q->where, q->where.len == 0 ? " WHERE " : " AND ");
}

void
listq_where(struct listq *q, const char *cond, const char *fmt, ...)
{
	struct listq_value	*v;
	va_list			 ap;
	const char		*s;

	if (placeholders(cond) != (int)strlen(fmt))
		fatal("%s: %s takes %d values, given %zu", __func__, cond,
		    placeholders(cond), strlen(fmt));
	conjoin(q);
	buf_adds(&q->where, "(");
	buf_adds(&q->where, cond);
	buf_adds(&q->where, ")");
	va_start(ap, fmt);
	for (; *fmt != '\0'; fmt++) {
		v = add_value(q);
		switch (*fmt) {
		case 't':
			s = va_arg(ap, const char *);
			v->is_text = 1;
			v->s = s != NULL ? xstrdup(s) : NULL;
			break;
		case 'l':
			v->i = va_arg(ap, long long);
			break;
		case 'd':
			v->i = va_arg(ap, int);
			break;
		default:
			fatal("%s: bad value format '%c'", __func__, *fmt);
		}
	}
	va_end(ap);
}

void
listq_in(struct listq *q, const char *expr, const char *const *values,
    int n)
{
	struct listq_value	*v;
	int			 i;

	if (n < 1)
		fatal("%s: %s IN () with no values", __func__, expr);
	conjoin(q);
	buf_adds(&q->where, expr);
	buf_adds(&q->where, " IN (");
	for (i = 0; i < n; i++) {
		buf_adds(&q->where, i == 0 ? "?" : ", ?");
		v = add_value(q);
		v->is_text = 1;
		v->s = xstrdup(values[i]);
	}
	buf_adds(&q->where, ")");
}

void
listq_order(struct listq *q, const char *order)
{
	q->order = order;
}

void
listq_one(struct listq *q)
{
	q->one = 1;
}

/* The statement of sql with every value bound, and LIMIT and OFFSET
 * after them when paged. */
static struct db_stmt *
bound(struct listq *q, const char *sql, int paged)
{
	struct db_stmt	*st = db_stmt_text(q->db, sql);
	int		 i;

	for (i = 0; i < q->nvalues; i++) {
		if (q->values[i].is_text)
			db_bind_text(st, i + 1, q->values[i].s);
		else
			db_bind_int(st, i + 1, q->values[i].i);
	}
	if (paged) {
		db_bind_int(st, i + 1, q->per_page);
		db_bind_int(st, i + 2, (long long)(q->page - 1) * q->per_page);
	}
	return (st);
}

const char *
listq_sql(struct listq *q)
{
	struct buf	b;

	if (q->sql != NULL)
		return (q->sql);
	if (q->order == NULL && !q->one)
		fatal("%s: a list without an order: %s", __func__, q->from);
	buf_init(&b);
	buf_printf(&b, "SELECT %s%s%s%s%s LIMIT ? OFFSET ?", q->cols,
	    q->from, q->where.data != NULL ? q->where.data : "",
	    q->one ? "" : " ORDER BY ", q->one ? "" : q->order);
	return (q->sql = buf_steal(&b));
}

struct db_stmt *
listq_next(struct listq *q)
{
	if (q->done)
		return (NULL);
	if (q->st == NULL)
		q->st = bound(q, listq_sql(q), 1);
	if (db_step(q->st) == 1) {
		q->rows++;
		return (q->st);
	}
	db_reset(q->st);
	q->done = 1;
	return (NULL);
}

/* The total: told by a page that ends short of per_page and is not past
 * the end, which is how most searches end (an ID number, a name at a
 * counter); counted otherwise. */
static void
count(struct listq *q)
{
	struct db_stmt	*st;
	struct buf	 b;

	if (q->total >= 0)
		return;
	while (listq_next(q) != NULL)
		;
	if (q->rows < q->per_page && (q->rows > 0 || q->page == 1)) {
		q->total = (long long)(q->page - 1) * q->per_page + q->rows;
		return;
	}
	q->total = 0;		/* the count failed: as before, none */
	buf_init(&b);
	buf_printf(&b, "SELECT count(*)%s%s", q->from,
	    q->where.data != NULL ? q->where.data : "");
	st = bound(q, b.data, 0);
	if (db_step(st) == 1)
		q->total = db_int(st, 0);
	db_reset(st);
	buf_free(&b);
}

void
listq_add(struct listq *q, cJSON *item)
{
	cJSON_AddItemToArray(q->items, item);
}

long long
listq_total(struct listq *q)
{
	count(q);
	return (q->total);
}

cJSON *
listq_page(struct listq *q)
{
	cJSON	*o;

	count(q);
	o = view_page(q->items, q->page, q->per_page, q->total);
	q->items = NULL;
	listq_free(q);
	return (o);
}

void
listq_free(struct listq *q)
{
	int	i;

	if (q == NULL)
		return;
	if (q->st != NULL && !q->done)
		db_reset(q->st);
	for (i = 0; i < q->nvalues; i++)
		free(q->values[i].s);
	buf_free(&q->where);
	free(q->sql);
	cJSON_Delete(q->items);
	free(q);
}
