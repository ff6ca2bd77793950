/* The resident forms are built here rather than served: the record's
 * fields and their rules are the contract's (docs/api.md 4), not a
 * service's, and they must work before any catalog is loaded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog-choose.h"
#include "tui.h"
#include "form-ui.h"
#include "resident-form.h"
#include "../locale/i18n.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

struct choice {
	const char	*name;		/* what the record holds */
	const char	*label_en;
	const char	*pinyin;
};

/* GB/T 3304, in its order: an option's value is the standard's two-digit
 * code, as option values are plain identifiers. */
static const struct choice ethnicities[] = {
	{ "汉族", "Han", "hz" }, { "蒙古族", "Mongol", "mgz" },
	{ "回族", "Hui", "hz" }, { "藏族", "Tibetan", "zz" },
	{ "维吾尔族", "Uyghur", "wwez" }, { "苗族", "Miao", "mz" },
	{ "彝族", "Yi", "yz" }, { "壮族", "Zhuang", "zz" },
	{ "布依族", "Bouyei", "byz" }, { "朝鲜族", "Korean", "cxz" },
	{ "满族", "Manchu", "mz" }, { "侗族", "Dong", "dz" },
	{ "瑶族", "Yao", "yz" }, { "白族", "Bai", "bz" },
	{ "土家族", "Tujia", "tjz" }, { "哈尼族", "Hani", "hnz" },
	{ "哈萨克族", "Kazak", "hskz" }, { "傣族", "Dai", "dz" },
	{ "黎族", "Li", "lz" }, { "傈僳族", "Lisu", "lsz" },
	{ "佤族", "Va", "wz" }, { "畲族", "She", "sz" },
	{ "高山族", "Gaoshan", "gsz" }, { "拉祜族", "Lahu", "lhz" },
	{ "水族", "Shui", "sz" }, { "东乡族", "Dongxiang", "dxz" },
	{ "纳西族", "Naxi", "nxz" }, { "景颇族", "Jingpo", "jpz" },
	{ "柯尔克孜族", "Kirgiz", "kekzz" }, { "土族", "Tu", "tz" },
	{ "达斡尔族", "Daur", "dwez" }, { "仫佬族", "Mulao", "mlz" },
	{ "羌族", "Qiang", "qz" }, { "布朗族", "Blang", "blz" },
	{ "撒拉族", "Salar", "slz" }, { "毛南族", "Maonan", "mnz" },
	{ "仡佬族", "Gelao", "glz" }, { "锡伯族", "Xibe", "xbz" },
	{ "阿昌族", "Achang", "acz" }, { "普米族", "Pumi", "pmz" },
	{ "塔吉克族", "Tajik", "tjkz" }, { "怒族", "Nu", "nz" },
	{ "乌孜别克族", "Uzbek", "wzbkz" }, { "俄罗斯族", "Russian", "elsz" },
	{ "鄂温克族", "Ewenki", "ewkz" }, { "德昂族", "Deang", "daz" },
	{ "保安族", "Bonan", "baz" }, { "裕固族", "Yugur", "ygz" },
	{ "京族", "Gin", "jz" }, { "塔塔尔族", "Tatar", "ttez" },
	{ "独龙族", "Derung", "dlz" }, { "鄂伦春族", "Oroqen", "elcz" },
	{ "赫哲族", "Hezhen", "hzz" }, { "门巴族", "Monba", "mbz" },
	{ "珞巴族", "Lhoba", "lbz" }, { "基诺族", "Jino", "jnz" },
};

/* The tags a clerk sets; elderly_80 is the server's own. */
static const struct {
	const char	*value, *label, *label_en, *pinyin;
} tags[] = {
	{ "disabled", "残疾人", "Disabled", "cjr" },
	{ "low_income", "低保/低收入", "Low income", "db" },
	{ "extreme_poverty", "特困供养", "Extreme poverty support", "tkgy" },
	{ "veteran", "退役军人", "Veteran", "tyjr" },
	{ "party_member", "党员", "Party member", "dy" },
	{ "living_alone", "独居老人", "Living alone", "djlr" },
	{ "child_in_difficulty", "困境儿童", "Child in difficulty", "kjet" },
};

/* Residence type and 人户 state (docs/api.md 4), by their codes; the
 * English of a state begins with its Chinese name, which tells the three
 * apart where a narrow field cuts the rest. */
static const struct choice residences[] = {
	{ "registered", "Registered here (户籍)", "hj" },
	{ "floating", "Floating (流动)", "ld" },
	{ "lodging", "Lodging (寄住)", "jz" },
};
static const char *const residence_zh[] = { "户籍", "流动", "寄住" };

static const struct choice presences[] = {
	{ "consistent", "人户一致 (lives where registered)", "rhyz" },
	{ "here_not_registered", "人在户不在 (lives here, registered "
	    "elsewhere)", "rzhbz" },
	{ "registered_not_here", "户在人不在 (registered here, lives "
	    "elsewhere)", "hzrbz" },
};
static const char *const presence_zh[] = {
	"人户一致", "人在户不在", "户在人不在"
};

#define NELEM(a) (sizeof (a) / sizeof *(a))

static cJSON *
field(cJSON *fields, const char *name, const char *label,
    const char *label_en, const char *type, int required, int max_length,
    const char *prefill)
{
	cJSON	*f = cJSON_CreateObject();

	cJSON_AddStringToObject(f, "name", name);
	cJSON_AddStringToObject(f, "label", label);
	cJSON_AddStringToObject(f, "label_en", label_en);
	cJSON_AddStringToObject(f, "type", type);
	cJSON_AddBoolToObject(f, "required", required);
	if (max_length > 0) {
		cJSON_AddNumberToObject(f, "min_length", required ? 1 : 0);
		cJSON_AddNumberToObject(f, "max_length", max_length);
	}
	if (prefill != NULL)
		cJSON_AddStringToObject(f, "prefill", prefill);
	cJSON_AddItemToArray(fields, f);
	return (f);
}

static void
option(cJSON *options, const char *value, const char *label,
    const char *label_en, const char *pinyin)
{
	cJSON	*o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "value", value);
	cJSON_AddStringToObject(o, "label", label);
	cJSON_AddStringToObject(o, "label_en", label_en);
	cJSON_AddStringToObject(o, "pinyin", pinyin);
	cJSON_AddItemToArray(options, o);
}

static void
ethnicity_field(cJSON *fields, int required)
{
	cJSON	*f, *o;
	char	 code[8];
	size_t	 i;

	f = field(fields, "ethnicity", "民族", "Ethnic group", "select",
	    required, 0, "ethnicity");
	o = cJSON_AddArrayToObject(f, "options");
	for (i = 0; i < NELEM(ethnicities); i++) {
		snprintf(code, sizeof code, "%02zu", i + 1);
		option(o, code, ethnicities[i].name, ethnicities[i].label_en,
		    ethnicities[i].pinyin);
	}
}

static void
tags_field(cJSON *fields)
{
	cJSON	*f, *o;
	size_t	 i;

	f = field(fields, "tags", "人员类别", "Tags", "multiselect", 0, 0,
	    NULL);
	o = cJSON_AddArrayToObject(f, "options");
	for (i = 0; i < NELEM(tags); i++)
		option(o, tags[i].value, tags[i].label, tags[i].label_en,
		    tags[i].pinyin);
}

/* A choice of codes; no prefill key names it in the contract, so the
 * caller sets the record's value. */
static void
code_field(cJSON *fields, const char *name, const char *label,
    const char *label_en, const struct choice *c, const char *const *zh,
    size_t n)
{
	cJSON	*o;
	size_t	 i;

	o = cJSON_AddArrayToObject(field(fields, name, label, label_en,
	    "select", 1, 0, NULL), "options");
	for (i = 0; i < n; i++)
		option(o, c[i].name, zh[i], c[i].label_en, c[i].pinyin);
}

/* {name, form: {version, sections: [{title, fields}]}}; returns fields. */
static cJSON *
service_shape(cJSON **out, const char *title)
{
	cJSON	*sv = cJSON_CreateObject(), *form, *sections, *s;

	cJSON_AddStringToObject(sv, "name", title);
	form = cJSON_AddObjectToObject(sv, "form");
	cJSON_AddNumberToObject(form, "version", 1);
	sections = cJSON_AddArrayToObject(form, "sections");
	s = cJSON_CreateObject();
	cJSON_AddStringToObject(s, "title", "居民信息");
	cJSON_AddStringToObject(s, "title_en", "Resident");
	cJSON_AddItemToArray(sections, s);
	*out = sv;
	return (cJSON_AddArrayToObject(s, "fields"));
}

cJSON *
resident_form_edit(const char *title)
{
	cJSON	*sv, *fields;

	fields = service_shape(&sv, title);
	field(fields, "phone", "联系电话", "Phone", "phone", 0, 0, "phone");
	field(fields, "address", "居住地址", "Address", "text", 1, 100,
	    "address");
	ethnicity_field(fields, 0);
	tags_field(fields);
	code_field(fields, "residence", "户籍类别", "Residence type",
	    residences, residence_zh, NELEM(residences));
	code_field(fields, "presence", "人户状态", "Lives where registered?",
	    presences, presence_zh, NELEM(presences));
	field(fields, "reason", "变更原因", "Reason for the change", "text",
	    0, 200, NULL);
	return (sv);
}

cJSON *
resident_form_new(const char *title, const struct api_session *s)
{
	cJSON	*sv, *fields, *f, *o;
	char	 id[32];
	size_t	 i;

	fields = service_shape(&sv, title);
	field(fields, "id_number", "公民身份号码", "ID number", "id_number", 1,
	    0, "id_number");
	field(fields, "name", "姓名", "Name", "text", 1, 30, NULL);
	ethnicity_field(fields, 1);
	field(fields, "phone", "联系电话", "Phone", "phone", 0, 0, NULL);
	field(fields, "address", "居住地址", "Address", "text", 1, 100, NULL);
	f = field(fields, "community_id", "所属社区", "Community", "select", 1,
	    0, NULL);
	o = cJSON_AddArrayToObject(f, "options");
	for (i = 0; s != NULL && i < s->ncommunities; i++) {
		snprintf(id, sizeof id, "%lld", s->communities[i].id);
		option(o, id, s->communities[i].name, s->communities[i].name,
		    "");
	}
	if (s != NULL && s->ncommunities == 1)
		cJSON_AddStringToObject(f, "default", id);
	tags_field(fields);
	return (sv);
}

static char *
ethnicity_code(const char *name)
{
	size_t	i;

	for (i = 0; i < NELEM(ethnicities); i++) {
		if (strcmp(ethnicities[i].name, name) == 0)
			return (xasprintf("%02zu", i + 1));
	}
	return (xstrdup(""));
}

int
resident_form_ethnicity_known(const char *name)
{
	size_t	i;

	for (i = 0; i < NELEM(ethnicities); i++) {
		if (strcmp(ethnicities[i].name, name) == 0)
			return (1);
	}
	return (0);
}

/* Tags as the form's multiselect text, without the server's own. */
static char *
tags_text(const struct resident *r)
{
	struct buf	b;
	size_t		i;
	int		n = 0;

	buf_init(&b);
	buf_add(&b, "", 0);
	for (i = 0; i < r->ntags; i++) {
		if (strcmp(r->tags[i], "elderly_80") != 0)
			buf_printf(&b, "%s%s", n++ ? "," : "", r->tags[i]);
	}
	return (buf_steal(&b));
}

char *
resident_form_current(const struct resident *r, const char *name)
{
	if (strcmp(name, "phone") == 0)
		return (xstrdup(r->s.phone_masked));
	if (strcmp(name, "address") == 0)
		return (xstrdup(r->s.address));
	if (strcmp(name, "ethnicity") == 0)
		return (ethnicity_code(r->ethnicity));
	if (strcmp(name, "tags") == 0)
		return (tags_text(r));
	if (strcmp(name, "residence") == 0)
		return (xstrdup(r->residence));
	if (strcmp(name, "presence") == 0)
		return (xstrdup(r->presence));
	return (xstrdup(""));
}

cJSON *
resident_form_prefill(const struct resident *r)
{
	cJSON		*p = cJSON_CreateObject();
	static const char *const names[] = {
		"phone", "address", "ethnicity", "tags", "residence",
		"presence"
	};
	char		*v;
	size_t		 i;

	for (i = 0; i < NELEM(names); i++) {
		v = resident_form_current(r, names[i]);
		cJSON_AddStringToObject(p, names[i], v);
		free(v);
	}
	return (p);
}

cJSON *
resident_form_value(const struct form_field *f, int keep_elderly)
{
	cJSON	*a;
	char	*t;
	size_t	 i;

	if (f->type == FT_MULTISELECT) {
		a = cJSON_CreateArray();
		if (keep_elderly)
			cJSON_AddItemToArray(a, cJSON_CreateString(
			    "elderly_80"));
		for (i = 0; i < f->noptions; i++) {
			if (f->chosen[i])
				cJSON_AddItemToArray(a, cJSON_CreateString(
				    f->options[i].value));
		}
		return (a);
	}
	t = form_value_text(f);
	i = (size_t)atoi(t);
	if (strcmp(f->name, "ethnicity") == 0 && i >= 1 &&
	    i <= NELEM(ethnicities))
		a = cJSON_CreateString(ethnicities[i - 1].name);
	else
		a = *t == '\0' ? cJSON_CreateNull() : cJSON_CreateString(t);
	free(t);
	return (a);
}

char *
resident_form_words(const struct form *fm, const char *name,
    const char *value)
{
	const struct form_field	*f = NULL;
	struct buf		 b;
	const char		*p, *e;
	size_t			 i, n;
	int			 k = 0;

	for (i = 0; i < fm->nfields; i++) {
		if (strcmp(fm->fields[i].name, name) == 0)
			f = &fm->fields[i];
	}
	if (f == NULL || (f->type != FT_MULTISELECT && f->type != FT_SELECT))
		return (xstrdup(*value != '\0' ? value : _("(none)")));
	buf_init(&b);
	buf_add(&b, "", 0);
	for (p = value; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		for (i = 0; i < f->noptions; i++) {
			if (strlen(f->options[i].value) == n &&
			    strncmp(f->options[i].value, p, n) == 0)
				break;
		}
		buf_printf(&b, "%s%s", k++ ? ", " : "", i < f->noptions ?
		    form_ui_option_label(&f->options[i]) : "?");
	}
	if (k == 0)
		buf_printf(&b, "%s", _("(none)"));
	return (buf_steal(&b));
}

/* The record values a service's form may be pre-filled with, by the
 * form's prefill keys. */
cJSON *
resident_form_service_prefill(const struct resident *r)
{
	cJSON	*o = cJSON_CreateObject();
	char	 age[16];

	snprintf(age, sizeof age, "%d", r->s.age);
	cJSON_AddStringToObject(o, "name", r->s.name);
	cJSON_AddStringToObject(o, "id_number", r->s.id_number_masked);
	cJSON_AddStringToObject(o, "sex", r->s.sex);
	cJSON_AddStringToObject(o, "age", age);
	cJSON_AddStringToObject(o, "phone", r->s.phone_masked);
	cJSON_AddStringToObject(o, "address", r->s.address);
	cJSON_AddStringToObject(o, "ethnicity", r->ethnicity);
	cJSON_AddStringToObject(o, "community.name", r->s.community);
	return (o);
}
