/*
 * The application shell: the screen stack, the shared state every screen
 * reads (session, link, message line), and the hooks screens call. Screen
 * handlers change state and call app_dirty(); only the loop draws.
 */
#ifndef TUI_TUI_H
#define TUI_TUI_H

#include <curses.h>
#include <time.h>

#include "../api/client.h"
#include "../api/outbox.h"
#include "../api/sender.h"

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
	int			 editing;	/* keys are text: no scanning */
	void			(*init)(struct screen *, void *arg);
	void			(*free)(struct screen *);
	/* Returns 1 if the key was used, 0 to let the shell try it. */
	int			(*key)(struct screen *, int key);
	/* Draws into rows [top, top + rows) of the full width. Returns the
	 * cursor position through *cy, *cx, or -1 to hide it. */
	void			(*draw)(struct screen *, int top, int rows,
				    int cols, int *cy, int *cx);
	/* Keeps what the clerk typed (a draft), before a hang-up or quit;
	 * may be NULL. */
	void			(*save)(struct screen *);
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
	long long		 busy_since;	/* ms, monotonic */
	int			 spin;
	char			*message;
	enum msg_level		 message_level;
	int			 warned_locale;
	struct outbox		*outbox;	/* NULL: submissions refused */
	struct sender		*sender;
	int			 ob_pending;	/* counts for the status bar */
	int			 ob_failed;
	double			 lock_minutes;	/* idle lock; 0: never */
	time_t			 last_key;
	int			 waiting;	/* the queue's; -1: unknown */
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
/* A request started or ended: drives the spinner and Esc-cancel hint,
 * shown only once a request has taken BUSY_SHOW_MS (a quick answer
 * should not flash it, nor cost its bytes over a slow link). */
#define BUSY_SHOW_MS	200
void	app_busy(int delta);
int	app_busy_shown(void);
/* Asks before quitting; the loop ends once confirmed. */
void	app_ask_quit(void);
/* Every screen saves what it holds (hang-up, quit). */
void	app_save_all(void);
/* After a 401: forget the session and return to the login screen. */
void	app_session_ended(const char *why);

/* Scan anywhere: takes the keys of an ID card reader's burst on screens
 * that are not editing text; 1 if the key was taken. */
int	scan_key(int key);
/* F3: a service by its transaction code, for the resident on screen. */
void	txcode_prompt(void);
/* Opens the intake of the service with this code, for the resident on
 * screen if any, as if the code had been typed. */
void	txcode_open(const char *code);
/* The resident whose profile is open (the top-most), or NULL. */
const struct resident *resident_on_screen(void);

/* The outbox: counts refreshed after a change; the sender's events. */
void	app_outbox_changed(void);
void	outbox_ui_event(enum sender_event, const struct outbox_item *,
	    const struct api_result *, void *);
/* A form that waits for its own submission's first answer takes it. */
int	form_outbox_event(struct screen *, enum sender_event,
	    const struct outbox_item *, const struct api_result *);

/* Screens. */
extern const struct screen_ops screen_login;
extern const struct screen_ops screen_home;
extern const struct screen_ops screen_lookup;
extern const struct screen_ops screen_resident;
extern const struct screen_ops dialog_confirm;
extern const struct screen_ops dialog_help;
extern const struct screen_ops dialog_drafts;
extern const struct screen_ops dialog_prompt;	/* dialog-prompt.h */
extern const struct screen_ops screen_outbox;
extern const struct screen_ops screen_lock;
extern const struct screen_ops screen_result;
extern const struct screen_ops screen_queue;
extern const struct screen_ops screen_events;
extern const struct screen_ops screen_event;
extern const struct screen_ops screen_event_new;
extern const struct screen_ops screen_today;
extern const struct screen_ops screen_settings;
extern const struct screen_ops dialog_list;
extern const struct screen_ops screen_catalog;
extern const struct screen_ops screen_service;	/* arg: long long id */

/* dialog_list's argument: choose one of n lines (copied). done is not
 * called on Esc. */
struct list_choice {
	const char	*title;		/* translated */
	const char	**items;
	int		 n;
	int		 sel;		/* chosen at first */
	void		(*done)(int index, void *arg);
	void		*arg;
};

/* The queue from anywhere (Ctrl-N): opens it and calls the next. */
void	queue_next_anywhere(void);
/* The waiting count in the status bar: polled at most every 30 s while
 * someone works, never while logged out or locked; refreshed at once
 * after a queue action. */
void	queue_count_refresh(void);
void	queue_count_tick(time_t);
long	queue_count_timeout_ms(time_t);
/* The role may use the queue (clerk, supervisor, admin). */
int	role_has_queue(void);

/* screen_result's argument; the screen takes the application. */
struct result_open {
	cJSON		*application;	/* the server's, or what is known */
	long long	 local_ref;	/* > 0: still in the outbox */
};
/* A provisional result on screen takes its final number; 1 if shown. */
int	result_update(const struct outbox_item *);

/* How many drafts wait in the state folder. */
int	drafts_waiting(void);

/* dialog_confirm's argument. */
struct confirm {
	const char	*question;	/* translated already */
	void		(*yes)(void);
};

/* Minimum usable size; below it the shell says so instead of drawing. */
#define TUI_MIN_COLS	50
#define TUI_MIN_ROWS	12

#endif
