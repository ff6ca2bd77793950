/* The day's list written out, and the 日结 printed (today-export.c). */
#ifndef TUI_TODAY_EXPORT_H
#define TUI_TODAY_EXPORT_H

#include "today.h"

/* Writes the day's list as CSV; says where, or why not. */
void	today_export(struct today *);
/* The 日结 on the receipt printer; a second copy is asked for. */
void	today_print(struct today *);

#endif
