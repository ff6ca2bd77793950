/* Unified social credit codes (GB 32100-2015): 18 characters from a
 * 31-character set, the last a MOD 31 check character. */
#ifndef FORMS_USCC_H
#define FORMS_USCC_H

enum uscc_error {
	USCC_OK,
	USCC_LENGTH,
	USCC_CHARS,
	USCC_CHECK
};

/* Checks s (upper case expected; callers upper-case what is typed). */
enum uscc_error	 uscc_check(const char *s);
/* The check character for the first 17 characters, or 0 if one is not
 * in the set. */
char		 uscc_check_char(const char *first17);
/* 1 if c (upper case) is in the code's character set. */
int		 uscc_char_ok(int c);

#endif
