/* Changing a resident's record from the profile, and registering one. */
#ifndef TUI_RESIDENT_EDIT_H
#define TUI_RESIDENT_EDIT_H

#include <cjson/cJSON.h>

#include "../api/session.h"
#include "../api/residents.h"
#include "../api/catalog.h"
#include "../api/applications.h"

/* One field both the clerk and someone else changed, for the conflict
 * dialog: which value to keep. */
struct conflict_row {
	const char	*label;
	char		*yours, *theirs;	/* as words for the clerk */
	char		*field;
	int		 keep_theirs;
};

struct conflict {
	struct conflict_row	*rows;
	size_t			 nrows;
	/* Enter: keep what the rows say; Esc: back to the form. */
	void			(*apply)(void *arg);
	void			*arg;
};

extern const struct screen_ops dialog_conflict;

/* The edit form for r, over the profile. */
void	resident_edit_open(const struct resident *r);
/* The registration form; id_number may be NULL (or a scanned one). */
void	resident_new_open(const char *id_number);

#endif
