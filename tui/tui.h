/*
 * The application shell: the screen stack, the shared state every screen
 * reads (session, link, message line), and the hooks screens call. Screen
 * handlers change state and call app_dirty(); only the loop draws.
 *
 * This is tui/'s module header, the deliberate public face of the
 * folder: it declares what screen.c, bianmin.c and the kit export to
 * every screen, so it is not named for one file.
 */
#ifndef TUI_TUI_H
#define TUI_TUI_H

#include <curses.h>
#include <time.h>

#include "../api/client.h"
#include "../api/applications.h"
#include "../api/catalog.h"
#include "../api/residents.h"
#include "../api/session.h"
#include "../api/outbox.h"
#include "../api/sender.h"

struct screen;

/* One entry of a screen's key help: shown in the key bar and by F1. */
struct keyhelp {
	const char	*key;		/* msgid: "F2", "Enter", "Esc" */
	const char	*label;		/* msgid: "Resident" */
	int		 bar;		/* also in the key bar */
};

/* What an action changed, for refresh by resource: every screen on the
 * stack that shows it is marked stale and reloads when next drawn. */
enum resource {
	RES_RESIDENT,
	RES_APPLICATION,
	RES_CERTIFICATE,
	RES_HANDOFF,
	RES_OUTBOX,
	RES_EVENT,
	RES_FOLLOWUP,
	RES_VISIT,
	RES_TASK
};
#define RES_MASK(r)	(1u << (r))

struct screen_ops {
	const char		*name;
	const char		*title;		/* msgid: F1 and --keys */
	int			 overlay;	/* drawn over the screen below */
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
	/* A card scanned on this screen (scan.c): 1 if the screen took
	 * the ID number (a focused ID field, its own resident); 0 opens
	 * that resident's profile. May be NULL. */
	int			(*scan)(struct screen *, const char *id);
	/* The field a digit typed now is only text added to, so that the
	 * scan router shows digits at once and takes them back if they
	 * were a card's (scan.c); NULL (or no op): a digit waits until no
	 * burst can be coming. */
	struct lineedit		*(*typing)(struct screen *);
	/* Whether the screen shows the resource (id 0: any of it), and
	 * how it loads it again once stale. May be NULL; a list of every
	 * one of a kind says so in shows_all instead (RES_MASK()). */
	int			(*shows)(struct screen *, enum resource,
				    long long id);
	unsigned		 shows_all;
	void			(*reload)(struct screen *);
	/* The resident the screen is about (a profile's), for what opens
	 * from anywhere above it (resident_on_screen()). May be NULL. */
	const struct resident	*(*resident)(struct screen *);
	const struct keyhelp	*keys;
	/* The key bar's keys now, for a screen whose keys follow what it
	 * shows (a NULL-keyed list, owned by the screen); NULL or NULL
	 * returned: the keys above marked for the bar. */
	const struct keyhelp	*(*bar)(struct screen *);
	/* A screen that wakes by itself (a poll, a message that goes):
	 * run on the screen on top every turn; returns the milliseconds
	 * until it wants to run again, or -1. May be NULL. */
	long			(*tick)(struct screen *);
	/* Drawn over the whole terminal: no status, message or key bar. */
	int			 fullscreen;
};

struct request;
struct retry;

struct screen {
	const struct screen_ops	*ops;
	void			*data;
	struct screen		*below;
	struct screen		*opener;	/* a dialog's: whom it answers */
	struct request		*requests;	/* request.c */
	struct retry		*retries;
	int			 refs;		/* the stack's, and dialogs' */
	int			 dead;		/* popped: data is gone */
	int			 stale;		/* reload before drawing */
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
	struct screen		*message_screen; /* a hint's; NULL: all */
	int			 warned_locale;
	struct outbox		*outbox;	/* NULL: submissions refused */
	struct sender		*sender;
	int			 ob_pending;	/* counts for the status bar */
	int			 ob_failed;
	unsigned		 ob_changes;	/* counted at every change */
	double			 lock_minutes;	/* idle lock; 0: never */
	time_t			 last_key;
	int			 waiting;	/* the queue's; -1: unknown */
	const char		*evaluator;	/* --evaluator: its counter;
						   NULL for a clerk's client */
};

extern struct app app;

/* Screen stack. push takes arg to the new screen's init. A popped
 * screen's requests are cancelled; a dialog over it (its opener) holds
 * it until the dialog goes, and answers only while it is alive. */
void	app_push(const struct screen_ops *, void *arg);
void	app_pop(void);
int	app_opener_alive(const struct screen *dialog);
/* What else ends with a popped screen, set at start (its requests,
 * request_screen_gone()): fn(s) runs once s has left the stack, before
 * its free(). */
void	app_on_pop(void (*fn)(struct screen *));
/* What an action changed: the screens that show it go stale. */
void	app_changed(enum resource, long long id);
/* Stale screens that show reload; the loop calls it before drawing. */
void	app_refresh(void);
/* Pops every screen, then pushes this one. */
void	app_reset(const struct screen_ops *, void *arg);
void	app_dirty(void);
/* Sets the message line (printf-style; copied). NULL fmt clears it. */
void	app_message(enum msg_level, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* A message that names keys of the screen showing now ("P prints it"):
 * shown only while that screen is the one in view, gone with it, so
 * that another screen's P is never taken for this one's. */
void	app_hint(enum msg_level, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* The message to show on the screen in view, or NULL. */
const char *app_message_shown(void);
/* A request started or ended (request.c only): drives the spinner and
 * Esc-cancel hint, shown only once a request has taken BUSY_SHOW_MS (a
 * quick answer should not flash it, nor cost its bytes over a slow
 * link). */
#define BUSY_SHOW_MS	200
void	app_busy(int delta);
int	app_busy_shown(void);
/* Every screen saves what it holds (hang-up, quit). */
void	app_save_all(void);
/* After a 401: forget the session and return to the login screen. */
void	app_session_ended(const char *why);
/* 1 after a 401, the session ended as above (the screen is gone then). */
int	app_signed_out(const struct api_result *);
/* The common start of a reply's callback: an ended session goes to the
 * login (the screen is gone then), another error is said. 1 when the
 * reply is there to read. */
int	app_answer(struct api_result *);

/* F3: a service by its transaction code, for the resident on screen. */
void	txcode_prompt(void);
/* Opens the intake of the service with this code, for the resident on
 * screen if any, as if the code had been typed. */
void	txcode_open(const char *code);
/* A resident's profile; then_txcode (may be NULL) opens that service's
 * form for the resident once the profile is there. */
void	resident_open(long long id, const char *then_txcode);
/* The resident whose profile is open (the top-most screen with a
 * resident member), or NULL. */
const struct resident *resident_on_screen(void);

/* The outbox: opened once libcurl is loaded or a session begins (the
 * loop calls this every turn; it acts once); counts refreshed after a
 * change; the sender's events. */
void	outbox_ui_open(void);
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
extern const struct screen_ops dialog_prompt;	/* dialog-prompt.h */
extern const struct screen_ops screen_outbox;
extern const struct screen_ops screen_lock;
extern const struct screen_ops screen_result;
extern const struct screen_ops screen_queue;
extern const struct screen_ops screen_events;
extern const struct screen_ops screen_event;
extern const struct screen_ops screen_today;
extern const struct screen_ops screen_settings;
extern const struct screen_ops dialog_list;
extern const struct screen_ops screen_catalog;
extern const struct screen_ops screen_import;
extern const struct screen_ops screen_service;	/* arg: long long id */
extern const struct screen_ops screen_evaluator;
extern const struct screen_ops screen_followups;

/* dialog_list: choose one of n lines (copied), sel chosen at first;
 * typing narrows them. done runs on Enter, while the screen that asked
 * is there; not on Esc. */
void	list_ask(const char *title, const char *const *items, int n,
	    int sel, void (*done)(int index, void *arg), void *arg);
/* The same, all told: match (NULL: the item's text contains what is
 * typed) filters; ticks (NULL: one is chosen) are n flags Space toggles,
 * and Esc then answers too, with -1; del (NULL: none) is Del on an
 * item, the dialog gone as for done; arg_free(arg) once it has gone. */
struct list_ask {
	const char		 *title;
	const char *const	 *items;
	int			  n;
	int			  sel;
	int			(*match)(const char *text, int item, void *arg);
	unsigned char		 *ticks;
	void			(*done)(int index, void *arg);
	void			(*del)(int index, void *arg);
	void			 *arg;
	void			(*arg_free)(void *);
};
void	list_ask_with(const struct list_ask *);

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

/* screen_lookup's argument (NULL: an empty lookup): an ID number read
 * by a scan elsewhere, looked up at once; or the service (txcode, name)
 * whose applicant is asked for: the resident found opens with the
 * service's form over the profile. */
struct lookup_open {
	const char	*id;
	const char	*txcode;
	const char	*service_name;
};

/* screen_result's argument; the screen takes the application. */
struct result_open {
	cJSON		*application;	/* the server's, or what is known */
	long long	 local_ref;	/* > 0: still in the outbox */
};

/* The main menu's item i: its letter (upper case) and label (a msgid);
 * 0 past the last. */
int	home_item(int i, int *letter, const char **label);

/* The drafts waiting in the state folder, if any, in the list dialog
 * (sel chosen at first). */
void	drafts_offer(int sel);

/* A yes/no question over the screen on top (copied); yes(arg) runs
 * only if that screen is still there. */
void	confirm_ask(const char *question, void (*yes)(void *), void *arg);
/* The same, the dialog owning arg: arg_free(arg) once it has gone. */
void	confirm_ask_free(const char *question, void (*yes)(void *),
	    void *arg, void (*arg_free)(void *));

/* Minimum usable size; below it the shell says so instead of drawing. */
#define TUI_MIN_COLS	50
#define TUI_MIN_ROWS	12
/* The evaluator's small terminal beside the counter. */
#define EVAL_MIN_COLS	30
#define EVAL_MIN_ROWS	10

#endif
