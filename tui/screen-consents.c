/* A resident's consents to departments' reads: the list with each one's
 * state; N prints the 核对授权书 of a purpose needing consent (its
 * scope, signed on, expires on) and records it once everyone listed on
 * it has signed; W withdraws the chosen one
 * with a reason, once confirmed; P prints its 核对授权书 again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "keys.h"
#include "list.h"
#include "dialog-prompt.h"
#include "print-consent.h"
#include "print-ui.h"
#include "request.h"
#include "screen-consents.h"
#include "table.h"
#include "tui.h"
#include "when.h"
#include "../api/consents.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

enum { SLOT_LIST, SLOT_PURPOSES, SLOT_RECORD, SLOT_WITHDRAW };

struct cons {
	long long		 id;
	char			*name;
	char			*id_masked;
	char			**adults;
	size_t			 nadults;
	struct consent_list	*cl;
	struct dept_purpose_list *pl;
	struct list		 l;
	int			 pick;		/* the purpose being recorded */
	char			*scope;
	char			*signed_on;
	char			*expires_on;	/* as it will be recorded */
};

static const struct keyhelp consents_keys[] = {
	{ N_("Esc"), N_("Back"), 1 },
	{ N_("N"), N_("Record a consent"), 1 },
	{ N_("W"), N_("Withdraw"), 1 },
	{ N_("P"), N_("Print the authorisation"), 1 },
	{ N_("Up/Down"), N_("Choose a consent"), 0 },
	{ N_("F5"), N_("Reload"), 0 },
	{ NULL, NULL, 0 }
};

static void
on_list(struct api_result *r, void *arg)
{
	struct cons	*c = arg;

	if (!app_answer(r))
		return;
	model_consent_list_free(c->cl);
	c->cl = r->model;
	r->model = NULL;
	list_count(&c->l, (int)c->cl->n);
}

static void
on_purposes(struct api_result *r, void *arg)
{
	struct cons	*c = arg;

	if (!app_answer(r))
		return;
	model_purpose_list_free(c->pl);
	c->pl = r->model;
	r->model = NULL;
}

static void
load(struct cons *c)
{
	struct request	*rq = request_new(c, SLOT_LIST, on_list, c);

	request_call(rq, api_consents(app.api, c->id, request_reply, rq));
	if (c->pl != NULL)
		return;
	rq = request_new(c, SLOT_PURPOSES, on_purposes, c);
	request_call(rq, api_purposes(app.api, request_reply, rq));
}

static void
consents_init(struct screen *s, void *arg)
{
	struct consents_open	*o = arg;
	struct cons		*c = xcalloc(1, sizeof *c);
	size_t			 i;

	c->id = o->resident_id;
	c->name = xstrdup(o->name);
	c->id_masked = xstrdup(o->id_masked);
	c->adults = xcalloc(o->nadults + 1, sizeof *c->adults);
	for (i = 0; i < o->nadults; i++)
		c->adults[i] = xstrdup(o->adults[i]);
	c->nadults = o->nadults;
	s->data = c;
	load(c);
}

static void
consents_free(struct screen *s)
{
	struct cons	*c = s->data;
	size_t		 i;

	model_consent_list_free(c->cl);
	model_purpose_list_free(c->pl);
	for (i = 0; i < c->nadults; i++)
		free(c->adults[i]);
	free(c->adults);
	free(c->name);
	free(c->id_masked);
	free(c->scope);
	free(c->signed_on);
	free(c->expires_on);
	free(c);
}

static void
consents_reload(struct screen *s)
{
	load(s->data);
}

static int
consents_shows(struct screen *s, enum resource what, long long id)
{
	struct cons	*c = s->data;

	return (what == RES_RESIDENT && (id == 0 || id == c->id));
}

static const struct dept_purpose *
purpose_of(struct cons *c, const char *code)
{
	size_t	i;

	for (i = 0; c->pl != NULL && i < c->pl->n; i++) {
		if (strcmp(c->pl->items[i].code, code) == 0)
			return (&c->pl->items[i]);
	}
	return (NULL);
}

/* The 核对授权书: every adult of the household signs for a purpose that
 * needs them all, else the resident alone. */
static void
print_it(struct cons *c, const struct dept_purpose *p,
    const struct consent *k)
{
	const char	*self[1] = { c->name };
	int		 all = strcmp(p->consent, "household_adults") == 0 &&
			    c->nadults > 0;

	print_ui_offer(print_consent(p, k, c->name, c->id_masked, all ?
	    (const char *const *)c->adults : self, all ? c->nadults : 1),
	    NULL);
}

static void
on_recorded(struct api_result *r, void *arg)
{
	struct cons		*c = arg;
	struct consent		*k;

	if (!app_answer(r))
		return;
	k = r->model;
	app_message(MSG_INFO, _("Consent to %s recorded, in force until %s."),
	    k->purpose_name, k->expires_on);
	app_changed(RES_RESIDENT, c->id);
}

/* The clerk's answer to "signed by everyone?", owned by its dialog. */
struct signing {
	struct cons	*c;
	int		 yes;
};

static void
signed_yes(void *arg)
{
	struct signing		*sg = arg;
	struct cons		*c = sg->c;
	struct request		*rq;
	const struct dept_purpose *p = &c->pl->items[c->pick];
	char			*what;

	sg->yes = 1;
	what = xasprintf("%s %s %s %s", p->code, c->scope, c->signed_on,
	    c->expires_on);
	rq = request_new(c, SLOT_RECORD, on_recorded, c);
	request_call(rq, api_consent_record(app.api, c->id, p->code,
	    c->scope, c->signed_on, c->expires_on, request_key(rq, what),
	    request_reply, rq));
	free(what);
}

/* The dialog has gone: a consent not signed is not recorded. */
static void
signing_free(void *arg)
{
	struct signing	*sg = arg;

	if (!sg->yes)
		app_message(MSG_INFO, "%s", _("Not signed by everyone: "
		    "nothing was recorded."));
	free(sg);
}

/* The term as it will be recorded: expires on the date given, or the
 * purpose's last day when none; -1, said, when a date is wrong. */
static int
term_of(struct cons *c, const struct dept_purpose *p, const char *text)
{
	char	today[16], last[16], day[16];

	when_today(today);
	if (when_date_add(c->signed_on, (int)p->consent_days, last) != 0 ||
	    strcmp(c->signed_on, today) > 0) {
		app_message(MSG_ERROR, _("Signed on %s: not a date, or after "
		    "today."), c->signed_on);
		return (-1);
	}
	if (*text == '\0')
		text = last;
	else if (when_date_add(text, 0, day) != 0 ||
	    strcmp(text, c->signed_on) < 0 || strcmp(text, last) > 0) {
		app_message(MSG_ERROR, _("It expires on %s at the latest, not "
		    "before it was signed."), last);
		return (-1);
	}
	free(c->expires_on);
	c->expires_on = xstrdup(text);
	return (0);
}

/* The 核对授权书 printed with the dates it will be recorded with; the
 * consent is recorded only once everyone listed on it has signed. */
static void
got_expiry(const char *text, void *arg)
{
	struct cons		*c = arg;
	const struct dept_purpose *p = &c->pl->items[c->pick];
	struct consent		 k;
	struct signing		*sg;

	if (term_of(c, p, text) != 0)
		return;
	memset(&k, 0, sizeof k);
	k.scope = c->scope;
	k.signed_on = c->signed_on;
	k.expires_on = c->expires_on;
	print_it(c, p, &k);
	sg = xcalloc(1, sizeof *sg);
	sg->c = c;
	confirm_ask_free(_("Signed by everyone listed? (y/n)"), signed_yes,
	    sg, signing_free);
}

static int
date_char(uint32_t ch)
{
	return ((ch >= '0' && ch <= '9') || ch == '-');
}

static void
got_signed(const char *text, void *arg)
{
	struct cons	*c = arg;

	free(c->signed_on);
	c->signed_on = xstrdup(text);
	prompt_ask(&(struct prompt){ .title = _("Expires on (empty: the "
	    "purpose's whole term)"), .max_chars = 10, .filter = date_char,
	    .done = got_expiry, .arg = c });
}

static void
got_scope(const char *text, void *arg)
{
	struct cons	*c = arg;
	char		 today[16];

	free(c->scope);
	c->scope = xstrdup(text);
	when_today(today);
	prompt_ask(&(struct prompt){ .title = _("Signed on"), .initial =
	    today, .max_chars = 10, .min_chars = 10, .filter = date_char,
	    .done = got_signed, .arg = c });
}

/* The purposes needing consent, as list_ask's items. */
static void
picked(int index, void *arg)
{
	struct cons	*c = arg;
	size_t		 i;
	int		 n = -1;

	for (i = 0; i < c->pl->n; i++) {
		if (strcmp(c->pl->items[i].consent, "none") != 0 && ++n ==
		    index)
			break;
	}
	if (i == c->pl->n)
		return;
	c->pick = (int)i;
	prompt_ask(&(struct prompt){ .title = _("What the consent covers "
	    "(as signed)"), .max_chars = 200, .done = got_scope, .arg = c });
}

static void
record(struct cons *c)
{
	const char	**items;
	char		**lines;
	size_t		  i;
	int		  n = 0;

	if (c->pl == NULL) {
		app_message(MSG_ERROR, "%s", _("The purposes are not loaded "
		    "yet. F5 tries again."));
		return;
	}
	items = xcalloc(c->pl->n + 1, sizeof *items);
	lines = xcalloc(c->pl->n + 1, sizeof *lines);
	for (i = 0; i < c->pl->n; i++) {
		if (strcmp(c->pl->items[i].consent, "none") == 0)
			continue;
		lines[n] = xasprintf("%s  %s", c->pl->items[i].dept,
		    c->pl->items[i].name);
		items[n] = lines[n];
		n++;
	}
	if (n == 0)
		app_message(MSG_INFO, "%s", _("No purpose needs a consent."));
	else
		list_ask(_("For which purpose?"), items, n, 0, picked, c);
	for (i = 0; i < (size_t)n; i++)
		free(lines[i]);
	free(lines);
	free(items);
}

struct withdraw {
	struct cons	*c;
	long long	 id;
	char		*reason;
};

static void
withdraw_free(void *arg)
{
	struct withdraw	*w = arg;

	free(w->reason);
	free(w);
}

static void
on_withdrawn(struct api_result *r, void *arg)
{
	struct cons	*c = arg;

	if (!app_answer(r))
		return;
	app_message(MSG_INFO, "%s", _("Consent withdrawn."));
	app_changed(RES_RESIDENT, c->id);
}

static void
withdraw_yes(void *arg)
{
	struct withdraw	*w = arg;
	struct request	*rq = request_new(w->c, SLOT_WITHDRAW, on_withdrawn,
			    w->c);
	char		*what = xasprintf("%lld %s", w->id, w->reason);

	request_call(rq, api_consent_withdraw(app.api, w->id, w->reason,
	    request_key(rq, what), request_reply, rq));
	free(what);
}

static void
got_reason(const char *text, void *arg)
{
	struct cons	*c = arg;
	struct consent	*k = &c->cl->items[list_selected(&c->l)];
	struct withdraw	*w = xcalloc(1, sizeof *w);
	char		*q;

	w->c = c;
	w->id = k->id;
	w->reason = xstrdup(text);
	q = xasprintf(_("Withdraw the consent to %s from today?"),
	    k->purpose_name);
	confirm_ask_free(q, withdraw_yes, w, withdraw_free);
	free(q);
}

static struct consent *
chosen(struct cons *c)
{
	int	i = list_selected(&c->l);

	return (c->cl != NULL && i >= 0 ? &c->cl->items[i] : NULL);
}

static int
consents_key(struct screen *s, int key)
{
	struct cons		*c = s->data;
	struct consent		*k = chosen(c);
	const struct dept_purpose *p;

	switch (key) {
	case 'n':
	case 'N':
		if (!request_refuse(c, SLOT_RECORD))
			record(c);
		return (1);
	case 'w':
	case 'W':
		if (k != NULL && *k->withdrawn_on != '\0')
			app_message(MSG_ERROR, "%s", _("That consent was "
			    "withdrawn already."));
		else if (k != NULL && !request_refuse(c, SLOT_WITHDRAW))
			prompt_ask(&(struct prompt){ .title = _("Why is it "
			    "withdrawn?"), .max_chars = 200, .min_chars = 1,
			    .done = got_reason, .arg = c });
		return (1);
	case 'p':
	case 'P':
		if (k != NULL && (p = purpose_of(c, k->purpose)) != NULL)
			print_it(c, p, k);
		return (1);
	}
	if (c->cl == NULL || list_key(&c->l, key) == LIST_UNUSED)
		return (0);
	app_dirty();
	return (1);
}

static const char *
state_of(const struct consent *k)
{
	if (*k->withdrawn_on != '\0')
		return (_("Withdrawn"));
	return (k->valid ? _("In force") : _("Expired"));
}

#define NCOLS 5

static void
draw_list(struct cons *c, int y, int end, int cols)
{
	struct table_col	 t[NCOLS] = {
		{ _("Purpose"), 8, 1, 0 }, { _("Department"), 4, 0, 0 },
		{ _("Signed"), 10, 0, 0 }, { _("Expires"), 10, 0, 0 },
		{ _("State"), 4, 0, 0 },
	};
	const char		**v;
	size_t			  i, n = c->cl->n;
	int			  nc = cols < 64 ? 3 : NCOLS;

	v = xcalloc(n * NCOLS + 1, sizeof *v);
	if (nc == 3) {
		t[1] = t[3];
		t[2] = t[4];
	}
	for (i = 0; i < n; i++) {
		struct consent	*k = &c->cl->items[i];

		v[i * nc] = k->purpose_name;
		v[i * nc + 1] = nc == 3 ? k->expires_on : k->dept;
		v[i * nc + 2] = nc == 3 ? state_of(k) : k->signed_on;
		if (nc == NCOLS) {
			v[i * nc + 3] = k->expires_on;
			v[i * nc + 4] = state_of(k);
		}
	}
	table_list(y, end, cols, t, nc, v, &c->l, 1);
	free(v);
}

/* The chosen consent's scope, who recorded it, why it was withdrawn. */
static void
draw_detail(struct cons *c, int y, int cols)
{
	struct consent	*k = chosen(c);

	if (k == NULL)
		return;
	draw_hline(y++, 0, cols);
	draw_field(y++, 1, _("Covers"), *k->scope != '\0' ? k->scope : "-",
	    cols - 1);
	draw_field(y++, 1, _("Recorded by"), k->recorded_by, cols - 1);
	if (*k->withdrawn_on != '\0')
		draw_field(y, 1, _("Withdrawn"), k->withdraw_reason,
		    cols - 1);
}

static void
consents_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct cons	*c = s->data;
	char		 title[256];
	int		 last = top + rows - 1;

	*cy = *cx = -1;
	snprintf(title, sizeof title, _("Consents of %s"), c->name);
	draw_text(top, 1, title, cols - 2, STYLE_TITLE);
	if (c->cl == NULL) {
		draw_text(top + 2, 2, request_busy(c, SLOT_LIST) ?
		    _("Loading...") : _("Not loaded. F5 tries again."),
		    cols - 4, STYLE_DIM);
		return;
	}
	if (c->cl->n == 0) {
		draw_text(top + 2, 2, _("No consent recorded. N records one."),
		    cols - 4, STYLE_DIM);
		return;
	}
	draw_list(c, top + 1, last - 4, cols);
	draw_detail(c, last - 4, cols);
}

const struct screen_ops screen_consents = {
	.name = "consents",
	.title = N_("A resident's consents"),
	.init = consents_init,
	.free = consents_free,
	.key = consents_key,
	.draw = consents_draw,
	.shows = consents_shows,
	.reload = consents_reload,
	.keys = consents_keys,
};
