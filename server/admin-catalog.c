/*
 * `bianmind admin catalog import FILE | export [FILE]`: the service
 * catalogue (categories, services with their conditions, materials,
 * time limits, fees and forms) and the certificate types with their
 * legal basis, as one JSON file (docs/catalog.md, catalog.schema.json).
 * An import is checked whole before anything is written; a service the
 * file leaves out is deleted when no application names it, else
 * withdrawn; a category or certificate type still in use is kept.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "admin-common.h"
#include "clock.h"
#include "db.h"
#include "fees.h"
#include "json-print.h"
#include "json.h"
#include "pinyin.h"
#include "settings.h"
#include "valid.h"
#include "../util/xmalloc.h"

#define CATALOG_FORMAT	"bianmin-catalog"
#define CATALOG_VERSION	1

struct cat {
	struct admin	*a;
	const char	*file;
	cJSON		*root;
	int		 errors;
	int		 created, updated, unchanged, withdrawn, deleted, kept;
	char		 now[32];
};

static void	cat_error(struct cat *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

/* Says what is wrong where (a JSON path); the check goes on. */
static void
cat_error(struct cat *c, const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "%s: ", c->file);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	c->errors++;
}

/* A string member of 1 to max characters (0 to max when optional;
 * null allowed when nullable); NULL otherwise. */
static const char *
str(struct cat *c, const cJSON *o, const char *path, const char *key,
    size_t max, int nullable)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (nullable && (v == NULL || cJSON_IsNull(v)))
		return (NULL);
	if (!cJSON_IsString(v) || (v->valuestring[0] == '\0' && !nullable) ||
	    strlen(v->valuestring) > max * 4 ||
	    !valid_controls(v->valuestring, 1)) {
		cat_error(c, "%s.%s: a string of 1 to %zu characters is "
		    "needed", path, key, max);
		return (NULL);
	}
	return (v->valuestring);
}

/* A whole number member >= 0 (or null when nullable: -1). */
static long long
num(struct cat *c, const cJSON *o, const char *path, const char *key,
    int nullable)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);
	double		 d;

	if (nullable && (v == NULL || cJSON_IsNull(v)))
		return (-1);
	d = cJSON_GetNumberValue(v);
	if (!cJSON_IsNumber(v) || d < 0 || d > 1e12 || d != (long long)d) {
		cat_error(c, "%s.%s: a whole number, 0 or more, is needed",
		    path, key);
		return (-2);
	}
	return ((long long)d);
}

/* A member of the given cJSON type (cJSON_Array, cJSON_Object). */
static const cJSON *
member(struct cat *c, const cJSON *o, const char *path, const char *key,
    int type)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (v == NULL || (v->type & 0xff) != type) {
		cat_error(c, "%s.%s: %s needed", path, key, type ==
		    cJSON_Array ? "an array is" : "an object is");
		return (NULL);
	}
	return (v);
}

/* The community id of a code, 0 when the database has none. */
static long long
community_id(struct db *db, const char *code)
{
	struct db_stmt	*st;
	long long	 id = 0;

	if (db_query(db, &st, "SELECT id FROM communities WHERE code = ?",
	    "t", code) == 1)
		id = db_int(st, 0);
	db_reset(st);
	return (id);
}

/* The community code of an id, "" when none. Caller frees. */
static char *
community_code(struct db *db, long long id)
{
	struct db_stmt	*st;
	char		*code;

	code = xstrdup(db_query(db, &st, "SELECT code FROM communities WHERE "
	    "id = ?", "l", id) == 1 ? db_text(st, 0) : "");
	db_reset(st);
	return (code);
}

/* Conditions as stored: a community condition's codes become this
 * database's ids (to_ids) or the other way round. Returns a new copy. */
static cJSON *
conditions_map(struct cat *c, const cJSON *list, const char *path,
    int to_ids)
{
	cJSON		*out = cJSON_Duplicate(list, 1), *cond, *v, *n;
	const char	*type;
	char		*code;
	long long	 id;
	int		 i = 0;

	cJSON_ArrayForEach(cond, out) {
		type = cJSON_GetStringValue(cJSON_GetObjectItem(cond, "type"));
		if (type == NULL || (strcmp(type, "min_age") != 0 &&
		    strcmp(type, "max_age") != 0 && strcmp(type, "tag") != 0 &&
		    strcmp(type, "community") != 0)) {
			cat_error(c, "%s.conditions[%d].type: min_age, max_age, "
			    "tag or community", path, i);
			continue;
		}
		i++;
		if (strcmp(type, "community") != 0)
			continue;
		cJSON_ArrayForEach(v, cJSON_GetObjectItem(cond, "value")) {
			if (to_ids && cJSON_IsString(v)) {
				if ((id = community_id(c->a->db,
				    v->valuestring)) == 0)
					cat_error(c, "%s: no community %s (import "
					    "the organisation first)", path,
					    v->valuestring);
				n = cJSON_CreateNumber((double)id);
			} else if (!to_ids && cJSON_IsNumber(v)) {
				code = community_code(c->a->db,
				    (long long)v->valuedouble);
				n = cJSON_CreateString(code);
				free(code);
			} else {
				cat_error(c, "%s: a community condition lists "
				    "community codes", path);
				continue;
			}
			cJSON_ReplaceItemViaPointer(cJSON_GetObjectItem(cond,
			    "value"), v, n);
			v = n;
		}
	}
	return (out);
}

/* The string member key of o, or "" (never NULL). */
static const char *
text_member(const cJSON *o, const char *key)
{
	const char	*v = cJSON_GetStringValue(cJSON_GetObjectItem(o, key));

	return (v != NULL ? v : "");
}

/* Compact JSON text of v. Caller frees. */
static char *
text_of(const cJSON *v)
{
	char	*s = json_print(v);

	if (s == NULL)
		fatal("out of memory printing JSON");
	return (s);
}

/* --- export ------------------------------------------------------- */

/* Adds key: the text of column col, or null. */
static void
json_add_or_null(cJSON *o, const char *key, struct db_stmt *st, int col)
{
	if (db_null(st, col))
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddStringToObject(o, key, db_text(st, col));
}

/* Adds key: the stored JSON text parsed (null when it is none). */
static void
add_stored(cJSON *o, const char *key, const char *text)
{
	cJSON	*v = *text != '\0' ? cJSON_Parse(text) : NULL;

	cJSON_AddItemToObject(o, key, v != NULL ? v : cJSON_CreateNull());
}

static void
export_categories(struct cat *c, cJSON *root)
{
	cJSON		*list = cJSON_AddArrayToObject(root, "categories"), *o;
	struct db_stmt	*st;
	int		 rc;

	rc = db_query(c->a->db, &st, "SELECT code, name, name_en, queue_prefix "
	    "FROM service_categories ORDER BY id", "");
	for (; rc == 1; rc = db_step(st)) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "code", db_text(st, 0));
		cJSON_AddStringToObject(o, "name", db_text(st, 1));
		cJSON_AddStringToObject(o, "name_en", db_text(st, 2));
		cJSON_AddStringToObject(o, "queue_prefix", db_text(st, 3));
		cJSON_AddItemToArray(list, o);
	}
	db_reset(st);
}

static void
export_services(struct cat *c, cJSON *root)
{
	cJSON		*list = cJSON_AddArrayToObject(root, "services"), *o;
	cJSON		*conds;
	struct db_stmt	*st;
	int		 rc;

	rc = db_query(c->a->db, &st, "SELECT s.txcode, s.item_code, s.name, "
	    "s.name_en, k.code, s.conditions, s.materials, s.time_limit_days, "
	    "s.fee_fen, s.department, s.approval_chain, s.form, s.withdrawn, "
	    "s.one_open, s.fee_basis, s.fee_reliefs, s.fee_cases FROM services "
	    "s JOIN service_categories k ON k.id = s.category_id ORDER BY "
	    "s.id", "");
	for (; rc == 1; rc = db_step(st)) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "txcode", db_text(st, 0));
		cJSON_AddStringToObject(o, "item_code", db_text(st, 1));
		cJSON_AddStringToObject(o, "name", db_text(st, 2));
		cJSON_AddStringToObject(o, "name_en", db_text(st, 3));
		cJSON_AddStringToObject(o, "category", db_text(st, 4));
		conds = cJSON_Parse(db_text(st, 5));
		cJSON_AddItemToObject(o, "conditions", conditions_map(c, conds,
		    db_text(st, 0), 0));
		cJSON_Delete(conds);
		add_stored(o, "materials", db_text(st, 6));
		cJSON_AddNumberToObject(o, "time_limit_days",
		    (double)db_int(st, 7));
		cJSON_AddNumberToObject(o, "fee_fen", (double)db_int(st, 8));
		cJSON_AddStringToObject(o, "department", db_text(st, 9));
		add_stored(o, "approval_chain", db_text(st, 10));
		add_stored(o, "form", db_text(st, 11));
		cJSON_AddBoolToObject(o, "withdrawn", db_int(st, 12) != 0);
		cJSON_AddBoolToObject(o, "one_open", db_int(st, 13) != 0);
		json_add_nullable(o, "fee_basis", db_text(st, 14));
		add_stored(o, "fee_reliefs", db_text(st, 15));
		add_stored(o, "fee_cases", db_text(st, 16));
		cJSON_AddItemToArray(list, o);
	}
	db_reset(st);
}

static void
export_cert_types(struct cat *c, cJSON *root)
{
	cJSON		*list, *o;
	struct db_stmt	*st;
	int		 rc;

	list = cJSON_AddArrayToObject(root, "certificate_types");
	rc = db_query(c->a->db, &st, "SELECT code, name, status, basis, "
	    "alternative, purpose, validity_days, template, promise FROM "
	    "certificate_types ORDER BY id", "");
	for (; rc == 1; rc = db_step(st)) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "code", db_text(st, 0));
		cJSON_AddStringToObject(o, "name", db_text(st, 1));
		cJSON_AddStringToObject(o, "status", db_text(st, 2));
		cJSON_AddStringToObject(o, "basis", db_text(st, 3));
		json_add_or_null(o, "alternative", st, 4);
		json_add_or_null(o, "purpose", st, 5);
		if (db_null(st, 6))
			cJSON_AddNullToObject(o, "validity_days");
		else
			cJSON_AddNumberToObject(o, "validity_days",
			    (double)db_int(st, 6));
		add_stored(o, "template", db_null(st, 7) ? "" : db_text(st, 7));
		cJSON_AddBoolToObject(o, "promise", db_int(st, 8) != 0);
		cJSON_AddItemToArray(list, o);
	}
	db_reset(st);
}

static int
catalog_export(struct admin *a, const char *file)
{
	struct cat	 c;
	cJSON		*root;
	char		*text;
	FILE		*f;
	int		 rc;

	memset(&c, 0, sizeof c);
	c.a = a;
	c.file = "export";
	if ((rc = admin_open(a)) != 0)
		return (rc);
	root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "format", CATALOG_FORMAT);
	cJSON_AddNumberToObject(root, "version", CATALOG_VERSION);
	cJSON_AddNumberToObject(root, "promise_ban_days", (double)settings_int(
	    a->db, SETTING_PROMISE_BAN_DAYS, PROMISE_BAN_DAYS_DEFAULT));
	export_categories(&c, root);
	export_services(&c, root);
	export_cert_types(&c, root);
	text = cJSON_Print(root);
	cJSON_Delete(root);
	if ((f = admin_output(file)) == NULL) {
		free(text);
		return (1);
	}
	fprintf(f, "%s\n", text);
	free(text);
	if ((f != stdout && fclose(f) != 0) || (f == stdout && fflush(f)))
		return (admin_fail("cannot write %s", file));
	return (c.errors == 0 ? 0 : 1);
}

/* --- import ------------------------------------------------------- */

/* The categories: codes and queue prefixes each once. */
static void
check_categories(struct cat *c, const cJSON *list)
{
	const cJSON	*o, *p;
	char		 path[48];
	int		 i = 0, j;

	cJSON_ArrayForEach(o, list) {
		snprintf(path, sizeof path, "categories[%d]", i);
		str(c, o, path, "code", 8, 0);
		str(c, o, path, "name", 30, 0);
		str(c, o, path, "name_en", 80, 0);
		if (str(c, o, path, "queue_prefix", 1, 0) != NULL &&
		    !valid_pattern(cJSON_GetStringValue(cJSON_GetObjectItem(o,
		    "queue_prefix")), "[A-Z]"))
			cat_error(c, "%s.queue_prefix: one capital letter",
			    path);
		j = 0;
		cJSON_ArrayForEach(p, list) {
			if (j++ < i && cJSON_Compare(cJSON_GetObjectItem(p,
			    "code"), cJSON_GetObjectItem(o, "code"), 1))
				cat_error(c, "%s.code: twice in the file", path);
		}
		i++;
	}
}

/* 1 if the file's categories have this code. */
static int
category_in_file(const cJSON *root, const char *code)
{
	const cJSON	*o;

	cJSON_ArrayForEach(o, cJSON_GetObjectItem(root, "categories")) {
		if (strcmp(text_member(o, "code"), code) == 0)
			return (1);
	}
	return (0);
}

/* An optional boolean member: true, false, null or absent. */
static void
opt_bool(struct cat *c, const cJSON *o, const char *path, const char *key)
{
	const cJSON	*v = cJSON_GetObjectItem(o, key);

	if (v != NULL && !cJSON_IsNull(v) && !cJSON_IsBool(v))
		cat_error(c, "%s.%s: true or false", path, key);
}

/* A service's materials: a name each, defer_days (容缺, docs/api.md
 * 8) a whole number of working days from 1 to 60 when given, and
 * promise (告知承诺) true or false. */
static void
check_materials(struct cat *c, const cJSON *list, const char *path)
{
	const cJSON	*m, *v;
	char		 at[80];
	int		 i = 0;

	cJSON_ArrayForEach(m, list) {
		snprintf(at, sizeof at, "%s.materials[%d]", path, i++);
		str(c, m, at, "name", 50, 0);
		v = cJSON_GetObjectItem(m, "defer_days");
		if (v != NULL && !cJSON_IsNull(v) && (!cJSON_IsNumber(v) ||
		    v->valuedouble != (int)v->valuedouble ||
		    v->valuedouble < 1 || v->valuedouble > 60))
			cat_error(c, "%s.defer_days: working days, 1 to 60",
			    at);
		opt_bool(c, m, at, "promise");
	}
}

/* A service's fee cases (optional): each an option of its form. */
static void
check_fee_cases(struct cat *c, const cJSON *o, const char *path)
{
	const cJSON	*v = cJSON_GetObjectItem(o, "fee_cases"), *k;
	const char	*why;
	int		 i = 0;

	if (v == NULL || cJSON_IsNull(v))
		return;
	if (!cJSON_IsArray(v)) {
		cat_error(c, "%s.fee_cases: an array is needed", path);
		return;
	}
	cJSON_ArrayForEach(k, v) {
		if ((why = fee_case_invalid(k, cJSON_GetObjectItem(o,
		    "form"))) != NULL)
			cat_error(c, "%s.fee_cases[%d]: %s", path, i, why);
		i++;
	}
}

/* A service's fee rule (optional): its basis, its reliefs and its
 * cases. */
static void
check_fee_rule(struct cat *c, const cJSON *o, const char *path)
{
	const cJSON	*v = cJSON_GetObjectItem(o, "fee_reliefs"), *r;
	const char	*why;
	int		 i = 0;

	str(c, o, path, "fee_basis", 500, 1);
	check_fee_cases(c, o, path);
	if (v == NULL || cJSON_IsNull(v))
		return;
	if (!cJSON_IsArray(v)) {
		cat_error(c, "%s.fee_reliefs: an array is needed", path);
		return;
	}
	cJSON_ArrayForEach(r, v) {
		if ((why = fee_relief_invalid(r, (long long)cJSON_GetNumberValue(
		    cJSON_GetObjectItem(o, "fee_fen")))) != NULL)
			cat_error(c, "%s.fee_reliefs[%d]: %s", path, i, why);
		i++;
	}
}

/* One service's members. */
static void
check_service(struct cat *c, const cJSON *o, const char *path)
{
	const char	*txcode, *cat;
	const cJSON	*v;
	cJSON		*mapped;

	if ((txcode = str(c, o, path, "txcode", 4, 0)) != NULL &&
	    !valid_pattern(txcode, "[0-9]{4}"))
		cat_error(c, "%s.txcode: four digits", path);
	str(c, o, path, "item_code", 64, 0);
	str(c, o, path, "name", 50, 0);
	str(c, o, path, "name_en", 200, 0);
	str(c, o, path, "department", 60, 0);
	if ((cat = str(c, o, path, "category", 8, 0)) != NULL &&
	    !category_in_file(c->root, cat))
		cat_error(c, "%s.category: %s is not among the categories",
		    path, cat);
	num(c, o, path, "time_limit_days", 0);
	num(c, o, path, "fee_fen", 0);
	if ((v = member(c, o, path, "conditions", cJSON_Array)) != NULL) {
		mapped = conditions_map(c, v, path, 1);
		cJSON_Delete(mapped);
	}
	if ((v = member(c, o, path, "materials", cJSON_Array)) != NULL)
		check_materials(c, v, path);
	member(c, o, path, "approval_chain", cJSON_Array);
	if ((v = member(c, o, path, "form", cJSON_Object)) != NULL &&
	    !cJSON_IsArray(cJSON_GetObjectItem(v, "sections")))
		cat_error(c, "%s.form.sections: an array is needed", path);
	v = cJSON_GetObjectItem(o, "withdrawn");
	if (v != NULL && !cJSON_IsBool(v))
		cat_error(c, "%s.withdrawn: true or false", path);
	v = cJSON_GetObjectItem(o, "one_open");
	if (v != NULL && !cJSON_IsBool(v))
		cat_error(c, "%s.one_open: true or false", path);
	check_fee_rule(c, o, path);
}

static void
check_services(struct cat *c, const cJSON *list)
{
	const cJSON	*o, *p;
	char		 path[48];
	int		 i = 0, j;

	cJSON_ArrayForEach(o, list) {
		snprintf(path, sizeof path, "services[%d]", i);
		check_service(c, o, path);
		j = 0;
		cJSON_ArrayForEach(p, list) {
			if (j++ < i && cJSON_Compare(cJSON_GetObjectItem(p,
			    "txcode"), cJSON_GetObjectItem(o, "txcode"), 1))
				cat_error(c, "%s.txcode: twice in the file",
				    path);
		}
		i++;
	}
}

static void
check_cert_types(struct cat *c, const cJSON *list)
{
	const cJSON	*o, *t;
	const char	*status;
	char		 path[48];
	int		 i = 0;

	cJSON_ArrayForEach(o, list) {
		snprintf(path, sizeof path, "certificate_types[%d]", i++);
		str(c, o, path, "code", 32, 0);
		str(c, o, path, "name", 50, 0);
		str(c, o, path, "basis", 500, 0);
		str(c, o, path, "alternative", 500, 1);
		str(c, o, path, "purpose", 200, 1);
		num(c, o, path, "validity_days", 1);
		status = str(c, o, path, "status", 16, 0);
		t = cJSON_GetObjectItem(o, "template");
		if (status != NULL && strcmp(status, "retained") != 0 &&
		    strcmp(status, "cancelled") != 0)
			cat_error(c, "%s.status: retained or cancelled", path);
		else if (status != NULL && strcmp(status, "retained") == 0 &&
		    !cJSON_IsObject(t))
			cat_error(c, "%s.template: a retained type needs its "
			    "template", path);
		opt_bool(c, o, path, "promise");
		if (status != NULL && strcmp(status, "cancelled") == 0 &&
		    cJSON_IsTrue(cJSON_GetObjectItem(o, "promise")))
			cat_error(c, "%s.promise: a cancelled type is not "
			    "issued, on a promise or otherwise", path);
	}
}

/* The file's outline, then every part. */
static int
check_all(struct cat *c)
{
	const cJSON	*v = cJSON_GetObjectItem(c->root, "version");

	if (!cJSON_IsObject(c->root) || strcmp(text_member(c->root,
	    "format"), CATALOG_FORMAT) != 0) {
		cat_error(c, "not a catalogue: \"format\" must be \"%s\"",
		    CATALOG_FORMAT);
		return (-1);
	}
	if (!cJSON_IsNumber(v) || v->valuedouble != CATALOG_VERSION) {
		cat_error(c, "format version %g: this bianmind reads version %d",
		    cJSON_GetNumberValue(v), CATALOG_VERSION);
		return (-1);
	}
	v = cJSON_GetObjectItem(c->root, "promise_ban_days");
	if (v != NULL && !cJSON_IsNull(v) && (!cJSON_IsNumber(v) ||
	    v->valuedouble != (int)v->valuedouble || v->valuedouble < 1 ||
	    v->valuedouble > 3650))
		cat_error(c, "$.promise_ban_days: days, 1 to 3650");
	if ((v = member(c, c->root, "$", "categories", cJSON_Array)) != NULL)
		check_categories(c, v);
	if ((v = member(c, c->root, "$", "services", cJSON_Array)) != NULL)
		check_services(c, v);
	if ((v = member(c, c->root, "$", "certificate_types",
	    cJSON_Array)) != NULL)
		check_cert_types(c, v);
	return (c->errors == 0 ? 0 : -1);
}

/* Runs sql once, counting it as created or updated by have. */
static int
write_row(struct cat *c, int have, int same)
{
	if (same)
		c->unchanged++;
	else if (have)
		c->updated++;
	else
		c->created++;
	return (0);
}

static int
apply_category(struct cat *c, const cJSON *o)
{
	struct db	*db = c->a->db;
	struct db_stmt	*st;
	const char	*code = cJSON_GetStringValue(cJSON_GetObjectItem(o, "code"));
	const char	*name = cJSON_GetStringValue(cJSON_GetObjectItem(o, "name"));
	const char	*en = cJSON_GetStringValue(cJSON_GetObjectItem(o,
			    "name_en"));
	const char	*prefix = cJSON_GetStringValue(cJSON_GetObjectItem(o,
			    "queue_prefix"));
	int		 have, same = 0;

	have = db_query(db, &st, "SELECT name, name_en, queue_prefix FROM "
	    "service_categories WHERE code = ?", "t", code);
	if (have == 1)
		same = strcmp(db_text(st, 0), name) == 0 && strcmp(db_text(st,
		    1), en) == 0 && strcmp(db_text(st, 2), prefix) == 0;
	db_reset(st);
	if (have < 0)
		return (-1);
	if (!same && db_exec(db, have ? "UPDATE service_categories SET "
	    "name = ?, name_en = ?, queue_prefix = ? WHERE code = ?4" :
	    "INSERT INTO service_categories (name, name_en, queue_prefix, "
	    "code) VALUES (?, ?, ?, ?)", "tttt", name, en, prefix, code) != 0)
		return (-1);
	return (write_row(c, have, same));
}

/* The texts a service row keeps, from the file. */
struct svc_text {
	char	*conditions, *materials, *chain, *form, *reliefs, *cases;
	char	 pinyin[64];
};

static void
svc_text_make(struct cat *c, const cJSON *o, struct svc_text *t)
{
	cJSON	*conds;

	conds = conditions_map(c, cJSON_GetObjectItem(o, "conditions"),
	    "", 1);
	t->conditions = text_of(conds);
	cJSON_Delete(conds);
	t->materials = text_of(cJSON_GetObjectItem(o, "materials"));
	t->chain = text_of(cJSON_GetObjectItem(o, "approval_chain"));
	t->form = text_of(cJSON_GetObjectItem(o, "form"));
	t->reliefs = fee_reliefs_text(cJSON_GetObjectItem(o, "fee_reliefs"));
	t->cases = fee_cases_text(cJSON_GetObjectItem(o, "fee_cases"));
	pinyin_initials(cJSON_GetStringValue(cJSON_GetObjectItem(o, "name")),
	    t->pinyin, sizeof t->pinyin);
}

static void
svc_text_free(struct svc_text *t)
{
	free(t->conditions);
	free(t->materials);
	free(t->chain);
	free(t->form);
	free(t->reliefs);
	free(t->cases);
}

#define SVC_S(k)	cJSON_GetStringValue(cJSON_GetObjectItem(o, k))
#define SVC_N(k)	((long long)cJSON_GetNumberValue(cJSON_GetObjectItem(o, k)))

static int
apply_service(struct cat *c, const cJSON *o)
{
	struct db	*db = c->a->db;
	struct db_stmt	*st;
	struct svc_text	 t;
	const char	*basis;
	int		 have, same = 0, withdrawn, one_open, rc = -1;

	withdrawn = cJSON_IsTrue(cJSON_GetObjectItem(o, "withdrawn"));
	basis = cJSON_GetStringValue(cJSON_GetObjectItem(o, "fee_basis"));
	/* one open application at a time unless the file says not */
	one_open = !cJSON_IsFalse(cJSON_GetObjectItem(o, "one_open"));
	svc_text_make(c, o, &t);
	have = db_query(db, &st, "SELECT s.item_code, s.name, s.name_en, "
	    "k.code, s.conditions, s.materials, s.time_limit_days, s.fee_fen, "
	    "s.department, s.approval_chain, s.form, s.withdrawn, s.one_open, "
	    "coalesce(s.fee_basis, ''), s.fee_reliefs, s.fee_cases FROM "
	    "services s JOIN service_categories k ON k.id = s.category_id "
	    "WHERE s.txcode = ?", "t", SVC_S("txcode"));
	if (have == 1)
		same = !strcmp(db_text(st, 0), SVC_S("item_code")) &&
		    !strcmp(db_text(st, 1), SVC_S("name")) &&
		    !strcmp(db_text(st, 2), SVC_S("name_en")) &&
		    !strcmp(db_text(st, 3), SVC_S("category")) &&
		    !strcmp(db_text(st, 4), t.conditions) &&
		    !strcmp(db_text(st, 5), t.materials) &&
		    db_int(st, 6) == SVC_N("time_limit_days") &&
		    db_int(st, 7) == SVC_N("fee_fen") &&
		    !strcmp(db_text(st, 8), SVC_S("department")) &&
		    !strcmp(db_text(st, 9), t.chain) &&
		    !strcmp(db_text(st, 10), t.form) &&
		    db_int(st, 11) == withdrawn && db_int(st, 12) == one_open &&
		    !strcmp(db_text(st, 13), basis != NULL ? basis : "") &&
		    !strcmp(db_text(st, 14), t.reliefs) &&
		    !strcmp(db_text(st, 15), t.cases);
	db_reset(st);
	if (have < 0)
		goto out;
	if (!same && db_exec(db, have ? "UPDATE services SET item_code = ?2, "
	    "name = ?3, name_en = ?4, pinyin = ?5, category_id = (SELECT id "
	    "FROM service_categories WHERE code = ?6), conditions = ?7, "
	    "materials = ?8, time_limit_days = ?9, fee_fen = ?10, "
	    "department = ?11, approval_chain = ?12, form = ?13, "
	    "updated_at = ?14, withdrawn = ?15, one_open = ?16, "
	    "fee_basis = ?17, fee_reliefs = ?18, fee_cases = ?19, "
	    "version = version + 1 "
	    "WHERE txcode = ?1" :
	    "INSERT INTO services (txcode, item_code, name, name_en, pinyin, "
	    "category_id, conditions, materials, time_limit_days, fee_fen, "
	    "department, approval_chain, form, updated_at, withdrawn, one_open, "
	    "fee_basis, fee_reliefs, fee_cases) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, (SELECT id FROM service_categories "
	    "WHERE code = ?6), ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
	    "?17, ?18, ?19)",
	    "ttttttttllttttddttt", SVC_S("txcode"), SVC_S("item_code"),
	    SVC_S("name"), SVC_S("name_en"), t.pinyin, SVC_S("category"),
	    t.conditions, t.materials, SVC_N("time_limit_days"),
	    SVC_N("fee_fen"), SVC_S("department"), t.chain, t.form, c->now,
	    withdrawn, one_open, basis, t.reliefs, t.cases) != 0)
		goto out;
	rc = write_row(c, have, same);
out:
	svc_text_free(&t);
	return (rc);
}

/* A certificate type's optional text member, or NULL for null. */
static const char *
opt(const cJSON *o, const char *key)
{
	return (cJSON_GetStringValue(cJSON_GetObjectItem(o, key)));
}

static int
apply_cert_type(struct cat *c, const cJSON *o)
{
	struct db	*db = c->a->db;
	struct db_stmt	*st;
	const cJSON	*tv = cJSON_GetObjectItem(o, "template");
	char		*tpl = cJSON_IsObject(tv) ? text_of(tv) : NULL;
	long long	 days = cJSON_IsNumber(cJSON_GetObjectItem(o,
			    "validity_days")) ? SVC_N("validity_days") : 0;
	int		 have, same = 0, rc = -1;
	int		 promise = cJSON_IsTrue(cJSON_GetObjectItem(o,
			    "promise"));

	have = db_query(db, &st, "SELECT name, status, basis, "
	    "coalesce(alternative, ''), coalesce(purpose, ''), "
	    "coalesce(validity_days, 0), coalesce(template, ''), promise "
	    "FROM certificate_types WHERE code = ?", "t", SVC_S("code"));
	if (have == 1)
		same = !strcmp(db_text(st, 0), SVC_S("name")) &&
		    !strcmp(db_text(st, 1), SVC_S("status")) &&
		    !strcmp(db_text(st, 2), SVC_S("basis")) &&
		    !strcmp(db_text(st, 3), text_member(o, "alternative")) &&
		    !strcmp(db_text(st, 4), text_member(o, "purpose")) &&
		    db_int(st, 5) == days &&
		    !strcmp(db_text(st, 6), tpl != NULL ? tpl : "") &&
		    db_int(st, 7) == promise;
	db_reset(st);
	if (have < 0)
		goto out;
	if (!same && db_exec(db, have ? "UPDATE certificate_types SET "
	    "name = ?2, status = ?3, basis = ?4, alternative = ?5, "
	    "purpose = ?6, validity_days = ?7, template = ?8, updated_at = ?9, "
	    "promise = ?10, version = version + 1 WHERE code = ?1" :
	    "INSERT INTO certificate_types (code, name, status, basis, "
	    "alternative, purpose, validity_days, template, updated_at, "
	    "promise) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "ttttttLttd",
	    SVC_S("code"), SVC_S("name"), SVC_S("status"), SVC_S("basis"),
	    opt(o, "alternative"), opt(o, "purpose"), days, tpl, c->now,
	    promise) != 0)
		goto out;
	rc = write_row(c, have, same);
out:
	free(tpl);
	return (rc);
}

/* 1 if key (a member of each object of list) has the value code. */
static int
listed(const cJSON *list, const char *key, const char *code)
{
	const cJSON	*o;

	cJSON_ArrayForEach(o, list) {
		if (strcmp(text_member(o, key), code) == 0)
			return (1);
	}
	return (0);
}

/* What the file leaves out: services no application names are deleted,
 * the others withdrawn; categories and certificate types in use stay. */
static int
retire(struct cat *c)
{
	static const struct {
		const char	*list, *key, *select, *used, *del;
	} kinds[] = {
		{ "services", "txcode", "SELECT txcode, withdrawn FROM "
		  "services", "SELECT count(*) FROM applications a JOIN "
		  "services s ON s.id = a.service_id WHERE s.txcode = ?",
		  "DELETE FROM services WHERE txcode = ?" },
		{ "categories", "code", "SELECT code, 0 FROM service_categories",
		  "SELECT (SELECT count(*) FROM services s JOIN "
		  "service_categories k ON k.id = s.category_id WHERE k.code = "
		  "?1) + (SELECT count(*) FROM tickets t JOIN service_categories "
		  "k ON k.id = t.category_id WHERE k.code = ?1)",
		  "DELETE FROM service_categories WHERE code = ?" },
		{ "certificate_types", "code", "SELECT code, 0 FROM "
		  "certificate_types", "SELECT count(*) FROM certificates x "
		  "JOIN certificate_types t ON t.id = x.type_id WHERE t.code = ?",
		  "DELETE FROM certificate_types WHERE code = ?" },
	};
	struct db	*db = c->a->db;
	struct db_stmt	*st, *use;
	char		**gone = NULL;
	size_t		 n = 0, i, k;
	int		 rc, used;

	for (k = 0; k < sizeof kinds / sizeof *kinds; k++) {
		rc = db_query(db, &st, kinds[k].select, "");
		for (; rc == 1; rc = db_step(st)) {
			if (!listed(cJSON_GetObjectItem(c->root, kinds[k].list),
			    kinds[k].key, db_text(st, 0)) && !(k == 0 &&
			    db_int(st, 1))) {
				gone = xreallocarray(gone, n + 1, sizeof *gone);
				gone[n++] = xstrdup(db_text(st, 0));
			}
		}
		db_reset(st);
		for (i = 0; i < n; i++) {
			used = db_query(db, &use, kinds[k].used, "t", gone[i])
			    == 1 && db_int(use, 0) > 0;
			db_reset(use);
			if (used && k == 0) {
				rc = db_exec(db, "UPDATE services SET withdrawn "
				    "= 1, version = version + 1, updated_at = ? "
				    "WHERE txcode = ?", "tt", c->now, gone[i]);
				c->withdrawn++;
			} else if (used) {
				fprintf(stderr, "bianmind: %s %s is not in the "
				    "file but still in use: kept\n",
				    kinds[k].list, gone[i]);
				c->kept++;
			} else {
				rc = db_exec(db, kinds[k].del, "t", gone[i]);
				c->deleted++;
			}
			free(gone[i]);
			if (rc < 0)
				break;
		}
		for (; i < n; i++)
			free(gone[i]);
		n = 0;
		if (rc < 0)
			break;
	}
	free(gone);
	return (rc < 0 ? -1 : 0);
}

/* The site's promise_ban_days (docs/catalog.md): the file's, or the
 * default when it sets none; counted as updated when it changes. */
static int
apply_settings(struct cat *c)
{
	const cJSON	*v = cJSON_GetObjectItem(c->root, "promise_ban_days");
	long long	 days = cJSON_IsNumber(v) ? (long long)v->valuedouble :
			    PROMISE_BAN_DAYS_DEFAULT;

	if (settings_int(c->a->db, SETTING_PROMISE_BAN_DAYS,
	    PROMISE_BAN_DAYS_DEFAULT) == days)
		return (0);
	c->updated++;
	return (settings_set_int(c->a->db, SETTING_PROMISE_BAN_DAYS, days));
}

/* Every part in order, in one transaction. */
static int
apply_all(struct cat *c)
{
	static const struct {
		const char	*list;
		int		(*apply)(struct cat *, const cJSON *);
	} parts[] = {
		{ "categories", apply_category },
		{ "services", apply_service },
		{ "certificate_types", apply_cert_type },
	};
	const cJSON	*o;
	char		 detail[128];
	size_t		 k;

	if (db_begin(c->a->db) != 0)
		return (-1);
	for (k = 0; k < sizeof parts / sizeof *parts; k++) {
		cJSON_ArrayForEach(o, cJSON_GetObjectItem(c->root,
		    parts[k].list)) {
			if (parts[k].apply(c, o) != 0)
				goto fail;
		}
	}
	if (retire(c) != 0 || apply_settings(c) != 0)
		goto fail;
	snprintf(detail, sizeof detail, "%d created, %d updated, %d "
	    "unchanged, %d withdrawn, %d deleted", c->created, c->updated,
	    c->unchanged, c->withdrawn, c->deleted);
	if (admin_audit(c->a, "catalog_import", c->file, detail) != 0 ||
	    db_commit(c->a->db) != 0)
		goto fail;
	printf("%s: %s\n", c->file, detail);
	return (0);
fail:
	db_rollback(c->a->db);
	return (-1);
}

static int
catalog_import(struct admin *a, const char *file)
{
	struct cat	 c;
	char		*data;
	size_t		 len;
	int		 rc;

	memset(&c, 0, sizeof c);
	c.a = a;
	c.file = file;
	clock_rfc3339(clock_now(), c.now);
	if ((data = admin_read_file(file, &len)) == NULL)
		return (1);
	c.root = cJSON_ParseWithLength(data, len);
	free(data);
	if (c.root == NULL)
		return (admin_fail("%s: not JSON", file));
	if ((rc = admin_open(a)) == 0) {
		if (check_all(&c) != 0)
			rc = admin_fail("%s: %d errors; nothing was imported",
			    file, c.errors);
		else if (apply_all(&c) != 0)
			rc = admin_fail("%s: %s; nothing was imported", file,
			    db_error(a->db));
	}
	cJSON_Delete(c.root);
	return (rc);
}

/* bianmind admin catalog: import or export the catalogue. */
static int
admin_catalog(struct admin *a)
{
	if (a->argc == 3 && strcmp(a->argv[1], "import") == 0)
		return (catalog_import(a, a->argv[2]));
	if ((a->argc == 2 || a->argc == 3) && strcmp(a->argv[1], "export") ==
	    0)
		return (catalog_export(a, a->argc == 3 ? a->argv[2] : NULL));
	return (ADMIN_USAGE);
}

const struct admin_command admin_catalog_command = {
	"catalog", admin_catalog,
	"catalog import FILE.json | catalog export [FILE]"
};
