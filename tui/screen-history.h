/* A resident's history (screen-history.c), opened from the profile. */
#ifndef TUI_SCREEN_HISTORY_H
#define TUI_SCREEN_HISTORY_H

/* screen_history's argument (copied). */
struct history_open {
	long long	 resident_id;
	const char	*name;
};

extern const struct screen_ops screen_history;

#endif
