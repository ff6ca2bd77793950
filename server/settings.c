/* The settings table: a site's values by name, kept as text. */
#include <stdio.h>
#include <stdlib.h>

#include "db.h"
#include "settings.h"

long long
settings_int(struct db *db, const char *name, long long def)
{
	struct db_stmt	*st;
	long long	 v = def;
	char		*end;

	if (db_query(db, &st, "SELECT value FROM settings WHERE name = ?",
	    "t", name) == 1) {
		v = strtoll(db_text(st, 0), &end, 10);
		if (*end != '\0' || end == db_text(st, 0))
			v = def;
	}
	db_reset(st);
	return (v);
}

int
settings_set_int(struct db *db, const char *name, long long value)
{
	char	text[24];

	snprintf(text, sizeof text, "%lld", value);
	return (db_exec(db, "INSERT INTO settings (name, value) VALUES (?, ?) "
	    "ON CONFLICT (name) DO UPDATE SET value = excluded.value", "tt",
	    name, text));
}
