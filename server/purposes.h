/*
 * The departments and the purposes they read residents for (docs/api.md
 * 23): a department account belongs to one department, and each
 * purpose names its department, legal basis, the fields it may see and
 * whose consent it needs.
 */
#ifndef SERVER_PURPOSES_H
#define SERVER_PURPOSES_H

#include <cjson/cJSON.h>

struct db;
struct db_stmt;

struct purpose {
	long long	 id;
	char		 code[40];
	char		 dept[16];
	char		 dept_name[64];
	char		 name[256];
	char		 basis[1024];
	char		 fields[256];
	char		 consent[24];
	long long	 consent_days;	/* 0 for none */
};

/* Adds "department" ({code, name}, or null when it has none) of the
 * staff account to o. */
void	 purpose_add_department(struct db *, cJSON *o, long long staff_id);
/* The staff account's department code into out[16]; 0, or -1 when it
 * has none. */
int	 purpose_staff_department(struct db *, long long staff_id, char *out);
/* The active purpose of code into p: 0, or -1 when there is none. */
int	 purpose_load(struct db *, const char *code, struct purpose *p);
/* Appends the Purpose object of each active purpose of department
 * dept (every department's when dept is "") to items, by department
 * and code: 0, or -1 on a database fault. */
int	 purpose_list(struct db *, const char *dept, cJSON *items);
/* The Purpose object of p. */
cJSON	*purpose_json(const struct purpose *p);
/* 1 when field is one of p's fields. */
int	 purpose_has_field(const struct purpose *p, const char *field);

#endif
