/*
 * The paged-list query, written once for every list route (docs/api.md
 * 1.7). A route says what it lists: its columns, its FROM with joins,
 * one condition for each filter the request uses, and its order. The
 * builder puts the page's statement together from those pieces, with
 * LIMIT and OFFSET, binds every value, and answers the page envelope;
 * a SELECT count(*) of the same conditions gives the total when the
 * page cannot (a full page, or one past the end).
 *
 * Every piece of SQL given here must be a string constant, written in
 * the subset both back ends speak (db.h), with a ? wherever a value
 * goes: a value never becomes SQL text. The statements differ with the
 * filters used, so they are cached by their text (db_stmt_text()).
 */
#ifndef SERVER_LISTQ_H
#define SERVER_LISTQ_H

#include <cjson/cJSON.h>

struct db;
struct db_stmt;
struct req;

#define LISTQ_MAX_VALUES 30

struct listq;

/* A query for rows of cols from from (" FROM t JOIN ...") on the given
 * page; it keeps the pointers, which must outlive it. Free it with
 * listq_page() or listq_free(). */
struct listq	*listq_new(struct db *, const char *cols, const char *from,
		    int page, int per_page);
/* The same at the request's page and per_page; NULL having replied 400
 * when they are out of range. */
struct listq	*listq_req(struct req *, const char *cols, const char *from);
/* ANDs cond to the query's conditions; each ? in cond takes the next
 * value of fmt, one letter a value: 't' text (const char *), 'l' long
 * long, 'd' int. Values are copied. */
void		 listq_where(struct listq *, const char *cond,
		    const char *fmt, ...);
/* ANDs "expr IN (?, ?, ...)" with the n text values (n >= 1). */
void		 listq_in(struct listq *, const char *expr,
		    const char *const *values, int n);
/* The order, "ORDER BY" left out; total, ties broken by an id. */
void		 listq_order(struct listq *, const char *order);
/* Instead of an order: the conditions name at most one row (a unique
 * key's equality), which needs no sorting. */
void		 listq_one(struct listq *);
/* The page statement's text, for tests. */
const char	*listq_sql(struct listq *);
/* The next row of the page, or NULL after the last. The row's columns
 * are cols, in that order. */
struct db_stmt	*listq_next(struct listq *);
/* Adds an item, made from the current row, to the page. */
void		 listq_add(struct listq *, cJSON *item);
/* The total of matching rows; steps through what is left of the
 * page. */
long long	 listq_total(struct listq *);
/* The page envelope, {items, page, per_page, total}, with the items
 * listq_add() gave; the caller owns it. Frees the query. */
cJSON		*listq_page(struct listq *);
void		 listq_free(struct listq *);

#endif
