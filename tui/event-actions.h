/* The steps of a grid event the screen offers (event-actions.c): each
 * with its key, its label and what it asks before it is sent; which
 * of them the event allows the user now, from the actions the server
 * lists for them (docs/api.md 12). */
#ifndef TUI_EVENT_ACTIONS_H
#define TUI_EVENT_ACTIONS_H

#include <stddef.h>

struct event;
struct keyhelp;

/* What a step asks, in order, before it is sent. */
enum event_ask {
	EASK_NONE = 0,
	EASK_NOTE = 0x1,	/* a note, required */
	EASK_NOTE_OPT = 0x2,	/* a note, Enter for none */
	EASK_RATING = 0x4,	/* 1 to 5 */
	EASK_UNIT = 0x8,	/* a unit of the centre's list */
	EASK_DATE = 0x10,	/* the new deadline */
	EASK_STAFF = 0x20	/* a colleague (assign) */
};

struct event_act {
	const char	*name;		/* the API's action; "assign", "note"
					   are routes of their own */
	int		 key;		/* lower case */
	const char	*keyname;	/* msgid: "W" */
	const char	*label;		/* msgid: "Sign" */
	int		 ask;		/* EASK_ bits */
	const char	*prompt;	/* msgid of the note's question */
	const char	*too_short;	/* msgid, for a required note */
};

/* Every step, in the order offered; NULL-named at the end. */
extern const struct event_act event_acts[];

/* The step bound to key (either case), or NULL. */
const struct event_act	*event_act_by_key(int key);
/* 1 if the user may take the step on the event now. */
int			 event_act_allowed(const struct event *,
			    const struct event_act *);
/* The allowed steps, at most max, into out; their count. */
int			 event_acts_allowed(const struct event *,
			    const struct event_act **out, int max);
/* The note a step of the event asks: its bits with EASK_NOTE when the
 * note is required there (a close of an unworked report, a unit's
 * 签收 asks who signed). */
int			 event_act_asks(const struct event *,
			    const struct event_act *);

#endif
