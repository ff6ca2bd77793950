/* Phone number checks and masking. */
#include <ctype.h>
#include <string.h>

#include "phone.h"
#include "../util/xmalloc.h"

int
phone_is_mobile(const char *s)
{
	size_t	i;

	if (strlen(s) != 11 || s[0] != '1' || s[1] < '3' || s[1] > '9')
		return (0);
	for (i = 2; i < 11; i++) {
		if (!isdigit((unsigned char)s[i]))
			return (0);
	}
	return (1);
}

char *
phone_mask(const char *s)
{
	size_t	 len = strlen(s), i, ndig = 0, seen = 0;
	char	*m = xstrdup(s);

	for (i = 0; i < len; i++)
		ndig += isdigit((unsigned char)s[i]) != 0;
	for (i = 0; i < len; i++) {
		if (!isdigit((unsigned char)s[i]))
			continue;
		if (ndig < 8 || (seen >= 3 && seen < ndig - 4))
			m[i] = '*';
		seen++;
	}
	return (m);
}
