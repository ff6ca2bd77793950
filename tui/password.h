/* The screen a first login goes through (screen-password.c). */
#ifndef TUI_PASSWORD_H
#define TUI_PASSWORD_H

struct screen_ops;

extern const struct screen_ops screen_password;

/* Where a login goes once the password is the staff's own: the
 * lookup over the main menu (screen-login.c). */
void	login_landing(void);

#endif
