/*
 * Drafts: a form's values kept on disk (0600, in the state folder) on
 * every field exit and on hang-up, so a dropped session loses nothing.
 * A draft is a JSON document; the caller adds what it needs to reopen
 * the form (the service, the resident).
 */
#ifndef FORMS_DRAFT_H
#define FORMS_DRAFT_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "form.h"

/* The form's values, origins, ticked materials and overrides. */
cJSON	*draft_values(const struct form *);
/* Puts saved values back; returns how many fields were restored. */
int	 draft_restore(struct form *, const cJSON *values);

/* Writes doc as dir/key.json durably; 0, or -1 with errno. */
int	 draft_write(const char *dir, const char *key, const cJSON *doc);
/* Reads a draft file; NULL and *cause (caller frees) on error. */
cJSON	*draft_read(const char *path, char **cause);
/* The draft files in dir, oldest first; *n gets the count. The caller
 * frees each and the array. */
char	**draft_list(const char *dir, size_t *n);
int	 draft_remove(const char *dir, const char *key);

#endif
