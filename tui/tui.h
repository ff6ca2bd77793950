/*
 * The application shell: the screen stack, the shared state every screen
 * reads (session, link, message line), and the hooks screens call. Screen
 * handlers change state and call app_dirty(); only the loop draws.
 */
#ifndef TUI_TUI_H
#define TUI_TUI_H

#include <curses.h>

#include "../api/client.h"

struct screen;

/* One entry of a screen's key help: shown in the key bar and by F1. */
struct keyhelp {
	const char	*key;		/* msgid: "F2", "Enter", "Esc" */
	const char	*label;		/* msgid: "Resident" */
	int		 bar;		/* also in the key bar */
};

struct screen_ops {
	const char		*name;
	int			 overlay;	/* drawn over the screen below */
	void			(*init)(struct screen *, void *arg);
	void			(*free)(struct screen *);
	/* Returns 1 if the key was used, 0 to let the shell try it. */
	int			(*key)(struct screen *, int key);
	/* Draws into rows [top, top + rows) of the full width. Returns the
	 * cursor position through *cy, *cx, or -1 to hide it. */
	void			(*draw)(struct screen *, int top, int rows,
				    int cols, int *cy, int *cx);
	const struct keyhelp	*keys;
};

struct screen {
	const struct screen_ops	*ops;
	void			*data;
	struct screen		*below;
};

enum msg_level {
	MSG_INFO,
	MSG_ERROR
};

struct app {
	struct api		*api;
	struct api_session	*session;	/* NULL until logged in */
	struct screen		*top;
	const char		*counter_default;
	int			 dirty;
	int			 quit;
	int			 busy;		/* requests shown by the spinner */
	int			 spin;
	char			*message;
	enum msg_level		 message_level;
	int			 warned_locale;
};

extern struct app app;

/* Screen stack. push takes arg to the new screen's init. */
void	app_push(const struct screen_ops *, void *arg);
void	app_pop(void);
/* Pops every screen, then pushes this one. */
void	app_reset(const struct screen_ops *, void *arg);
void	app_dirty(void);
/* Sets the message line (printf-style; copied). NULL fmt clears it. */
void	app_message(enum msg_level, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* A request started or ended: drives the spinner and Esc-cancel hint. */
void	app_busy(int delta);
/* Asks before quitting; the loop ends once confirmed. */
void	app_ask_quit(void);
/* After a 401: forget the session and return to the login screen. */
void	app_session_ended(const char *why);

/* Screens. */
extern const struct screen_ops screen_login;
extern const struct screen_ops screen_home;
extern const struct screen_ops screen_lookup;
extern const struct screen_ops screen_resident;
extern const struct screen_ops dialog_confirm;
extern const struct screen_ops dialog_help;

/* dialog_confirm's argument. */
struct confirm {
	const char	*question;	/* translated already */
	void		(*yes)(void);
};

/* Minimum usable size; below it the shell says so instead of drawing. */
#define TUI_MIN_COLS	50
#define TUI_MIN_ROWS	12

#endif
