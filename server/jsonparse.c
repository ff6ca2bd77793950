/* A strict JSON parser for request bodies. */
#include <stdlib.h>
#include <string.h>

#include "jsonparse.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

#define JSON_MAX_DEPTH	64

struct parser {
	const char	*p;
	const char	*end;
	int		 depth;
	const char	*why;
};

static cJSON	*parse_value(struct parser *);

/* Records the first reason for refusing; returns NULL for the caller. */
static cJSON *
refuse(struct parser *ps, const char *why)
{
	if (ps->why == NULL)
		ps->why = why;
	return (NULL);
}

/* Skips the four whitespace characters JSON allows. */
static void
skip_ws(struct parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' ||
	    *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

/* Four hex digits at p, or -1. */
static long
hex4(const char *p, const char *end)
{
	long	v = 0;
	int	i;

	if (end - p < 4)
		return (-1);
	for (i = 0; i < 4; i++) {
		v <<= 4;
		if (p[i] >= '0' && p[i] <= '9')
			v |= p[i] - '0';
		else if (p[i] >= 'a' && p[i] <= 'f')
			v |= p[i] - 'a' + 10;
		else if (p[i] >= 'A' && p[i] <= 'F')
			v |= p[i] - 'A' + 10;
		else
			return (-1);
	}
	return (v);
}

/* Appends code point cp as UTF-8. */
static void
put_utf8(struct buf *b, unsigned long cp)
{
	char	out[4];
	size_t	n;

	if (cp < 0x80) {
		out[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		out[0] = (char)(0xf0 | (cp >> 18));
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	buf_add(b, out, n);
}

/* One \uXXXX escape (with its low surrogate when it needs one). */
static int
parse_unicode(struct parser *ps, struct buf *b)
{
	long	hi, lo;

	if ((hi = hex4(ps->p, ps->end)) < 0)
		return (-1);
	ps->p += 4;
	if (hi >= 0xdc00 && hi <= 0xdfff)
		return (-1);
	if (hi >= 0xd800 && hi <= 0xdbff) {
		if (ps->end - ps->p < 6 || ps->p[0] != '\\' ||
		    ps->p[1] != 'u' || (lo = hex4(ps->p + 2, ps->end)) < 0 ||
		    lo < 0xdc00 || lo > 0xdfff)
			return (-1);
		ps->p += 6;
		hi = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (hi == 0) {
		ps->why = "请求体中不能含有 NUL 字符";
		return (-1);
	}
	put_utf8(b, (unsigned long)hi);
	return (0);
}

/* One escape after a backslash. */
static int
parse_escape(struct parser *ps, struct buf *b)
{
	static const char	from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char		*at;

	if (ps->p >= ps->end)
		return (-1);
	if (*ps->p == 'u') {
		ps->p++;
		return (parse_unicode(ps, b));
	}
	if ((at = strchr(from, *ps->p)) == NULL || *ps->p == '\0')
		return (-1);
	buf_add(b, &to[at - from], 1);
	ps->p++;
	return (0);
}

/* A string after its opening quote, as a new NUL-terminated copy. */
static char *
parse_string(struct parser *ps)
{
	struct buf	b;
	const char	*start;

	buf_init(&b);
	buf_add(&b, "", 0);
	while (ps->p < ps->end && *ps->p != '"') {
		if ((unsigned char)*ps->p < 0x20)
			goto bad;
		if (*ps->p == '\\') {
			ps->p++;
			if (parse_escape(ps, &b) != 0)
				goto bad;
			continue;
		}
		start = ps->p;
		while (ps->p < ps->end && *ps->p != '"' && *ps->p != '\\' &&
		    (unsigned char)*ps->p >= 0x20)
			ps->p++;
		buf_add(&b, start, (size_t)(ps->p - start));
	}
	if (ps->p >= ps->end)
		goto bad;
	ps->p++;
	return (buf_steal(&b));
bad:
	buf_free(&b);
	refuse(ps, "请求体中有不正确的字符串");
	return (NULL);
}

/* Advances over digits; returns how many. */
static int
digits(struct parser *ps)
{
	int	n = 0;

	while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') {
		ps->p++;
		n++;
	}
	return (n);
}

/* A number, its literal kept in valuestring. */
static cJSON *
parse_number(struct parser *ps)
{
	const char	*start = ps->p;
	cJSON		*n;
	char		*text;

	if (ps->p < ps->end && *ps->p == '-')
		ps->p++;
	if (ps->p < ps->end && *ps->p == '0')
		ps->p++;
	else if (digits(ps) == 0)
		return (refuse(ps, "请求体中有不正确的数字"));
	if (ps->p < ps->end && *ps->p == '.') {
		ps->p++;
		if (digits(ps) == 0)
			return (refuse(ps, "请求体中有不正确的数字"));
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		ps->p++;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		if (digits(ps) == 0)
			return (refuse(ps, "请求体中有不正确的数字"));
	}
	text = xstrndup(start, (size_t)(ps->p - start));
	n = cJSON_CreateNumber(strtod(text, NULL));
	n->valuestring = text;
	return (n);
}

/* A literal word: true, false or null. */
static cJSON *
parse_word(struct parser *ps)
{
	static const struct {
		const char	*word;
		int		 kind;
	} words[] = { { "true", 1 }, { "false", 0 }, { "null", 2 } };
	size_t	i, n;

	for (i = 0; i < sizeof words / sizeof *words; i++) {
		n = strlen(words[i].word);
		if ((size_t)(ps->end - ps->p) >= n &&
		    memcmp(ps->p, words[i].word, n) == 0) {
			ps->p += n;
			if (words[i].kind == 2)
				return (cJSON_CreateNull());
			return (cJSON_CreateBool(words[i].kind));
		}
	}
	return (refuse(ps, "请求体不是正确的 JSON"));
}

/* Elements after '[' up to and including ']'. */
static cJSON *
parse_array(struct parser *ps)
{
	cJSON	*a = cJSON_CreateArray(), *v;

	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == ']') {
		ps->p++;
		return (a);
	}
	for (;;) {
		if ((v = parse_value(ps)) == NULL)
			break;
		cJSON_AddItemToArray(a, v);
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == ']') {
			ps->p++;
			return (a);
		}
		refuse(ps, "请求体不是正确的 JSON");
		break;
	}
	cJSON_Delete(a);
	return (NULL);
}

/* One "name": value member into o; -1 on a bad or repeated one. */
static int
parse_member(struct parser *ps, cJSON *o)
{
	cJSON	*v;
	char	*name;

	skip_ws(ps);
	if (ps->p >= ps->end || *ps->p != '"') {
		refuse(ps, "请求体不是正确的 JSON");
		return (-1);
	}
	ps->p++;
	if ((name = parse_string(ps)) == NULL)
		return (-1);
	if (cJSON_GetObjectItemCaseSensitive(o, name) != NULL) {
		free(name);
		refuse(ps, "请求体中有重复的成员名");
		return (-1);
	}
	skip_ws(ps);
	if (ps->p >= ps->end || *ps->p != ':' || (ps->p++,
	    (v = parse_value(ps)) == NULL)) {
		free(name);
		refuse(ps, "请求体不是正确的 JSON");
		return (-1);
	}
	cJSON_AddItemToObject(o, name, v);
	free(name);
	return (0);
}

/* Members after '{' up to and including '}'. */
static cJSON *
parse_object(struct parser *ps)
{
	cJSON	*o = cJSON_CreateObject();

	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == '}') {
		ps->p++;
		return (o);
	}
	for (;;) {
		if (parse_member(ps, o) != 0)
			break;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == '}') {
			ps->p++;
			return (o);
		}
		refuse(ps, "请求体不是正确的 JSON");
		break;
	}
	cJSON_Delete(o);
	return (NULL);
}

/* Any value, counting the depth of arrays and objects. */
static cJSON *
parse_value(struct parser *ps)
{
	cJSON	*v;
	char	*s;

	skip_ws(ps);
	if (ps->p >= ps->end)
		return (refuse(ps, "请求体不是正确的 JSON"));
	if (*ps->p == '{' || *ps->p == '[') {
		if (++ps->depth > JSON_MAX_DEPTH)
			return (refuse(ps, "请求体嵌套过深"));
		v = *ps->p++ == '{' ? parse_object(ps) : parse_array(ps);
		ps->depth--;
		return (v);
	}
	if (*ps->p == '"') {
		ps->p++;
		if ((s = parse_string(ps)) == NULL)
			return (NULL);
		v = cJSON_CreateString(s);
		free(s);
		return (v);
	}
	if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9'))
		return (parse_number(ps));
	return (parse_word(ps));
}

cJSON *
json_parse_strict(const char *s, size_t len, const char **why)
{
	struct parser	 ps = { s, s + len, 0, NULL };
	cJSON		*v;

	v = parse_value(&ps);
	if (v != NULL) {
		skip_ws(&ps);
		if (ps.p != ps.end) {
			cJSON_Delete(v);
			v = refuse(&ps, "JSON 值之后还有多余内容");
		}
	}
	*why = ps.why;
	return (v);
}
