#include <stdio.h>
#include "http.h"
#include "residents.h"
#include "seed.h"
int seed_activity(sqlite3 *db, unsigned long long seed, char **cause) { (void)db; (void)seed; (void)cause; return 0; }
