/* The login screen (screen-login.c). */
#ifndef TUI_SCREEN_LOGIN_H
#define TUI_SCREEN_LOGIN_H

/* Where a login goes once the password is the staff's own: the
 * lookup over the main menu (screen-login.c). */
void	login_landing(void);

#endif
