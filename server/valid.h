/* The formats of docs/api.md section 1.4, checked as the server takes
 * them in, with the field error codes the contract names. */
#ifndef SERVER_VALID_H
#define SERVER_VALID_H

#include <stddef.h>

/* NULL if s is an 18-character ID number (1.4.1), with the upper-case
 * form in norm[19]; else the error code (pattern, region, ...). */
const char	*valid_id_number(const char *s, char *norm);
/* 1 if s is a mobile or landline number; norm[16] gets it without the
 * landline's hyphen. */
int		 valid_phone(const char *s, char *norm);
/* 1 for a real YYYY-MM-DD date from 1900 on. */
int		 valid_date(const char *s);
/* NULL if s is a valid USCC (GB 32100), else the error code. */
const char	*valid_uscc(const char *s);
/* 1 if s has no forbidden control or bidi character (LF allowed only
 * when multiline). */
int		 valid_controls(const char *s, int multiline);
/* 1 for a counter: 1 to 8 ASCII letters or digits. */
int		 valid_counter(const char *s);
/* 1 if s matches the POSIX extended regular expression re, anchored. */
int		 valid_pattern(const char *s, const char *re);
/* First 3, then 11 stars, then the last 4. Caller frees. */
char		*mask_id(const char *s);
/* First 3, ****, last 4. Caller frees. */
char		*mask_phone(const char *s);
/* A name as the public pages show it: the first and the last character,
 * the rest as '*' (张*旗), into out[len]. */
void		 mask_name(const char *name, char *out, size_t len);
/* The zh-CN message for an ID number error code. */
const char	*valid_id_message(const char *code);

/* NULL-terminated vocabularies: ethnic groups, resident tags (sorted). */
const char *const *valid_ethnicities(void);
const char *const *valid_tags(void);

#endif
