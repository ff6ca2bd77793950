/* Input formats and masking. */
#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "valid.h"
#include "../forms/idnum.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

const char *
valid_id_number(const char *s, char *norm)
{
	struct idnum_info	info;
	size_t			i;

	if (strlen(s) != 18)
		return ("pattern");
	for (i = 0; i < 17; i++) {
		if (!isdigit((unsigned char)s[i]))
			return ("pattern");
	}
	if (!isdigit((unsigned char)s[17]) && s[17] != 'X' && s[17] != 'x')
		return ("pattern");
	switch (idnum_check(s, clock_now(), &info)) {
	case IDNUM_OK:
		memcpy(norm, info.normalized, 19);
		return (NULL);
	case IDNUM_REGION:
		return ("region");
	case IDNUM_BIRTH_DATE:
	case IDNUM_FUTURE:
		return ("birth_date");
	case IDNUM_CHECK_DIGIT:
		return ("check_digit");
	default:
		return ("pattern");
	}
}

const char *
valid_id_message(const char *code)
{
	if (strcmp(code, "region") == 0)
		return ("身份证号地区码不正确");
	if (strcmp(code, "birth_date") == 0)
		return ("身份证号中的出生日期不正确");
	if (strcmp(code, "check_digit") == 0)
		return ("身份证号校验位错误");
	if (strcmp(code, "required") == 0)
		return ("请填写身份证号");
	return ("身份证号须为 18 位：17 位数字加数字或 X");
}

/* n ASCII digits at s. */
static int
all_digits(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return (0);
	}
	return (1);
}

int
valid_phone(const char *s, char *norm)
{
	size_t		 n = strlen(s), area;
	const char	*hyphen;

	if (n == 11 && s[0] == '1' && s[1] >= '3' && s[1] <= '9' &&
	    all_digits(s, 11)) {
		memcpy(norm, s, 12);
		return (1);
	}
	if (n < 9 || n > 13 || s[0] != '0' || s[1] < '1' || s[1] > '9')
		return (0);
	if ((hyphen = strchr(s, '-')) != NULL) {
		area = (size_t)(hyphen - s);
		if (area < 3 || area > 4 || !all_digits(s, area) ||
		    strlen(hyphen + 1) < 7 || strlen(hyphen + 1) > 8 ||
		    !all_digits(hyphen + 1, strlen(hyphen + 1)))
			return (0);
		memcpy(norm, s, area);
		strcpy(norm + area, hyphen + 1);
		return (1);
	}
	if (n < 10 || n > 12 || !all_digits(s, n))
		return (0);
	memcpy(norm, s, n + 1);
	return (1);
}

int
valid_date(const char *s)
{
	static const int	mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int			y, m, d, leap;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    !all_digits(s, 4) || !all_digits(s + 5, 2) ||
	    !all_digits(s + 8, 2))
		return (0);
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return (y >= 1900 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= mdays[m - 1] + (m == 2 && leap));
}

const char *
valid_uscc(const char *s)
{
	static const char	alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int	weights[17] = {
		1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
	};
	const char		*at;
	int			 i, sum = 0, c;

	if (strlen(s) != 18)
		return ("pattern");
	for (i = 0; i < 18; i++) {
		if (s[i] == '\0' || strchr(alphabet, s[i]) == NULL)
			return ("pattern");
	}
	for (i = 0; i < 17; i++) {
		at = strchr(alphabet, s[i]);
		sum += (int)(at - alphabet) * weights[i];
	}
	c = 31 - sum % 31;
	if (c == 31)
		c = 0;
	return (alphabet[c] == s[17] ? NULL : "check_digit");
}

int
valid_controls(const char *s, int multiline)
{
	uint32_t	cp;
	size_t		n, len = strlen(s);

	while (len > 0 && (n = utf8_decode(s, len, &cp)) > 0) {
		if ((cp < 0x20 && !(cp == '\n' && multiline)) || cp == 0x7f ||
		    (cp >= 0x80 && cp <= 0x9f) ||
		    (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			return (0);
		s += n;
		len -= n;
	}
	return (1);
}

int
valid_counter(const char *s)
{
	size_t	i, n = strlen(s);

	if (n == 0 || n > 8)
		return (0);
	for (i = 0; i < n; i++) {
		if (!isalnum((unsigned char)s[i]) || (unsigned char)s[i] > 127)
			return (0);
	}
	return (1);
}

int
valid_pattern(const char *s, const char *re)
{
	regex_t	 rx;
	char	*anchored = xasprintf("^(%s)$", re);
	int	 ok;

	if (regcomp(&rx, anchored, REG_EXTENDED | REG_NOSUB) != 0) {
		free(anchored);
		return (0);
	}
	ok = regexec(&rx, s, 0, NULL, 0) == 0;
	regfree(&rx);
	free(anchored);
	return (ok);
}

char *
mask_id(const char *s)
{
	size_t	n = strlen(s);

	if (n < 8)
		return (xstrdup("***"));
	return (xasprintf("%.3s***********%s", s, s + n - 4));
}

char *
mask_phone(const char *s)
{
	size_t	n = strlen(s);

	if (n < 8)
		return (xstrdup("****"));
	return (xasprintf("%.3s****%s", s, s + n - 4));
}

/* The 56 ethnic groups of GB/T 3304, by their Chinese names. */
static const char *const ethnicities[] = {
	"汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族",
	"布依族", "朝鲜族", "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族",
	"哈萨克族", "傣族", "黎族", "傈僳族", "佤族", "畲族", "高山族",
	"拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族",
	"达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族",
	"锡伯族", "阿昌族", "普米族", "塔吉克族", "怒族", "乌孜别克族",
	"俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族",
	"塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族",
	"基诺族", NULL
};

const char *const *
valid_ethnicities(void)
{
	return (ethnicities);
}

/* The resident tags of docs/api.md section 4, sorted. */
static const char *const tags[] = {
	"child_in_difficulty", "disabled", "elderly_80", "extreme_poverty",
	"living_alone", "low_income", "party_member", "veteran", NULL
};

const char *const *
valid_tags(void)
{
	return (tags);
}

void
mask_name(const char *name, char *out, size_t len)
{
	const unsigned char	*p = (const unsigned char *)name;
	size_t			 first = 1, n = 0, i, last = 0;

	while (p[first] != '\0' && (p[first] & 0xc0) == 0x80)
		first++;
	for (i = 0; p[i] != '\0'; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			n++;
			last = i;
		}
	}
	if (n <= 1)
		snprintf(out, len, "%s", name);
	else if (n == 2)
		snprintf(out, len, "%.*s*", (int)first, name);
	else
		snprintf(out, len, "%.*s%s%s", (int)first, name,
		    n > 3 ? "**" : "*", name + last);
}
