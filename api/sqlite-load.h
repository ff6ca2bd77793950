/*
 * SQLite, loaded when the outbox is first opened (at the first login)
 * rather than at exec: relocating libsqlite3 (BIND_NOW, 1.4 MB) cost
 * every start of bianmin about 1 M instructions and 0.7 MB of memory
 * before the login screen, which keeps nothing on disk. The calls are
 * typed from <sqlite3.h> itself; outbox.c and catalog-cache.c are
 * their users.
 */
#ifndef API_SQLITE_LOAD_H
#define API_SQLITE_LOAD_H

#include <sqlite3.h>

#define SQLITE_CALLS(X)							\
	X(libversion) X(config) X(open_v2) X(close) X(exec) X(errmsg) X(errcode)	\
	X(busy_timeout) X(prepare_v2) X(step) X(finalize) X(bind_text)	\
	X(bind_int) X(bind_int64) X(column_text) X(column_int)		\
	X(column_int64) X(last_insert_rowid)

/* Members without the sqlite3_ prefix, as curl-load.h's. */
struct sqlite_calls {
#define SQLITE_CALL_MEMBER(f)	__typeof__(sqlite3_##f) *f;
	SQLITE_CALLS(SQLITE_CALL_MEMBER)
#undef SQLITE_CALL_MEMBER
};

/* The calls, loading libsqlite3 the first time; NULL with *cause
 * (plain English, static) when it is missing or lacks one of them. A
 * failure is remembered: later calls answer the same at once. */
const struct sqlite_calls *sqlite_calls(const char **cause);

#endif
