/* Issuing certificates: the template filled in, which the demo seed
 * does too (certificate-issue.c). */
#ifndef SERVER_CERTIFICATE_ISSUE_H
#define SERVER_CERTIFICATE_ISSUE_H

#include <cjson/cJSON.h>

/* A template's body filled in for a resident (sex M or F) on a local
 * date, as issuing does. Caller frees. */
char	*certificate_fill(const cJSON *tmpl, const cJSON *data,
	    int validity_days, const char *name, const char *id_number,
	    const char *sex, const char *birth, const char *address,
	    const char *community, const char *purpose, const char *date);

/* A new verify_token (43 characters of base64url, token[44]) and
 * verify_code (8 characters, code[9]); 0, or -1 without randomness. */
int	 certificate_tokens(char *token, char *code);

#endif
