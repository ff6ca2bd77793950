/*
 * The self-service terminal (bianmin --kiosk): the kiosk's session, the
 * resident's visit, and what every kiosk screen shares — keys filtered
 * to digits, X, Enter, Esc and +/-, the idle reset that wipes every
 * personal datum and goes back to the welcome, and the frame drawn
 * around each screen in large plain text.
 */
#ifndef TUI_KIOSK_H
#define TUI_KIOSK_H

#include "draw.h"
#include "tui.h"

#define KIOSK_ID_LEN	18
#define KIOSK_CODE_LEN	6

struct kiosk {
	int	 idle;		/* seconds */
	char	*user;
	char	*password;	/* kept for a new login; wiped at the end */
	int	 online;	/* the kiosk's session is open */
	char	*offline;	/* why not, or NULL while logging in */
	time_t	 retry_at;	/* the next login after a failure */
	int	 visiting;	/* a visit is open on the server */
	char	*visitor;	/* the masked name; wiped at the reset */
	int	 touched;	/* something to wipe at the reset */
	time_t	 last_act;	/* the last key a screen acted on, or card */
};
extern struct kiosk kiosk;

extern const struct screen_ops screen_kiosk_welcome;
extern const struct screen_ops screen_kiosk_code;
extern const struct screen_ops screen_kiosk_menu;
extern const struct screen_ops screen_kiosk_certs;
extern const struct screen_ops screen_kiosk_apps;
extern const struct screen_ops screen_kiosk_guides;
extern const struct screen_ops screen_kiosk_guide;

/* Takes the credentials (password is wiped and freed at the end), logs
 * in and shows the welcome. */
void	kiosk_begin(const char *user, char *password, int idle_seconds);
/* At exit: ends the visit on the server, waiting for its answer a
 * moment at most, and wipes what is kept. */
void	kiosk_end(void);
/* Back to the welcome: the visit ended on the server, every screen
 * (and its data, wiped by its free) gone, the message and the whole
 * terminal cleared. */
void	kiosk_reset(void);
/* A reply said 401: the visit or the kiosk's session is over. */
void	kiosk_auth_lost(void);
/* The common start of a kiosk screen's reply callback: marks the
 * screen for repaint; a 401 is kiosk_auth_lost (the screen is gone
 * then), another error is said. 1 when the reply is there to read. */
int	kiosk_answer(struct api_result *);
/* Every kiosk screen's tick: the idle reset and the login's retry. */
long	kiosk_tick(struct screen *);
/* Whether a kiosk screen acts on key (1), and notes that it did (the
 * idle timer counts only those); the others are swallowed. */
int	kiosk_key(int key);
/* Every kiosk screen's scan: a card read where none is asked for is
 * ignored. */
int	kiosk_scan_ignored(struct screen *, const char *id);
/* The frame: the title on top, the message and the keys at the foot;
 * returns the first row for the screen's body. */
int	kiosk_frame(int rows, int cols, const char *title, const char *keys);
/* Large plain text: a line in bold, centred when centre is set. */
void	kiosk_line(int y, int cols, const char *s, int centre,
	    enum style);
/* A paragraph in large plain text over at most maxrows rows; returns
 * the rows used. */
int	kiosk_para(int y, int cols, const char *s, int maxrows);
/* The printer's state before a print is offered: NULL when ready,
 * else a sentence (translated). */
const char *kiosk_printer_problem(void);
/* Wipes and frees a string (NULL is fine). */
void	kiosk_wipe(char *);

#endif
