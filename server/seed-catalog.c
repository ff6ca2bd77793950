/* Turns the catalog's fixed data into rows: JSON for conditions,
 * materials, approval chains and forms, built once at seed time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "db.h"
#include "json-print.h"
#include "pinyin.h"
#include "seed-catalog-data.h"
#include "seed-catalog.h"
#include "seed-certs-data.h"
#include "../util/xmalloc.h"

/* Messages for a failed tag condition. */
static const struct {
	const char	*tag, *message;
} tag_messages[] = {
	{ "low_income", "申请人须为低保或低收入家庭成员" },
	{ "disabled", "申请人须持有残疾人证" },
	{ "veteran", "申请人须为退役军人" },
	{ "party_member", "申请人须为中共党员" },
	{ "elderly_80", "申请人须年满80周岁" },
};

/* Adds "name": null or an integer, for optional bounds. */
static void
add_bound(cJSON *o, const char *name, long v)
{
	if (v < 0)
		cJSON_AddNullToObject(o, name);
	else
		cJSON_AddNumberToObject(o, name, (double)v);
}

/* Adds "name": null or the string. */
static void
add_text(cJSON *o, const char *name, const char *v)
{
	if (v == NULL)
		cJSON_AddNullToObject(o, name);
	else
		cJSON_AddStringToObject(o, name, v);
}

/* The Option list of value:label:label_en|... */
static cJSON *
options_json(const char *spec)
{
	cJSON	*list = cJSON_CreateArray(), *o;
	char	*copy = xstrdup(spec), *p = copy, *item, *value, *label;
	char	 initials[64];

	while ((item = strsep(&p, "|")) != NULL) {
		value = strsep(&item, ":");
		label = strsep(&item, ":");
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "value", value);
		cJSON_AddStringToObject(o, "label", label);
		cJSON_AddStringToObject(o, "label_en", item != NULL ? item :
		    label);
		pinyin_initials(label, initials, sizeof initials);
		cJSON_AddStringToObject(o, "pinyin", initials);
		cJSON_AddItemToArray(list, o);
	}
	free(copy);
	return (list);
}

/* A Field object; prefill may be NULL. */
static cJSON *
field_json(const struct seed_field *f, const char *prefill)
{
	cJSON	*o = cJSON_CreateObject();
	int	 text = strcmp(f->type, "text") == 0 ||
	    strcmp(f->type, "multiline") == 0;

	cJSON_AddStringToObject(o, "name", f->name);
	cJSON_AddStringToObject(o, "label", f->label);
	cJSON_AddStringToObject(o, "label_en", f->label_en);
	cJSON_AddStringToObject(o, "type", f->type);
	cJSON_AddBoolToObject(o, "required", f->required);
	add_bound(o, "min_length", text || strcmp(f->type, "multiselect") == 0 ?
	    f->min_length : -1);
	add_bound(o, "max_length", text || strcmp(f->type, "multiselect") == 0 ?
	    f->max_length : -1);
	add_text(o, "pattern", f->pattern);
	add_bound(o, "min", f->min);
	add_bound(o, "max", f->max);
	if (f->options != NULL)
		cJSON_AddItemToObject(o, "options", options_json(f->options));
	else
		cJSON_AddNullToObject(o, "options");
	if (f->def == NULL)
		cJSON_AddNullToObject(o, "default");
	else if (strcmp(f->type, "checkbox") == 0)
		cJSON_AddBoolToObject(o, "default", strcmp(f->def, "true") == 0);
	else
		cJSON_AddStringToObject(o, "default", f->def);
	add_text(o, "prefill", prefill);
	add_text(o, "help", f->help);
	return (o);
}

char *
seed_field_json(const struct seed_field *f, int certificate)
{
	cJSON	*o = field_json(f, NULL);
	char	*s = json_print(o);

	(void)certificate;
	cJSON_Delete(o);
	return (s);
}

/* The seed field called name (of length len). */
static const struct seed_field *
find_field(const char *name, size_t len)
{
	size_t	i;

	for (i = 0; i < seed_nfields; i++) {
		if (strlen(seed_fields[i].name) == len &&
		    strncmp(seed_fields[i].name, name, len) == 0)
			return (&seed_fields[i]);
	}
	fatal("%s: no seed field %.*s", __func__, (int)len, name);
}

/* Fields named in a space-separated list, appended to list. */
static void
add_named_fields(cJSON *list, const char *names)
{
	const char	*p = names;
	size_t		 n;

	while (p != NULL && *p != '\0') {
		n = strcspn(p, " ");
		if (n > 0)
			cJSON_AddItemToArray(list, field_json(find_field(p, n),
			    NULL));
		p += n + (p[n] == ' ');
	}
}

/* A section with its title and an empty field list; returns the list. */
static cJSON *
add_section(cJSON *sections, const char *title, const char *title_en)
{
	cJSON	*s = cJSON_CreateObject();

	cJSON_AddStringToObject(s, "title", title);
	cJSON_AddStringToObject(s, "title_en", title_en);
	cJSON_AddItemToArray(sections, s);
	return (cJSON_AddArrayToObject(s, "fields"));
}

/* The applicant's section: every field prefilled from the record. */
static void
applicant_section(cJSON *sections)
{
	static const struct seed_field	 f[] = {
		{ "name", "姓名", "Name", "text", 1, 1, 30, NULL, -1, -1, NULL,
		  NULL, NULL },
		{ "id_number", "公民身份号码", "ID number", "id_number", 1, 0,
		  0, NULL, -1, -1, NULL, NULL, "刷身份证自动填写" },
		{ "sex", "性别", "Sex", "select", 1, 0, 0, NULL, -1, -1,
		  "M:男:Male|F:女:Female", NULL, NULL },
		{ "age", "年龄", "Age", "number", 1, 0, 0, NULL, 0, 150, NULL,
		  NULL, NULL },
		{ "phone", "联系电话", "Phone", "phone", 1, 0, 0, NULL, -1, -1,
		  NULL, NULL, NULL },
		{ "address", "居住地址", "Address", "text", 1, 1, 100, NULL, -1,
		  -1, NULL, NULL, NULL },
		{ "community", "所属社区", "Community", "text", 1, 1, 30, NULL,
		  -1, -1, NULL, NULL, NULL },
	};
	static const char *const	 prefill[] = { "name", "id_number",
	    "sex", "age", "phone", "address", "community.name" };
	cJSON				*list;
	size_t				 i;

	list = add_section(sections, "申请人信息", "Applicant");
	for (i = 0; i < sizeof f / sizeof *f; i++)
		cJSON_AddItemToArray(list, field_json(&f[i], prefill[i]));
}

/* The agent's section and the closing one with materials and the
 * declaration. */
static void
closing_sections(cJSON *sections)
{
	static const struct seed_field	 agent[] = {
		{ "agent_name", "代办人姓名", "Agent name", "text", 0, 1, 30,
		  NULL, -1, -1, NULL, NULL, NULL },
		{ "agent_id_number", "代办人身份号码", "Agent ID number",
		  "id_number", 0, 0, 0, NULL, -1, -1, NULL, NULL, NULL },
		{ "agent_phone", "代办人电话", "Agent phone", "phone", 0, 0, 0,
		  NULL, -1, -1, NULL, NULL, NULL },
		{ "agent_relation", "与申请人关系", "Relation to applicant",
		  "select", 0, 0, 0, NULL, -1, -1, "child:子女:Child|"
		  "spouse:配偶:Spouse|relative:其他亲属:Other relative|"
		  "grid:网格员代办:Grid member", NULL, NULL },
	};
	static const struct seed_field	 last[] = {
		{ "materials", "收取材料", "Materials received", "materials", 1,
		  0, 0, NULL, -1, -1, NULL, NULL, NULL },
		{ "declaration", "本人承诺所填信息真实有效", "I declare the "
		  "information is true", "checkbox", 1, 0, 0, NULL, -1, -1,
		  NULL, "false", NULL },
	};
	cJSON				*list;
	size_t				 i;

	list = add_section(sections, "代办人（本人办理可不填）",
	    "Agent (leave empty if the applicant comes in person)");
	for (i = 0; i < sizeof agent / sizeof *agent; i++)
		cJSON_AddItemToArray(list, field_json(&agent[i], NULL));
	list = add_section(sections, "材料与承诺",
	    "Materials and declaration");
	for (i = 0; i < sizeof last / sizeof *last; i++)
		cJSON_AddItemToArray(list, field_json(&last[i], NULL));
}

/* The service's whole form. */
static char *
form_text(const struct seed_service *s)
{
	cJSON	*form = cJSON_CreateObject(), *sections;
	char	*text;

	cJSON_AddNumberToObject(form, "version", 1);
	sections = cJSON_AddArrayToObject(form, "sections");
	applicant_section(sections);
	if (s->fields[0] != '\0')
		add_named_fields(add_section(sections, "办理信息", "Details"),
		    s->fields);
	closing_sections(sections);
	text = json_print(form);
	cJSON_Delete(form);
	return (text);
}

/* The message shown when a tag condition fails. */
static const char *
tag_message(const char *tag)
{
	size_t	i;

	for (i = 0; i < sizeof tag_messages / sizeof *tag_messages; i++) {
		if (strcmp(tag_messages[i].tag, tag) == 0)
			return (tag_messages[i].message);
	}
	return ("申请人不符合办理条件");
}

/* One condition of min_age=80, max_age=17, tag=x or community=1,2. */
static cJSON *
condition_json(char *item)
{
	cJSON	*c = cJSON_CreateObject(), *ids;
	char	*key = strsep(&item, "="), msg[96], *id;

	cJSON_AddStringToObject(c, "type", key);
	if (strcmp(key, "tag") == 0) {
		cJSON_AddStringToObject(c, "value", item);
		cJSON_AddStringToObject(c, "message", tag_message(item));
		return (c);
	}
	if (strcmp(key, "community") == 0) {
		ids = cJSON_AddArrayToObject(c, "value");
		while ((id = strsep(&item, ",")) != NULL)
			cJSON_AddItemToArray(ids,
			    cJSON_CreateNumber(atoi(id)));
		cJSON_AddStringToObject(c, "message",
		    "本事项仅限试点社区居民办理");
		return (c);
	}
	cJSON_AddNumberToObject(c, "value", atoi(item));
	if (strcmp(key, "min_age") == 0)
		snprintf(msg, sizeof msg, "申请人须年满%d周岁", atoi(item));
	else
		snprintf(msg, sizeof msg, "申请人年龄须不超过%d周岁",
		    atoi(item));
	cJSON_AddStringToObject(c, "message", msg);
	return (c);
}

/* The Condition list as JSON text. */
static char *
conditions_text(const char *spec)
{
	cJSON	*list = cJSON_CreateArray();
	char	*copy = xstrdup(spec), *p = copy, *item, *text;

	while ((item = strsep(&p, ";")) != NULL) {
		if (*item != '\0')
			cJSON_AddItemToArray(list, condition_json(item));
	}
	free(copy);
	text = json_print(list);
	cJSON_Delete(list);
	return (text);
}

/* The Material list of the letters in spec, as JSON text. */
static char *
materials_text(const char *spec)
{
	cJSON	*list = cJSON_CreateArray(), *m;
	char	*text;
	size_t	 i;

	for (; *spec != '\0'; spec++) {
		for (i = 0; i < seed_nmaterials; i++) {
			if (seed_materials[i].letter == *spec)
				break;
		}
		if (i == seed_nmaterials)
			fatal("%s: no material %c", __func__, *spec);
		m = cJSON_CreateObject();
		cJSON_AddStringToObject(m, "name", seed_materials[i].name);
		cJSON_AddNumberToObject(m, "originals",
		    seed_materials[i].originals);
		cJSON_AddNumberToObject(m, "copies", seed_materials[i].copies);
		cJSON_AddBoolToObject(m, "required",
		    seed_materials[i].required);
		if (seed_materials[i].defer_days > 0)
			cJSON_AddNumberToObject(m, "defer_days",
			    seed_materials[i].defer_days);
		if (seed_materials[i].promise)
			cJSON_AddTrueToObject(m, "promise");
		cJSON_AddItemToArray(list, m);
	}
	text = json_print(list);
	cJSON_Delete(list);
	return (text);
}

/* The approval chain a|b|c as a JSON array text. */
static char *
chain_text(const char *spec)
{
	cJSON	*list = cJSON_CreateArray();
	char	*copy = xstrdup(spec), *p = copy, *item, *text;

	while ((item = strsep(&p, "|")) != NULL)
		cJSON_AddItemToArray(list, cJSON_CreateString(item));
	free(copy);
	text = json_print(list);
	cJSON_Delete(list);
	return (text);
}

/* Binds text values in order and steps st once; -1 with *cause. */
static int
step(struct db *db, struct db_stmt *st, char **cause)
{
	int	rc = db_step(st);

	db_reset(st);
	if (rc == 0)
		return (0);
	*cause = xasprintf("catalog: %s", db_error(db));
	return (-1);
}

/* The categories, ids in code order from 1. */
static int
seed_category_rows(struct db *db, char **cause)
{
	struct db_stmt	*st;
	size_t		 i;
	int		 rc = 0;

	st = db_stmt(db, "INSERT INTO service_categories (id, code, "
	    "name, name_en, queue_prefix) VALUES (?, ?, ?, ?, ?)");
	for (i = 0; i < seed_ncategories && rc == 0; i++) {
		db_bind_int(st, 1, (long long)i + 1);
		db_bind_text(st, 2, seed_categories[i].code);
		db_bind_text(st, 3, seed_categories[i].name);
		db_bind_text(st, 4, seed_categories[i].name_en);
		db_bind_text(st, 5, seed_categories[i].queue_prefix);
		rc = step(db, st, cause);
	}
	return (rc);
}

/* One service row. */
static int
seed_service_row(struct db *db, struct db_stmt *st, const struct seed_service *s,
    const char *updated_at, char **cause)
{
	const struct seed_department	*d = &seed_departments[s->department];
	char				*conds, *mats, *chain, *form, *code;
	char				 initials[64];
	int				 cat = atoi(s->txcode) / 100, rc;

	pinyin_initials(s->name, initials, sizeof initials);
	code = xasprintf("610200-%s-%s", seed_categories[cat - 1].abbrev,
	    s->txcode);
	conds = conditions_text(s->conditions);
	mats = materials_text(s->materials);
	chain = chain_text(d->chain);
	form = form_text(s);
	db_bind_text(st, 1, s->txcode);
	db_bind_text(st, 2, code);
	db_bind_text(st, 3, s->name);
	db_bind_text(st, 4, s->name_en);
	db_bind_text(st, 5, initials);
	db_bind_int(st, 6, cat);
	db_bind_text(st, 7, conds);
	db_bind_text(st, 8, mats);
	db_bind_int(st, 9, s->days);
	db_bind_int(st, 10, s->fee_fen);
	db_bind_text(st, 11, d->name);
	db_bind_text(st, 12, chain);
	db_bind_text(st, 13, form);
	db_bind_text(st, 14, updated_at);
	rc = step(db, st, cause);
	free(code);
	free(conds);
	free(mats);
	free(chain);
	free(form);
	return (rc);
}

/* A certificate type's template, or NULL for a cancelled one. */
static char *
template_text(const struct seed_cert_type *t)
{
	cJSON	*o;
	char	*text;

	if (t->body == NULL)
		return (NULL);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "title", t->name);
	cJSON_AddStringToObject(o, "body", t->body);
	add_named_fields(cJSON_AddArrayToObject(o, "fields"), t->fields);
	text = json_print(o);
	cJSON_Delete(o);
	return (text);
}

/* The certificate types, ids in the table's order. */
static int
seed_cert_rows(struct db *db, const char *updated_at, char **cause)
{
	const struct seed_cert_type	*t;
	struct db_stmt			*st;
	char				*tpl;
	size_t				 i;
	int				 rc = 0;

	st = db_stmt(db, "INSERT INTO certificate_types (code, "
	    "name, status, basis, alternative, purpose, validity_days, "
	    "template, version, updated_at, promise) VALUES (?, ?, ?, ?, ?, "
	    "?, ?, ?, 1, ?, ?)");
	for (i = 0; i < seed_ncert_types && rc == 0; i++) {
		t = &seed_cert_types[i];
		tpl = template_text(t);
		db_bind_text(st, 1, t->code);
		db_bind_text(st, 2, t->name);
		db_bind_text(st, 3, tpl != NULL ? "retained" :
		    "cancelled");
		db_bind_text(st, 4, t->basis);
		db_bind_text(st, 5, t->alternative);
		db_bind_text(st, 6, t->purpose);
		if (tpl != NULL)
			db_bind_int(st, 7, t->validity_days);
		db_bind_text(st, 8, tpl);
		db_bind_text(st, 9, updated_at);
		db_bind_int(st, 10, t->promise);
		rc = step(db, st, cause);
		free(tpl);
	}
	return (rc);
}

/* The reliefs of a service's fee, as Service.fee_reliefs shows them. */
static char *
reliefs_text(const char *txcode)
{
	cJSON	*list = cJSON_CreateArray(), *o, *c;
	char	*text;
	size_t	 i;

	for (i = 0; i < seed_nreliefs; i++) {
		if (strcmp(seed_reliefs[i].txcode, txcode) != 0)
			continue;
		o = cJSON_CreateObject();
		c = cJSON_AddObjectToObject(o, "condition");
		cJSON_AddStringToObject(c, "type", "tag");
		cJSON_AddStringToObject(c, "value", seed_reliefs[i].tag);
		cJSON_AddStringToObject(c, "message", seed_reliefs[i].message);
		cJSON_AddStringToObject(o, "kind", seed_reliefs[i].amount_fen ==
		    0 ? "waiver" : "reduction");
		cJSON_AddNumberToObject(o, "amount_fen",
		    seed_reliefs[i].amount_fen);
		cJSON_AddStringToObject(o, "message", seed_reliefs[i].message);
		cJSON_AddStringToObject(o, "basis", seed_reliefs[i].basis);
		cJSON_AddItemToArray(list, o);
	}
	text = json_print(list);
	cJSON_Delete(list);
	return (text);
}

/* The cases of a service's fee, as Service.fee_cases shows them. */
static char *
cases_text(const char *txcode)
{
	cJSON	*list = cJSON_CreateArray(), *o;
	char	*text;
	size_t	 i;

	for (i = 0; i < seed_nfee_cases; i++) {
		if (strcmp(seed_fee_cases[i].txcode, txcode) != 0)
			continue;
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "field", seed_fee_cases[i].field);
		cJSON_AddStringToObject(o, "value", seed_fee_cases[i].value);
		cJSON_AddNumberToObject(o, "fee_fen",
		    seed_fee_cases[i].fee_fen);
		cJSON_AddBoolToObject(o, "reliefs", seed_fee_cases[i].reliefs);
		cJSON_AddStringToObject(o, "message",
		    seed_fee_cases[i].message);
		cJSON_AddStringToObject(o, "basis", seed_fee_cases[i].basis);
		cJSON_AddItemToArray(list, o);
	}
	text = json_print(list);
	cJSON_Delete(list);
	return (text);
}

/* The fee rules: the basis of each fee charged, its reliefs and its
 * cases. */
static int
seed_fee_rules(struct db *db, char **cause)
{
	struct db_stmt	*st;
	char		*reliefs, *cases;
	size_t		 i;
	int		 rc = 0;

	st = db_stmt(db, "UPDATE services SET fee_basis = ?, fee_reliefs = ?, "
	    "fee_cases = ? WHERE txcode = ?");
	for (i = 0; i < seed_nfees && rc == 0; i++) {
		reliefs = reliefs_text(seed_fees[i].txcode);
		cases = cases_text(seed_fees[i].txcode);
		db_bind_text(st, 1, seed_fees[i].basis);
		db_bind_text(st, 2, reliefs);
		db_bind_text(st, 3, cases);
		db_bind_text(st, 4, seed_fees[i].txcode);
		rc = step(db, st, cause);
		free(reliefs);
		free(cases);
	}
	return (rc);
}

int
seed_catalog(struct db *db, const char *updated_at, char **cause)
{
	struct db_stmt	*st;
	size_t		 i;
	int		 rc;

	if (seed_category_rows(db, cause) != 0)
		return (-1);
	st = db_stmt(db, "INSERT INTO services (txcode, item_code, "
	    "name, name_en, pinyin, category_id, conditions, materials, "
	    "time_limit_days, fee_fen, department, approval_chain, form, "
	    "version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, 1, ?)");
	for (i = 0, rc = 0; i < seed_nservices && rc == 0; i++)
		rc = seed_service_row(db, st, &seed_services[i], updated_at,
		    cause);
	if (rc != 0 || seed_fee_rules(db, cause) != 0)
		return (-1);
	return (seed_cert_rows(db, updated_at, cause));
}
