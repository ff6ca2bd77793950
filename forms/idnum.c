/* GB 11643-1999 citizen identity numbers. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "idnum.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

/* Province-level codes (first two digits); 81/82/83 are the residence
 * permits of Hong Kong, Macao and Taiwan residents. */
static const int provinces[] = {
	11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
	41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65,
	71, 81, 82, 83
};

char
idnum_check_char(const char *first17)
{
	static const int	 weights[17] = {
		7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
	};
	static const char	 codes[] = "10X98765432";
	int			 i, sum = 0;

	for (i = 0; i < 17; i++)
		sum += (first17[i] - '0') * weights[i];
	return (codes[sum % 11]);
}

static int
region_ok(const char *s)
{
	int	p = (s[0] - '0') * 10 + (s[1] - '0');
	size_t	i;

	if (p >= 81 && p <= 83)
		return (memcmp(s + 2, "0000", 4) == 0);
	for (i = 0; i < sizeof provinces / sizeof *provinces; i++) {
		if (provinces[i] == p)
			return (1);
	}
	return (0);
}

static int
leap(int y)
{
	return ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
}

static int
date_ok(int y, int m, int d)
{
	static const int	mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int			max;

	if (y < 1900 || m < 1 || m > 12 || d < 1)
		return (0);
	max = mdays[m - 1] + (m == 2 && leap(y));
	return (d <= max);
}

static int
digits(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return (0);
	}
	return (1);
}

static int
num(const char *s, size_t n)
{
	int	v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return (v);
}

enum idnum_error
idnum_check(const char *s, time_t now, struct idnum_info *info)
{
	struct idnum_info	 tmp;
	struct tm		 tm;
	size_t			 len = strlen(s);
	const char		*date;
	int			 y, m, d, seq;

	if (info == NULL)
		info = &tmp;
	memset(info, 0, sizeof *info);
	if (len == 0)
		return (IDNUM_EMPTY);
	if (len != 18 && len != 15)
		return (IDNUM_LENGTH);
	if (!digits(s, len - 1) || !(isdigit((unsigned char)s[len - 1]) ||
	    (len == 18 && (s[17] == 'X' || s[17] == 'x'))))
		return (IDNUM_CHARS);
	memcpy(info->normalized, s, len);
	if (len == 18)
		info->normalized[17] = (char)toupper((unsigned char)s[17]);
	if (!region_ok(s))
		return (IDNUM_REGION);
	info->legacy = (len == 15);
	date = s + 6;
	if (info->legacy) {
		y = 1900 + num(date, 2);
		m = num(date + 2, 2);
		d = num(date + 4, 2);
		seq = num(s + 12, 3);
	} else {
		y = num(date, 4);
		m = num(date + 4, 2);
		d = num(date + 6, 2);
		seq = num(s + 14, 3);
	}
	if (!date_ok(y, m, d))
		return (IDNUM_BIRTH_DATE);
	localtime_r(&now, &tm);
	if (y * 10000 + m * 100 + d > (tm.tm_year + 1900) * 10000 +
	    (tm.tm_mon + 1) * 100 + tm.tm_mday)
		return (IDNUM_FUTURE);
	info->year = y;
	info->month = m;
	info->day = d;
	info->sex = (seq % 2) ? 'M' : 'F';
	if (!info->legacy && idnum_check_char(s) != info->normalized[17])
		return (IDNUM_CHECK_DIGIT);
	return (IDNUM_OK);
}

const char *
idnum_strerror(enum idnum_error e)
{
	switch (e) {
	case IDNUM_OK:
		return (N_("The ID number is valid."));
	case IDNUM_EMPTY:
		return (N_("Enter an ID number."));
	case IDNUM_LENGTH:
		return (N_("An ID number has 18 characters (old ones 15)."));
	case IDNUM_CHARS:
		return (N_("An ID number has only digits, and X as the last "
		    "character."));
	case IDNUM_REGION:
		return (N_("The first six digits are not a region code."));
	case IDNUM_BIRTH_DATE:
		return (N_("The birth date inside the ID number does not exist."));
	case IDNUM_FUTURE:
		return (N_("The birth date inside the ID number is in the "
		    "future."));
	case IDNUM_CHECK_DIGIT:
		return (N_("The check digit is wrong: the number was mistyped "
		    "or misread. Check it against the card."));
	}
	return (N_("The ID number is not valid."));
}

const char *
idnum_code(enum idnum_error e)
{
	static const char	*codes[] = {
		"ok", "required", "length", "characters", "region",
		"birth_date", "future_birth_date", "check_digit"
	};

	if ((unsigned)e < sizeof codes / sizeof *codes)
		return (codes[e]);
	return ("invalid");
}

int
idnum_age(const struct idnum_info *info, time_t now)
{
	struct tm	tm;
	int		age;

	localtime_r(&now, &tm);
	age = tm.tm_year + 1900 - info->year;
	if (tm.tm_mon + 1 < info->month ||
	    (tm.tm_mon + 1 == info->month && tm.tm_mday < info->day))
		age--;
	return (age < 0 ? 0 : age);
}

char *
idnum_mask(const char *s)
{
	size_t	 len = strlen(s);
	char	*m = xstrdup(s);

	if (len > 7)
		memset(m + 3, '*', len - 7);
	else
		memset(m, '*', len);
	return (m);
}

int
idnum_shape(const char *s)
{
	size_t	len = strlen(s);

	if (len == 15)
		return (digits(s, 15));
	if (len == 18)
		return (digits(s, 17) && (isdigit((unsigned char)s[17]) ||
		    s[17] == 'X' || s[17] == 'x'));
	return (0);
}
