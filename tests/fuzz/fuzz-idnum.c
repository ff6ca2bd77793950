/* libFuzzer: ID number checks and masking. No crash; a valid number
 * gives a real date and a sex; a mask keeps the length and never shows
 * the birth date (characters 7 to 14 of 18). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../forms/idnum.h"
#include "../../forms/phone.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct idnum_info	 info;
	char			 s[32], *m;
	size_t			 i;

	if (size > 24)
		size = 24;
	memcpy(s, data, size);
	s[size] = '\0';
	if (idnum_check(s, 1764374400, &info) == IDNUM_OK) {
		if (info.month < 1 || info.month > 12 || info.day < 1 ||
		    info.day > 31 || (info.sex != 'M' && info.sex != 'F'))
			abort();
		if (!info.legacy && idnum_check_char(s) != info.normalized[17])
			abort();
	}
	m = idnum_mask(s);
	if (strlen(m) != strlen(s))
		abort();
	if (strlen(s) == 18) {
		for (i = 6; i < 14; i++) {
			if (m[i] != '*')
				abort();
		}
	}
	free(m);
	m = phone_mask(s);
	if (strlen(m) != strlen(s))
		abort();
	free(m);
	return (0);
}
