/*
 * Resident ID numbers (GB 11643-1999): 18 characters, six-digit region,
 * birth date, sequence (odd for men) and an ISO 7064 MOD 11-2 check
 * character. Old 15-digit numbers (no check character, two-digit year)
 * are accepted as such. Pure functions, shared by client and server.
 */
#ifndef FORMS_IDNUM_H
#define FORMS_IDNUM_H

#include <time.h>

enum idnum_error {
	IDNUM_OK,
	IDNUM_EMPTY,
	IDNUM_LENGTH,
	IDNUM_CHARS,
	IDNUM_REGION,
	IDNUM_BIRTH_DATE,
	IDNUM_FUTURE,
	IDNUM_CHECK_DIGIT
};

struct idnum_info {
	char	normalized[19];	/* upper-case X, NUL-terminated */
	int	year, month, day;
	char	sex;		/* 'M' or 'F' */
	int	legacy;		/* the old 15-digit form */
};

/* Checks s as of now (the birth date must not be later); info may be
 * NULL. Surrounding spaces are not accepted: callers trim. */
enum idnum_error idnum_check(const char *s, time_t now, struct idnum_info *);
/* The check character for the first 17 digits ('0'-'9' or 'X'). */
char		 idnum_check_char(const char *first17);
/* An English sentence for the error (a msgid: pass it to gettext). */
const char	*idnum_strerror(enum idnum_error);
/* A short machine code for the error (API field errors). */
const char	*idnum_code(enum idnum_error);
/* Full years of age at now. */
int		 idnum_age(const struct idnum_info *, time_t now);
/* Masked copy: first 3 and last 4 kept, the rest '*'. Caller frees. */
char		*idnum_mask(const char *s);
/* True if s looks like an attempt at an ID number (for a search box):
 * 15 or 18 characters of digits, the last of 18 may be X. */
int		 idnum_shape(const char *s);

#endif
