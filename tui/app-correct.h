/*
 * 更正 of an application's form data (docs/api.md 8), the supervisor's
 * K on the application (app-correct.c): which field, its new value by
 * the field's type (a choice for a select, a line for text), checked
 * as the form checks it, then the reason; the reply goes to the screen.
 */
#ifndef TUI_APP_CORRECT_H
#define TUI_APP_CORRECT_H

#include <cjson/cJSON.h>

#include "../api/client.h"

struct app_detail;
struct form;

/* One correction being asked for; lives in the screen's data (owner),
 * whose requests the kit cancels when it goes. */
struct app_fix {
	const void	 *owner;
	int		  slot;
	api_cb		  done;		/* the reply (struct app_detail) */
	void		 *arg;
	long long	  id, version;
	cJSON		 *data;		/* the application's data, a copy */
	struct form	 *fm;		/* the service's form */
	int		 *fields;	/* those that may be corrected */
	char		**items;	/* "label: value", to choose from */
	int		  n;
	int		  field;	/* chosen */
	cJSON		 *value;	/* the new value; NULL removes it */
	char		 *label;	/* of the field chosen */
};

/* K: asks which field and what, then the reason, and sends it. owner,
 * slot, done and arg set, d the application on screen. */
void	app_fix_start(struct app_fix *, const struct app_detail *d);
/* Frees what the question holds (owner, done, arg stay). */
void	app_fix_clear(struct app_fix *);

#endif
