/* GB 32100-2015 unified social credit codes. */
#include <string.h>

#include "uscc.h"

static const char	uscc_set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static int
value_of(int c)
{
	const char	*p;

	if (c == '\0' || (p = strchr(uscc_set, c)) == NULL)
		return (-1);
	return ((int)(p - uscc_set));
}

int
uscc_char_ok(int c)
{
	return (value_of(c) >= 0);
}

char
uscc_check_char(const char *first17)
{
	static const int	weights[17] = {
		1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
	};
	int			i, v, sum = 0, c;

	for (i = 0; i < 17; i++) {
		if ((v = value_of((unsigned char)first17[i])) < 0)
			return (0);
		sum += v * weights[i];
	}
	c = 31 - sum % 31;
	return (uscc_set[c == 31 ? 0 : c]);
}

enum uscc_error
uscc_check(const char *s)
{
	size_t	i;

	if (strlen(s) != 18)
		return (USCC_LENGTH);
	for (i = 0; i < 18; i++) {
		if (!uscc_char_ok((unsigned char)s[i]))
			return (USCC_CHARS);
	}
	return (uscc_check_char(s) == s[17] ? USCC_OK : USCC_CHECK);
}
