/* Value parsers shared by the field types. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "phone.h"
#include "value.h"

static int
all_digits(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return (0);
	}
	return (n > 0);
}

static int
real_date(int y, int m, int d)
{
	static const int	mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int			leap;

	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1)
		return (0);
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return (d <= mdays[m - 1] + (m == 2 && leap));
}

int
value_date(const char *s, char *out)
{
	int	y, m, d;

	if (strlen(s) == 8 && all_digits(s, 8))
		sscanf(s, "%4d%2d%2d", &y, &m, &d);
	else if (strlen(s) == 10 && s[4] == '-' && s[7] == '-' &&
	    all_digits(s, 4) && all_digits(s + 5, 2) && all_digits(s + 8, 2))
		sscanf(s, "%4d-%2d-%2d", &y, &m, &d);
	else
		return (-1);
	if (!real_date(y, m, d))
		return (-1);
	snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	return (0);
}

int
value_number(const char *s, long long *out)
{
	const char	*p = s;
	long long	 v = 0;
	int		 neg = 0;

	if (*p == '-') {
		neg = 1;
		p++;
	}
	if (!all_digits(p, strlen(p)) || strlen(p) > 15)
		return (-1);
	for (; *p != '\0'; p++)
		v = v * 10 + (*p - '0');
	*out = neg ? -v : v;
	return (0);
}

int
value_money(const char *s, long long *fen)
{
	const char	*dot = strchr(s, '.');
	size_t		 ilen = dot != NULL ? (size_t)(dot - s) : strlen(s);
	size_t		 flen = dot != NULL ? strlen(dot + 1) : 0;
	long long	 yuan = 0, cents = 0;
	size_t		 i;

	if (ilen == 0 || ilen > 12 || !all_digits(s, ilen) || flen > 2 ||
	    (dot != NULL && !all_digits(dot + 1, flen)))
		return (-1);
	for (i = 0; i < ilen; i++)
		yuan = yuan * 10 + (s[i] - '0');
	for (i = 0; i < 2; i++)
		cents = cents * 10 + (i < flen ? dot[1 + i] - '0' : 0);
	*fen = yuan * 100 + cents;
	return (0);
}

void
value_money_text(long long fen, char *out)
{
	snprintf(out, 32, "%lld.%02lld", fen / 100, fen % 100);
}

int
value_postal_code(const char *s)
{
	return (strlen(s) == 6 && all_digits(s, 6));
}

int
value_phone(const char *s)
{
	const char	*hyphen = strchr(s, '-');
	size_t		 len = strlen(s), area, local;

	if (phone_is_mobile(s))
		return (1);
	if (s[0] != '0' || len < 10 || s[1] == '0')
		return (0);
	if (hyphen != NULL) {
		area = (size_t)(hyphen - s);
		local = len - area - 1;
		return (area >= 3 && area <= 4 && all_digits(s, area) &&
		    local >= 7 && local <= 8 && all_digits(hyphen + 1, local));
	}
	/* without the hyphen: 0 + 2-3 digit area + 7-8 digit number */
	return (len >= 10 && len <= 12 && all_digits(s, len));
}
