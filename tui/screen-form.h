/* The form screen's calls for the forms opened over it (screen-form.c). */
#ifndef TUI_SCREEN_FORM_H
#define TUI_SCREEN_FORM_H

#include "form-ui.h"

/* For a form's own submit: it went (the form closes, nothing is kept),
 * or the server's field errors go onto its fields. */
void		 form_ui_done(struct formscr *);
void		 form_ui_errors(struct formscr *, const struct api_result *);
/* While its own submit waits, the form takes no keys but Esc, which
 * stops waiting (F9 sends it again, with the same key). */
void		 form_ui_sending(struct formscr *, int on);

#endif
