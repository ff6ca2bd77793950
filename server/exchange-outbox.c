/* The exchange outbox (docs/api.md 24): each timeline entry and each
 * rating becomes a message in the transaction that made it, numbered in
 * its stream without gaps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "applications.h"
#include "clock.h"
#include "db.h"
#include "exchange-outbox.h"
#include "json-print.h"
#include "json.h"
#include "views.h"
#include "../util/xmalloc.h"

/* 32 lowercase hex characters, random, into out[33]. */
static int
message_id(char *out)
{
	unsigned char	raw[16];
	size_t		i;

	if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw)
		return (-1);
	for (i = 0; i < sizeof raw; i++)
		snprintf(out + 2 * i, 3, "%02x", raw[i]);
	return (0);
}

/* Writes the message with the sequence given: its id, kind, stream and
 * sequence ahead of what body holds (consumed). */
static int
outbox_write(struct db *db, const char *kind, const char *stream,
    long long seq, const char *occurred_at, cJSON *body)
{
	cJSON		*m, *it;
	char		 id[33], now[32], *text;
	int		 rc;

	if (message_id(id) != 0) {
		cJSON_Delete(body);
		return (-1);
	}
	m = cJSON_CreateObject();
	cJSON_AddStringToObject(m, "id", id);
	cJSON_AddStringToObject(m, "type", kind);
	cJSON_AddStringToObject(m, "stream", stream);
	cJSON_AddNumberToObject(m, "sequence", (double)seq);
	cJSON_AddStringToObject(m, "occurred_at", occurred_at);
	while ((it = body->child) != NULL)
		cJSON_AddItemToObject(m, it->string,
		    cJSON_DetachItemViaPointer(body, it));
	cJSON_Delete(body);
	text = json_print(m);
	cJSON_Delete(m);
	clock_rfc3339(clock_now(), now);
	rc = db_exec_later(db, "INSERT INTO exchange_outbox (message_id, "
	    "kind, stream, sequence, body, created_at) VALUES (?, ?, ?, ?, ?, "
	    "?)",
	    "tttltt", id, kind, stream, seq, text, now);
	free(text);
	return (rc);
}

/* Writes the message as the stream's next (body consumed). The stream's
 * lock is the last one the transaction takes before the audit trail's,
 * so its writers take turns for the sequence. */
static int
outbox_put(struct db *db, const char *kind, const char *stream,
    const char *occurred_at, cJSON *body)
{
	struct db_stmt	*st;
	char		 lock[96];
	long long	 seq = 0;

	snprintf(lock, sizeof lock, "exchange:%s", stream);
	if (db_lock_name(db, lock) != 0) {
		cJSON_Delete(body);
		return (-1);
	}
	if (db_query(db, &st, "SELECT coalesce(max(sequence), 0) + 1 FROM "
	    "exchange_outbox WHERE stream = ?", "t", stream) == 1)
		seq = db_int(st, 0);
	db_reset(st);
	if (seq <= 0) {
		cJSON_Delete(body);
		return (-1);
	}
	return (outbox_write(db, kind, stream, seq, occurred_at, body));
}

/* The application as its messages tell it; NULL members are null. */
static cJSON *
application_body(const struct exchange_app *a)
{
	cJSON	*o = cJSON_CreateObject(), *b;

	cJSON_AddStringToObject(o, "number", a->number);
	cJSON_AddStringToObject(o, "item_code", a->item_code);
	cJSON_AddStringToObject(o, "service_name", a->service_name);
	b = cJSON_AddObjectToObject(o, "implementing_body");
	cJSON_AddStringToObject(b, "name", a->body_name);
	json_add_nullable(b, "uscc", a->body_uscc);
	cJSON_AddStringToObject(o, "received_at", a->received_at);
	json_add_nullable(o, "accepted_at", a->accepted_at);
	json_add_nullable(o, "completed_at", a->completed_at);
	cJSON_AddStringToObject(o, "due_date", a->due_date);
	cJSON_AddStringToObject(o, "status", a->status);
	cJSON_AddStringToObject(o, "status_name", app_status_zh(a->status));
	return (o);
}

/* A timeline entry as its message tells it. */
static cJSON *
event_body(const struct exchange_entry *t)
{
	cJSON	*e = cJSON_CreateObject();

	cJSON_AddStringToObject(e, "action", t->action);
	json_add_nullable(e, "from_status", t->from_status);
	cJSON_AddStringToObject(e, "to_status", t->to_status);
	cJSON_AddStringToObject(e, "at", t->at);
	json_add_nullable(e, "department", t->department);
	json_add_nullable(e, "reason", t->reason);
	view_stored(e, "missing_materials", t->missing_materials);
	return (e);
}

/* An application's event message: the application (consumed) and the
 * timeline entry. */
static cJSON *
event_message_of(cJSON *app, const struct exchange_entry *t)
{
	cJSON	*body = cJSON_CreateObject();

	cJSON_AddItemToObject(body, "application", app);
	cJSON_AddItemToObject(body, "event", event_body(t));
	cJSON_AddNullToObject(body, "rating");
	return (body);
}

static const char *
text_or_null(struct db_stmt *st, int col)
{
	return (db_null(st, col) ? NULL : db_text(st, col));
}

static cJSON *
application_json(struct db *db, long long id)
{
	struct db_stmt		*st;
	struct exchange_app	 a;
	cJSON			*o = NULL;

	if (db_query(db, &st, "SELECT a.number, s.item_code, s.name, "
	    "ce.name, ce.uscc, a.created_at, (SELECT min(t.at) FROM timeline "
	    "t WHERE t.application_id = a.id AND t.action = 'accept'), "
	    "(SELECT min(t.at) FROM timeline t WHERE t.application_id = a.id "
	    "AND t.to_status IN ('completed', 'rejected')), a.due_date, "
	    "a.status FROM applications a JOIN services s ON s.id = "
	    "a.service_id JOIN communities c ON c.id = a.community_id JOIN "
	    "centres ce ON ce.id = c.centre_id WHERE a.id = ?", "l",
	    id) == 1) {
		a.number = db_text(st, 0);
		a.item_code = db_text(st, 1);
		a.service_name = db_text(st, 2);
		a.body_name = db_text(st, 3);
		a.body_uscc = text_or_null(st, 4);
		a.received_at = db_text(st, 5);
		a.accepted_at = text_or_null(st, 6);
		a.completed_at = text_or_null(st, 7);
		a.due_date = db_text(st, 8);
		a.status = db_text(st, 9);
		o = application_body(&a);
	}
	db_reset(st);
	return (o);
}

/* The message of the application's latest timeline entry. */
static cJSON *
event_message(struct db *db, long long application)
{
	struct db_stmt		*st;
	struct exchange_entry	 t;
	cJSON			*body, *app;

	/* the entry is read with the application, in one round trip */
	st = db_read_ahead(db, "SELECT action, from_status, to_status, at, "
	    "department, reason, missing_materials FROM timeline WHERE "
	    "application_id = ? ORDER BY id DESC LIMIT 1", "l", application);
	if ((app = application_json(db, application)) == NULL) {
		db_reset(st);
		return (NULL);
	}
	if (db_step(st) != 1) {
		db_reset(st);
		cJSON_Delete(app);
		return (NULL);
	}
	t.action = db_text(st, 0);
	t.from_status = text_or_null(st, 1);
	t.to_status = db_text(st, 2);
	t.at = db_text(st, 3);
	t.department = text_or_null(st, 4);
	t.reason = text_or_null(st, 5);
	t.missing_materials = db_text(st, 6);
	body = event_message_of(app, &t);
	db_reset(st);
	return (body);
}

/* The stream of an application's messages and the time of the event
 * body tells, into stream[48] and at[32]. */
static void
event_stream(long long application, const cJSON *body, char *stream,
    char *at)
{
	snprintf(stream, 48, "application/%lld", application);
	snprintf(at, 32, "%s", cJSON_GetStringValue(cJSON_GetObjectItem(
	    cJSON_GetObjectItem(body, "event"), "at")));
}

int
exchange_event(struct db *db, long long application)
{
	cJSON	*body;
	char	 stream[48], at[32];

	if ((body = event_message(db, application)) == NULL)
		return (-1);
	event_stream(application, body, stream, at);
	return (outbox_put(db, "application_event", stream, at, body));
}

int
exchange_event_first(struct db *db, long long application,
    const struct exchange_app *a, const struct exchange_entry *t)
{
	char	stream[48];

	snprintf(stream, sizeof stream, "application/%lld", application);
	return (outbox_write(db, "application_event", stream, 1, t->at,
	    event_message_of(application_body(a), t)));
}

int
exchange_rating(struct db *db, long long rating, const char *level_name)
{
	struct db_stmt	*st;
	cJSON		*body, *app = NULL, *o;
	char		 stream[64], at[32];
	long long	 application = 0;

	if (db_query(db, &st, "SELECT object, occasion, level, good, "
	    "reasons, comment, channel, rated_at FROM ratings WHERE id = ?",
	    "l", rating) != 1) {
		db_reset(st);
		return (-1);
	}
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "object", db_text(st, 0));
	cJSON_AddStringToObject(o, "occasion", db_text(st, 1));
	cJSON_AddStringToObject(o, "level", db_text(st, 2));
	cJSON_AddStringToObject(o, "level_name", level_name != NULL ?
	    level_name : "");
	cJSON_AddBoolToObject(o, "good", db_int(st, 3) != 0);
	view_stored(o, "reasons", db_text(st, 4));
	view_text_or_null(o, "comment", st, 5);
	cJSON_AddStringToObject(o, "channel", db_text(st, 6));
	cJSON_AddStringToObject(o, "rated_at", db_text(st, 7));
	snprintf(stream, sizeof stream, "%s", db_text(st, 0));
	snprintf(at, sizeof at, "%s", db_text(st, 7));
	db_reset(st);
	if (sscanf(stream, "application/%lld", &application) == 1 &&
	    (app = application_json(db, application)) == NULL) {
		cJSON_Delete(o);
		return (-1);
	}
	body = cJSON_CreateObject();
	if (app != NULL)
		cJSON_AddItemToObject(body, "application", app);
	else
		cJSON_AddNullToObject(body, "application");
	cJSON_AddNullToObject(body, "event");
	cJSON_AddItemToObject(body, "rating", o);
	return (outbox_put(db, "rating", stream, at, body));
}
