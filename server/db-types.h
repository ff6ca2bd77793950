/*
 * The types db.h's callers and the storage back ends (db-backend.h)
 * share: types and constants only, no functions behind them, so that
 * a back end needs nothing of db.h.
 */
#ifndef SERVER_DB_TYPES_H
#define SERVER_DB_TYPES_H

struct db;
struct db_stmt;
struct db_copy;

/* Statements cached by their text (db_stmt_text()), per connection. */
#define DB_TEXT_CACHE	64

/* How a statement failed, for the caller that answers differently. */
enum db_fault {
	DB_OK,
	DB_CONSTRAINT,		/* a UNIQUE, CHECK or foreign key refused */
	DB_BUSY,		/* a lock or serialization conflict: retry */
	DB_DOWN,		/* the connection is gone */
	DB_ERROR		/* anything else */
};

#endif
