/* Reporting a grid event (screen-event-new.c). */
#ifndef TUI_SCREEN_EVENT_NEW_H
#define TUI_SCREEN_EVENT_NEW_H

/* The report form, once the grids are there (owner: the screen that
 * asks). */
void		 event_report_open(const void *owner);

#endif
