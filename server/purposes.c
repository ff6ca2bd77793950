/* The departments and their purposes (docs/api.md 23). */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "purposes.h"

void
purpose_add_department(struct db *db, cJSON *o, long long staff_id)
{
	struct db_stmt	*st;
	cJSON		*d;

	if (db_query(db, &st, "SELECT d.code, d.name FROM staff s JOIN "
	    "departments d ON d.code = s.department WHERE s.id = ?", "l",
	    staff_id) == 1) {
		d = cJSON_AddObjectToObject(o, "department");
		cJSON_AddStringToObject(d, "code", db_text(st, 0));
		cJSON_AddStringToObject(d, "name", db_text(st, 1));
	} else
		cJSON_AddNullToObject(o, "department");
	db_reset(st);
}

int
purpose_staff_department(struct db *db, long long staff_id, char *out)
{
	struct db_stmt	*st;
	int		 rc;

	rc = db_query(db, &st, "SELECT department FROM staff WHERE id = ? "
	    "AND department IS NOT NULL", "l", staff_id);
	if (rc == 1)
		snprintf(out, 16, "%s", db_text(st, 0));
	db_reset(st);
	return (rc == 1 ? 0 : -1);
}

/* The columns a purpose is read from, the purpose row p joined to its
 * department d. */
#define PURPOSE_COLS "p.id, p.code, p.department, d.name, p.name, " \
	"p.basis, p.fields, p.consent, p.consent_days FROM purposes p JOIN " \
	"departments d ON d.code = p.department"

/* The purpose of a row of PURPOSE_COLS into p. */
static void
purpose_row(struct db_stmt *st, struct purpose *p)
{
	p->id = db_int(st, 0);
	snprintf(p->code, sizeof p->code, "%s", db_text(st, 1));
	snprintf(p->dept, sizeof p->dept, "%s", db_text(st, 2));
	snprintf(p->dept_name, sizeof p->dept_name, "%s", db_text(st, 3));
	snprintf(p->name, sizeof p->name, "%s", db_text(st, 4));
	snprintf(p->basis, sizeof p->basis, "%s", db_text(st, 5));
	snprintf(p->fields, sizeof p->fields, "%s", db_text(st, 6));
	snprintf(p->consent, sizeof p->consent, "%s", db_text(st, 7));
	p->consent_days = db_null(st, 8) ? 0 : db_int(st, 8);
}

int
purpose_load(struct db *db, const char *code, struct purpose *p)
{
	struct db_stmt	*st;
	int		 rc;

	rc = db_query(db, &st, "SELECT " PURPOSE_COLS " WHERE p.code = ? AND "
	    "p.active = 1", "t", code);
	if (rc == 1)
		purpose_row(st, p);
	db_reset(st);
	return (rc == 1 ? 0 : -1);
}

int
purpose_list(struct db *db, const char *dept, cJSON *items)
{
	struct db_stmt	*st;
	struct purpose	 p;
	int		 rc;

	rc = db_query(db, &st, "SELECT " PURPOSE_COLS " WHERE p.active = 1 "
	    "AND (? = '' OR p.department = ?) ORDER BY p.department, p.code",
	    "tt", dept, dept);
	while (rc == 1) {
		purpose_row(st, &p);
		cJSON_AddItemToArray(items, purpose_json(&p));
		rc = db_step(st);
	}
	db_reset(st);
	return (rc < 0 ? -1 : 0);
}

cJSON *
purpose_json(const struct purpose *p)
{
	cJSON		*o = cJSON_CreateObject(), *d, *f;
	char		 fields[256], *s, *save = NULL;

	cJSON_AddStringToObject(o, "code", p->code);
	d = cJSON_AddObjectToObject(o, "department");
	cJSON_AddStringToObject(d, "code", p->dept);
	cJSON_AddStringToObject(d, "name", p->dept_name);
	cJSON_AddStringToObject(o, "name", p->name);
	cJSON_AddStringToObject(o, "basis", p->basis);
	f = cJSON_AddArrayToObject(o, "fields");
	snprintf(fields, sizeof fields, "%s", p->fields);
	for (s = strtok_r(fields, ",", &save); s != NULL;
	    s = strtok_r(NULL, ",", &save))
		cJSON_AddItemToArray(f, cJSON_CreateString(s));
	cJSON_AddStringToObject(o, "consent", p->consent);
	if (p->consent_days > 0)
		cJSON_AddNumberToObject(o, "consent_days",
		    (double)p->consent_days);
	else
		cJSON_AddNullToObject(o, "consent_days");
	cJSON_AddBoolToObject(o, "active", 1);
	return (o);
}

int
purpose_has_field(const struct purpose *p, const char *field)
{
	const char	*s = p->fields;
	size_t		 n = strlen(field);

	while ((s = strstr(s, field)) != NULL) {
		if ((s == p->fields || s[-1] == ',') &&
		    (s[n] == '\0' || s[n] == ','))
			return (1);
		s += n;
	}
	return (0);
}
