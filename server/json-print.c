/* JSON text byte for byte as cJSON_PrintUnformatted() writes it. */
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json-print.h"
#include "../util/buf.h"

/* Below 10^15 an integral double has at most 15 digits, all of which
 * "%1.15g" writes with no exponent, and reads back exactly. */
#define EXACT_BELOW	1e15

static void
print_integer(struct buf *b, double d)
{
	char			 s[24], *p = s + sizeof s;
	unsigned long long	 v = (unsigned long long)fabs(d);

	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	if (d < 0)
		*--p = '-';
	buf_add(b, p, (size_t)(s + sizeof s - p));
}

/* cJSON's own way for every other number, its decimal point a '.'
 * whatever the locale's. */
static void
print_double(struct buf *b, double d)
{
	char	 s[32], *end;
	char	 point = localeconv()->decimal_point[0];
	double	 back, most;
	int	 n, i;

	if (isnan(d) || isinf(d)) {
		buf_adds(b, "null");
		return;
	}
	n = snprintf(s, sizeof s, "%1.15g", d);
	back = strtod(s, &end);
	most = fabs(back) > fabs(d) ? fabs(back) : fabs(d);
	if (end == s || !(fabs(back - d) <= most * DBL_EPSILON))
		n = snprintf(s, sizeof s, "%1.17g", d);
	for (i = 0; i < n; i++) {
		if (s[i] == point)
			s[i] = '.';
	}
	buf_add(b, s, (size_t)n);
}

static void
print_number(struct buf *b, double d)
{
	if (d == floor(d) && fabs(d) < EXACT_BELOW && !(d == 0 && signbit(d)))
		print_integer(b, d);
	else
		print_double(b, d);
}

static void
print_string(struct buf *b, const char *s)
{
	/* the characters with a short escape, and its letter */
	static const char	 named[] = "\"\\\b\f\n\r\t", letter[] = "\"\\bfnrt";
	const unsigned char	*p = (const unsigned char *)s, *run;
	const char		*n;
	char			 esc[8];

	buf_add(b, "\"", 1);
	while (p != NULL) {
		for (run = p; *p > 31 && *p != '"' && *p != '\\'; p++)
			;
		buf_add(b, run, (size_t)(p - run));
		if (*p == '\0')
			break;
		if ((n = strchr(named, *p)) != NULL)
			snprintf(esc, sizeof esc, "\\%c", letter[n - named]);
		else
			snprintf(esc, sizeof esc, "\\u%04x", *p);
		buf_adds(b, esc);
		p++;
	}
	buf_add(b, "\"", 1);
}

static int
print_value(struct buf *b, const cJSON *item)
{
	const cJSON	*c;
	int		 object;

	switch (item->type & 0xFF) {
	case cJSON_NULL:
		buf_add(b, "null", 4);
		return (0);
	case cJSON_False:
		buf_add(b, "false", 5);
		return (0);
	case cJSON_True:
		buf_add(b, "true", 4);
		return (0);
	case cJSON_Number:
		print_number(b, item->valuedouble);
		return (0);
	case cJSON_Raw:
		if (item->valuestring == NULL)
			return (-1);
		buf_adds(b, item->valuestring);
		return (0);
	case cJSON_String:
		print_string(b, item->valuestring);
		return (0);
	case cJSON_Array:
	case cJSON_Object:
		object = (item->type & 0xFF) == cJSON_Object;
		buf_add(b, object ? "{" : "[", 1);
		for (c = item->child; c != NULL; c = c->next) {
			if (c != item->child)
				buf_add(b, ",", 1);
			if (object) {
				print_string(b, c->string);
				buf_add(b, ":", 1);
			}
			if (print_value(b, c) != 0)
				return (-1);
		}
		buf_add(b, object ? "}" : "]", 1);
		return (0);
	default:
		return (-1);
	}
}

char *
json_print(const cJSON *json)
{
	struct buf	b;

	if (json == NULL)
		return (NULL);
	buf_init(&b);
	if (print_value(&b, json) != 0) {
		buf_free(&b);
		return (NULL);
	}
	return (buf_steal(&b));
}

char *
json_print_null(cJSON *object, const char *key)
{
	cJSON	*v = cJSON_GetObjectItemCaseSensitive(object, key);
	char	*text;
	int	 type;

	if (v == NULL)
		return (json_print(object));
	/* printed as null and put back, in its place among the members */
	type = v->type;
	v->type = cJSON_NULL | (type & ~0xFF);
	text = json_print(object);
	v->type = type;
	return (text);
}
