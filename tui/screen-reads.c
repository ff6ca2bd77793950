/* A resident's 查询记录: who read his data, when and for what — the
 * departments' reads for a purpose (a refusal for want of consent
 * too) and the staff's full-ID reveals, newest first; P prints it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "keys.h"
#include "list.h"
#include "print-consent.h"
#include "print-ui.h"
#include "request.h"
#include "screen-reads.h"
#include "table.h"
#include "tui.h"
#include "when.h"
#include "../api/consents.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

struct reads {
	long long		 id;
	char			*name;
	struct read_list	*rl;
	struct list		 l;
};

static const struct keyhelp reads_keys[] = {
	{ N_("Esc"), N_("Back"), 1 },
	{ N_("P"), N_("Print the record"), 1 },
	{ N_("Up/Down"), N_("Choose a read"), 0 },
	{ N_("F5"), N_("Reload"), 0 },
	{ NULL, NULL, 0 }
};

static void
on_reads(struct api_result *r, void *arg)
{
	struct reads	*v = arg;

	if (!app_answer(r))
		return;
	model_read_list_free(v->rl);
	v->rl = r->model;
	r->model = NULL;
	list_count(&v->l, (int)v->rl->n);
}

static void
load(struct reads *v)
{
	struct request	*rq = request_new(v, 0, on_reads, v);

	request_call(rq, api_resident_reads(app.api, v->id, request_reply,
	    rq));
}

static void
reads_init(struct screen *s, void *arg)
{
	struct consents_open	*o = arg;
	struct reads		*v = xcalloc(1, sizeof *v);

	v->id = o->resident_id;
	v->name = xstrdup(o->name);
	s->data = v;
	load(v);
}

static void
reads_free(struct screen *s)
{
	struct reads	*v = s->data;

	model_read_list_free(v->rl);
	free(v->name);
	free(v);
}

static void
reads_reload(struct screen *s)
{
	load(s->data);
}

static int
reads_key(struct screen *s, int key)
{
	struct reads	*v = s->data;

	if (key == 'p' || key == 'P') {
		if (v->rl != NULL)
			print_ui_offer(print_reads(v->rl), NULL);
		return (1);
	}
	if (v->rl == NULL || list_key(&v->l, key) == LIST_UNUSED)
		return (0);
	app_dirty();
	return (1);
}

/* What a read was for: the purpose, or a reveal's reason. */
static const char *
what_of(const struct data_read *d)
{
	if (strcmp(d->kind, "reveal") == 0)
		return (_("Full ID shown"));
	return (d->purpose);
}

static const char *
outcome_of(const struct data_read *d)
{
	if (strcmp(d->kind, "reveal") == 0)
		return ("-");
	if (d->refused)
		return (_("Refused: no consent"));
	return (d->records > 0 ? _("Read") : _("None found"));
}

#define NCOLS 4

static void
draw_list(struct reads *v, int y, int end, int cols)
{
	struct table_col	 c[NCOLS] = {
		{ _("When"), 11, 0, 0 }, { _("Who"), 4, 0, 0 },
		{ _("For"), 8, 1, 0 }, { _("Outcome"), 4, 0, 0 },
	};
	const char		**t;
	char			(*at)[24], (*who)[160];
	size_t			  i, n = v->rl->n;
	int			  nc = cols < 64 ? 3 : NCOLS;

	t = xcalloc(n * NCOLS + 1, sizeof *t);
	at = xcalloc(n + 1, sizeof *at);
	who = xcalloc(n + 1, sizeof *who);
	for (i = 0; i < n; i++) {
		struct data_read	*d = &v->rl->items[i];

		when_day_hm(d->at, at[i], sizeof at[i]);
		snprintf(who[i], sizeof who[i], "%s%s%s", d->dept,
		    *d->dept != '\0' ? " " : "", d->staff);
		t[i * nc] = at[i];
		t[i * nc + 1] = who[i];
		t[i * nc + 2] = what_of(d);
		if (nc == NCOLS)
			t[i * nc + 3] = outcome_of(d);
	}
	table_list(y, end, cols, c, nc, t, &v->l, 1);
	free(who);
	free(at);
	free(t);
}

/* The chosen read in full: its legal basis or reason, its outcome. */
static void
draw_detail(struct reads *v, int y, int cols)
{
	struct data_read	*d;
	int			 i = list_selected(&v->l);

	if (i < 0)
		return;
	d = &v->rl->items[i];
	draw_hline(y++, 0, cols);
	if (strcmp(d->kind, "reveal") == 0)
		draw_field(y++, 1, _("Why"), d->reason, cols - 1);
	else
		draw_field(y++, 1, _("Legal basis"), d->basis, cols - 1);
	draw_field(y, 1, _("Outcome"), outcome_of(d), cols - 1);
}

static void
reads_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct reads	*v = s->data;
	char		 title[256];
	int		 last = top + rows - 1;

	*cy = *cx = -1;
	snprintf(title, sizeof title, _("Who read the data of %s"), v->name);
	draw_text(top, 1, title, cols - 2, STYLE_TITLE);
	if (v->rl == NULL) {
		draw_text(top + 2, 2, request_busy(v, 0) ? _("Loading...") :
		    _("Not loaded. F5 tries again."), cols - 4, STYLE_DIM);
		return;
	}
	if (v->rl->n == 0) {
		draw_text(top + 2, 2, _("No one has read this resident's "
		    "data."), cols - 4, STYLE_DIM);
		return;
	}
	draw_list(v, top + 1, last - 3, cols);
	draw_detail(v, last - 3, cols);
}

const struct screen_ops screen_reads = {
	.name = "reads",
	.title = N_("Who read a resident's data"),
	.init = reads_init,
	.free = reads_free,
	.key = reads_key,
	.draw = reads_draw,
	.reload = reads_reload,
	.keys = reads_keys,
};
