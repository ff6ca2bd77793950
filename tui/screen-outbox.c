/* F8: the outbox, what waits, what was refused and why, what went. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "draw.h"
#include "keys.h"
#include "list.h"
#include "table.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

#define MAX_SHOWN	200
#define NCOLS		4

struct obscr {
	struct outbox_item	items[MAX_SHOWN];
	int			n;
	struct list		l;
};

static const struct keyhelp outbox_keys[] = {
	{ N_("R"), N_("Send again now"), 1 },
	{ N_("D"), N_("Remove (refused or sent only)"), 1 },
	{ N_("Esc"), N_("Back"), 1 },
	{ N_("Enter"), N_("Show the whole reason"), 0 },
	{ NULL, NULL, 0 }
};

static void
reload(struct obscr *o)
{
	int	i;

	for (i = 0; i < o->n; i++)
		outbox_item_clear(&o->items[i]);
	o->n = app.outbox != NULL ? outbox_list(app.outbox, o->items,
	    MAX_SHOWN) : 0;
	list_count(&o->l, o->n);
	app_outbox_changed();
}

/* The sender moved an item on (sent, refused, waiting again). */
static void
ob_reload(struct screen *s)
{
	reload(s->data);
}

static void
ob_init(struct screen *s, void *arg)
{
	struct obscr	*o = xcalloc(1, sizeof *o);

	(void)arg;
	s->data = o;
	reload(o);
}

static void
ob_free(struct screen *s)
{
	struct obscr	*o = s->data;
	int		 i;

	for (i = 0; i < o->n; i++)
		outbox_item_clear(&o->items[i]);
	free(o);
}

static const char *
state_name(enum outbox_state st)
{
	switch (st) {
	case OUTBOX_PENDING:
		return (_("waiting"));
	case OUTBOX_FAILED:
		return (_("refused"));
	default:
		return (_("sent"));
	}
}

/* The application number of a sent item, else the last reason. */
static char *
outcome(const struct outbox_item *it)
{
	cJSON		*j;
	const char	*number;
	char		*out;

	if (it->state != OUTBOX_DONE)
		return (xstrdup(it->error));
	j = cJSON_Parse(it->result);
	number = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j,
	    "number"));
	out = xstrdup(number != NULL ? number : "");
	cJSON_Delete(j);
	return (out);
}

static int
ob_key(struct screen *s, int key)
{
	struct obscr		*o = s->data;
	struct outbox_item	*it = o->n > 0 ? &o->items[o->l.sel] : NULL;
	char			*why;

	switch (key) {
	case 'r':
	case 'R':
		if (it != NULL && it->state == OUTBOX_FAILED)
			outbox_retry(app.outbox, it->id);
		else if (it != NULL && app.session != NULL)
			outbox_wake(app.outbox, app.session->username);
		reload(o);
		break;
	case 'd':
	case 'D':
		if (it != NULL && it->state != OUTBOX_PENDING)
			outbox_discard(app.outbox, it->id);
		else if (it != NULL)
			app_message(MSG_ERROR, "%s", _("A waiting submission "
			    "cannot be removed: it may already be at the "
			    "server."));
		reload(o);
		break;
	case TK_ENTER:
		if (it != NULL) {
			why = outcome(it);
			app_message(it->state == OUTBOX_FAILED ? MSG_ERROR :
			    MSG_INFO, "%s: %s", it->label, why);
			free(why);
		}
		break;
	default:
		if (list_key(&o->l, key) == LIST_UNUSED)
			return (0);
	}
	app_dirty();
	return (1);
}

static void
ob_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct obscr		*o = s->data;
	struct table_col	 c[NCOLS] = {
		{ _("State"), 6, 0, 0 }, { _("Saved"), 11, 0, 0 },
		{ _("Submission"), 20, 0, 0 }, { _("Result"), 0, 1, 0 },
	};
	const char		**v = xcalloc((size_t)o->n * NCOLS + 1,
				    sizeof *v);
	char			(*when)[32] = xcalloc((size_t)o->n + 1,
				    sizeof *when);
	struct tm		 tm;
	int			 i, y = top + 1;

	*cy = *cx = -1;
	draw_text(top, 1, _("Outbox: submissions kept until the server has "
	    "them"), cols - 2, STYLE_TITLE);
	for (i = 0; i < o->n; i++) {
		localtime_r(&o->items[i].created_at, &tm);
		strftime(when[i], sizeof when[i], "%m-%d %H:%M", &tm);
		v[i * NCOLS] = state_name(o->items[i].state);
		v[i * NCOLS + 1] = when[i];
		v[i * NCOLS + 2] = o->items[i].label;	/* with the applicant */
		v[i * NCOLS + 3] = outcome(&o->items[i]);
	}
	table_layout(c, NCOLS, v, o->n, cols);
	table_head(y++, c, NCOLS);
	if (o->n == 0)
		draw_text(y, 2, _("Empty: everything was sent."), cols - 4,
		    STYLE_DIM);
	list_show(&o->l, top + rows - y);
	for (i = o->l.top; i < o->n && y < top + rows; i++, y++)
		table_row(y, c, NCOLS, v + i * NCOLS, i == o->l.sel ?
		    STYLE_SELECTED : o->items[i].state == OUTBOX_FAILED ?
		    STYLE_ERROR : STYLE_NORMAL);
	for (i = 0; i < o->n; i++)
		free((char *)v[i * NCOLS + 3]);
	free(v);
	free(when);
}

const struct screen_ops screen_outbox = {
	.name = "outbox",
	.title = N_("The outbox"),
	.init = ob_init,
	.free = ob_free,
	.key = ob_key,
	.draw = ob_draw,
	.shows_all = RES_MASK(RES_OUTBOX),
	.reload = ob_reload,
	.keys = outbox_keys,
};
