/*
 * The one list view of every screen and dialog (STYLE.md 6a): a count,
 * a selection and the first row shown, moved by one key handler (Up,
 * Down, PgUp, PgDn, Home, End) and, where a list wants it, narrowed by
 * typing. Pure state: nothing here draws (table.c does), so the unit
 * tests drive it without a terminal.
 */
#ifndef TUI_LIST_H
#define TUI_LIST_H

#include <stddef.h>

#include "../forms/lineedit.h"

struct list {
	int		 n;		/* rows: the items the filter lets by */
	int		 sel;		/* the selected row (0 when none) */
	int		 top;		/* the first row shown */
	int		 rows;		/* rows the last draw had room for */
	int		 paged;		/* PgUp/PgDn turn the server's pages */
	int		 view;		/* a text to read: keys scroll it,
					   no row is selected */
	/* type-to-filter, once list_filter() is called */
	struct lineedit	 text;
	int		 filtering;
	int		*shown;		/* the item of each row */
	int		 total;		/* items before the filter */
	int		(*match)(const char *text, int item, void *arg);
	void		*arg;
};

/* What list_key did with a key. */
enum list_done {
	LIST_UNUSED,		/* not a list key: the caller's */
	LIST_MOVED,		/* the selection moved (or stayed at an end) */
	LIST_FILTERED,		/* the filter changed: new rows */
	LIST_ABOVE,		/* Up on the first row: focus may leave */
	LIST_PAGE_NEXT,		/* a paged list wants the next page */
	LIST_PAGE_PREV		/* ... or the one before */
};

/* Sets n rows (unfiltered), keeping the selection within them. */
void	list_count(struct list *, int n);
/* Filters total items by what is typed: match says whether item passes
 * text (called with "" too); max_chars bounds the text. */
void	list_filter(struct list *, int total, size_t max_chars,
	    int (*match)(const char *, int, void *), void *arg);
/* Runs the filter again (after the items changed). */
void	list_refilter(struct list *);
void	list_free(struct list *);
enum list_done list_key(struct list *, int key);
/* Scrolls so that the selection shows in rows rows; the draw calls it. */
void	list_show(struct list *, int rows);
/* The item shown at row (the row itself when unfiltered), or -1. */
int	list_item(const struct list *, int row);
/* The selected item, or -1 when the list is empty. */
int	list_selected(const struct list *);
/* Selects the row that shows item, if one does. */
void	list_select(struct list *, int item);
/* A paged list's page after d (LIST_PAGE_NEXT, _PREV) from page, with
 * total items per_page a page: 0 when there is none that way. */
int	list_turn(enum list_done d, int page, long long total, int per_page);
/* The pages total items fill (1 when there are none). */
int	list_pages(long long total, int per_page);

#endif
