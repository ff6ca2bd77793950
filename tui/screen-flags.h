/* The supervisor's list of what the 一库 says needs him (screen-flags.c):
 * open data-error flags, and open applications of applicants who have
 * died or moved out. */
#ifndef TUI_SCREEN_FLAGS_H
#define TUI_SCREEN_FLAGS_H

extern const struct screen_ops screen_flags;

#endif
