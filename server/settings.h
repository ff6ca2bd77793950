/* The site's settings that are no row of their own (settings.c): a
 * name and a whole number, set by `bianmind admin catalog import`. */
#ifndef SERVER_SETTINGS_H
#define SERVER_SETTINGS_H

struct db;

/* Days a resident found to have promised falsely may not use 告知承诺
 * (docs/api.md 8, docs/catalog.md), when the catalogue sets none. */
#define SETTING_PROMISE_BAN_DAYS	"promise_ban_days"
#define PROMISE_BAN_DAYS_DEFAULT	365

/* The setting's value, or def when it has none (or on error). */
long long	settings_int(struct db *, const char *name, long long def);
/* Sets it, inside the caller's transaction if one is open; 0 or -1. */
int		settings_set_int(struct db *, const char *name,
		    long long value);

#endif
