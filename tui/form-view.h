/* The form screen's state and its drawing (layout, scrolling). */
#ifndef TUI_FORM_VIEW_H
#define TUI_FORM_VIEW_H

#include <cjson/cJSON.h>

#include "form-fee.h"
#include "promise-ui.h"
#include "../forms/form.h"

struct api_call;

/* A place the cursor can stop: a field, or one line of the materials
 * checklist. */
struct form_stop {
	int	field;
	int	material;	/* -1 unless a materials line */
};

struct formscr {
	struct form		*fm;
	cJSON			*service;	/* owned */
	long long		 service_id;
	char			*title;
	long long		 resident_id;
	char			*resident_name;
	struct form_stop	*stops;
	int			 nstops;
	int			 focus;
	int			 scroll;	/* first line shown */
	int			 modified;
	int			 broken;	/* the schema did not load */
	int			 submitted;
	char			*draft_key;
	char			 key[33];	/* Idempotency-Key */
	long long		 outbox_id;	/* waiting for its answer */
	void			(*submit)(struct formscr *, void *);
	void			*submit_arg;
	void			(*submit_free)(void *);
	int			 sending;	/* its own submit is waiting */
	char			*note;		/* under the form, or NULL */
	struct form_fee		 fee;		/* the fee the applicant will
						   owe, and why */
	struct promise_ask	 promise;	/* 告知承诺 asked about */
	int			 promising;	/* ... for this material */
};

/* Draws the form into rows [top, top + rows); scrolls so the focused
 * stop is visible; returns the cursor through cy, cx (-1: hidden). */
void	form_view_draw(struct formscr *, int top, int rows, int cols,
	    int *cy, int *cx);
/* How many stops one page down moves, for PgDn. */
int	form_view_page(struct formscr *, int rows);

#endif
