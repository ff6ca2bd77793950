/*
 * Reading keys: every terminal's sequences (keyseq.c), read here, not by
 * curses, and the line editor's keys. F-keys also come from Esc followed
 * by a digit (Esc 1 .. Esc 0 = F1 .. F10), for terminals that eat them.
 */
#ifndef TUI_KEYS_H
#define TUI_KEYS_H

#include "keycodes.h"

/* Reads every key that is waiting, calling fn for each; returns how many
 * were read. */
int	keys_drain(void (*fn)(int key));
/* Applies a line-editor key; 1 if it was one. */
struct lineedit;
int	keys_edit(struct lineedit *, int key);
/* A lineedit filter: ASCII letters and digits (a counter's code). */
int	keys_alnum(uint32_t);

#endif
