/* Phone numbers: mainland mobiles and landlines with area code. */
#ifndef FORMS_PHONE_H
#define FORMS_PHONE_H

/* True for 1[3-9] followed by nine digits. */
int	 phone_is_mobile(const char *);
/* Masked copy keeping the first 3 and last 4 digits. Caller frees. */
char	*phone_mask(const char *);

#endif
