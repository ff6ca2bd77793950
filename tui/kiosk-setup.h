/*
 * The self-service terminal's setup, without a terminal (kiosk-setup.c):
 * its idle reset, the keys a resident may use, and the kiosk's password
 * read from a private file.
 */
#ifndef TUI_KIOSK_SETUP_H
#define TUI_KIOSK_SETUP_H

/* Seconds without a key before every screen goes back to the welcome
 * and the resident's data is wiped. */
#define KIOSK_IDLE_DEFAULT	60
#define KIOSK_IDLE_MAX		3600

/* The idle reset in force: configured seconds (0 or less: not set). */
int	kiosk_idle_seconds(long configured);
/* Idle seconds from text, 1 to KIOSK_IDLE_MAX; -1 otherwise. */
long	kiosk_parse_idle(const char *);
/* Whether a key is one the kiosk acts on: digits, X, Enter, Esc, + and
 * -. Every other key (letters, F-keys, Ctrl-C, Ctrl-Z) is ignored. */
int	kiosk_key_allowed(int key);
/* The first line of a file only its owner may read or write (mode 0600
 * or stricter, a regular file of this user): the kiosk's password.
 * Caller wipes and frees. NULL with *cause (translated; caller frees). */
char	*kiosk_read_secret(const char *path, char **cause);
/* Whether a file is private as above: 1, else 0 (also when it cannot
 * be read). */
int	kiosk_file_private(const char *path);

#endif
