/* The schema, as an ordered list of migrations; user_version counts how
 * many have been applied. Never edit one that has shipped: add another. */
#include <stddef.h>

#include "migrations.h"

static const char *const migration_list[] = {
	/* 1: the district, staff, residents, sessions and the audit chain */
	"CREATE TABLE districts ("
	"  code TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL);"
	"CREATE TABLE centres ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  district_code TEXT NOT NULL REFERENCES districts(code));"
	"CREATE TABLE communities ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  district_code TEXT NOT NULL REFERENCES districts(code),"
	"  centre_id INTEGER NOT NULL REFERENCES centres(id));"
	"CREATE TABLE staff ("
	"  id INTEGER PRIMARY KEY,"
	"  username TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  role TEXT NOT NULL"
	"    CHECK (role IN ('clerk', 'grid', 'supervisor', 'admin')),"
	"  centre_id INTEGER REFERENCES centres(id),"
	"  phone TEXT,"
	"  password_hash TEXT NOT NULL,"
	"  active INTEGER NOT NULL DEFAULT 1);"
	"CREATE TABLE grids ("
	"  id INTEGER PRIMARY KEY,"
	"  community_id INTEGER NOT NULL REFERENCES communities(id),"
	"  name TEXT NOT NULL,"
	"  member_id INTEGER REFERENCES staff(id));"
	"CREATE TABLE households ("
	"  id INTEGER PRIMARY KEY,"
	"  community_id INTEGER NOT NULL REFERENCES communities(id),"
	"  grid_id INTEGER REFERENCES grids(id),"
	"  address TEXT NOT NULL);"
	"CREATE TABLE residents ("
	"  id INTEGER PRIMARY KEY,"
	"  id_number TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),"
	"  birth_date TEXT NOT NULL,"
	"  ethnicity TEXT NOT NULL DEFAULT '汉族',"
	"  phone TEXT,"
	"  address TEXT NOT NULL,"
	"  community_id INTEGER NOT NULL REFERENCES communities(id),"
	"  grid_id INTEGER REFERENCES grids(id),"
	"  household_id INTEGER REFERENCES households(id),"
	"  relation TEXT NOT NULL DEFAULT '户主',"
	"  tags TEXT NOT NULL DEFAULT '',"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  updated_at TEXT NOT NULL);"
	"CREATE INDEX residents_name ON residents(name);"
	"CREATE INDEX residents_phone ON residents(phone);"
	"CREATE INDEX residents_household ON residents(household_id);"
	"CREATE INDEX residents_community ON residents(community_id);"
	"CREATE TABLE sessions ("
	"  token_hash TEXT PRIMARY KEY,"
	"  staff_id INTEGER NOT NULL REFERENCES staff(id),"
	"  counter TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  last_seen INTEGER NOT NULL,"
	"  addr TEXT);"
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  staff_id INTEGER,"
	"  username TEXT,"
	"  action TEXT NOT NULL,"
	"  object TEXT NOT NULL DEFAULT '',"
	"  detail TEXT NOT NULL DEFAULT '',"
	"  addr TEXT NOT NULL DEFAULT '',"
	"  hash TEXT NOT NULL);",
};

size_t
migrations_count(void)
{
	return (sizeof migration_list / sizeof *migration_list);
}

const char *
migrations_get(size_t i)
{
	return (i < migrations_count() ? migration_list[i] : NULL);
}
