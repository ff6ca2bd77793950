#include <stdio.h>
#include "http.h"
#include "residents.h"
#include "seed.h"
#define EMPTY(n) const struct route n[] = { { NULL, NULL, NULL, 0, 0 } };
EMPTY(routes_events)
EMPTY(routes_stats)
EMPTY(routes_audit)
EMPTY(routes_staff)
int seed_activity(sqlite3 *db, unsigned long long seed, char **cause) { (void)db; (void)seed; (void)cause; return 0; }
