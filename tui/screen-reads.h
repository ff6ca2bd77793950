/* A resident's 查询记录 (screen-reads.c), opened from the profile with
 * a struct consents_open (screen-consents.h). */
#ifndef TUI_SCREEN_READS_H
#define TUI_SCREEN_READS_H

#include "screen-consents.h"

extern const struct screen_ops screen_reads;

#endif
