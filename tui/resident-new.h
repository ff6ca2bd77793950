/* Registering a new resident (resident-new.c). */
#ifndef TUI_RESIDENT_NEW_H
#define TUI_RESIDENT_NEW_H

/* The registration form; id_number may be NULL (or a scanned one). */
void	resident_new_open(const char *id_number);

#endif
