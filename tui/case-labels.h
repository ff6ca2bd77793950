/* Applications' statuses and actions: their names for the clerk, the
 * key of each action, and which actions a status allows (docs/api.md,
 * section 8, the action table). */
#ifndef TUI_CASE_LABELS_H
#define TUI_CASE_LABELS_H

#include <stddef.h>

enum action_input {
	INPUT_NONE,
	INPUT_REASON,		/* reject: a reason, 2-200 characters */
	INPUT_MISSING,		/* request_materials: what is missing */
	INPUT_DEPARTMENT,	/* forward: the department */
	INPUT_COLLECTOR,	/* collect: who takes the result */
	INPUT_WITHDRAW		/* withdraw: the applicant's reason */
};

struct app_action {
	const char		*name;		/* the API's */
	int			 key;		/* lower case */
	const char		*label;		/* msgid */
	enum action_input	 input;
	const char		*from;		/* statuses, space-separated */
};

#define APP_NACTIONS	8
extern const struct app_action app_actions[APP_NACTIONS];

/* Translated; unknown codes come back as they are. */
const char	*label_app_status(const char *status);
const char	*label_app_action(const char *action);
/* The action bound to key (either case), or NULL. */
const struct app_action *app_action_by_key(int key);
const struct app_action *app_action_by_name(const char *name);
/* 1 if status allows the action. */
int		 app_action_allowed(const struct app_action *,
		    const char *status);
/* "A Accept, X Reject" for the actions named (translated, keys upper
 * case); "" when none. The caller frees it. */
char		*app_actions_text(const char *const *names, size_t n);
/* The same for the actions status allows. The caller frees it. */
char		*app_actions_for(const char *status);

/* 1 if the session's role may act on cases (clerk, supervisor, admin);
 * grid members only read them. */
int	cases_may_act(void);

#endif
