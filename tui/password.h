/* The screen a first login goes through (screen-password.c). */
#ifndef TUI_PASSWORD_H
#define TUI_PASSWORD_H

struct screen_ops;

extern const struct screen_ops screen_password;

#endif
