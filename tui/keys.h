/*
 * Reading keys: curses taught every terminal's sequences, the line
 * editor's keys. F-keys also come from Esc followed by a digit (Esc 1 ..
 * Esc 0 = F1 .. F10), for terminals that eat F-keys.
 */
#ifndef TUI_KEYS_H
#define TUI_KEYS_H

#include "keycodes.h"

/* Reads every key that is waiting, calling fn for each; returns how many
 * were read. */
int	keys_drain(void (*fn)(int key));
/* Tells curses every sequence of keyseq.c, whatever TERM's terminfo
 * says, so that it waits for a sequence split by a slow link as it does
 * for its own; after initscr(). */
void	keys_teach_curses(void);
/* Applies a line-editor key; 1 if it was one. */
struct lineedit;
int	keys_edit(struct lineedit *, int key);
/* A lineedit filter: ASCII letters and digits (a counter's code). */
int	keys_alnum(uint32_t);

#endif
