/* A resident's status, residence type, 人户 state and the history's
 * fields and actions in the clerk's language, and what the role may do
 * with them (resident-labels.c). */
#ifndef TUI_RESIDENT_LABELS_H
#define TUI_RESIDENT_LABELS_H

/* Translated; an unknown code comes back as it is. */
const char	*resident_status_label(const char *status);
const char	*resident_residence_label(const char *residence);
const char	*resident_presence_label(const char *presence);
const char	*history_field_label(const char *field);
const char	*history_action_label(const char *action);
/* A history value as the clerk reads it: a status, residence type or
 * 人户 state in words; "-" for none; else as it is. */
const char	*history_value_label(const char *field, const char *value,
		    int none);
/* The role confirms or rejects a reported death and resolves data-error
 * flags (supervisor, admin). */
int		 resident_may_confirm(void);

/* Relations to the head of household (与户主关系) offered, 户主 not
 * among them; NULL-terminated. */
extern const char *const household_relations[];

#endif
