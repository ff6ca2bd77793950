/* A resident's profile: identity (masked), contact, community and grid,
 * tags, and the household's members. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "draw.h"
#include "household-edit.h"
#include "household-new.h"
#include "keys.h"
#include "resident-edit.h"
#include "resident-labels.h"
#include "resident-records.h"
#include "resident-status.h"
#include "screen-consents.h"
#include "screen-reads.h"
#include "labels.h"
#include "list.h"
#include "print-ui.h"
#include "request.h"
#include "screen-history.h"
#include "table.h"
#include "when.h"
#include "tui.h"
#include "../api/kiosk.h"
#include "../locale/i18n.h"
#include "../printing/doc.h"
#include "../printing/paper-pickup.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

/* Request slots beside the profile's (0) and the records' (1 to 3). */
enum { SLOT_STATUS = 4, SLOT_HOUSEHOLD, SLOT_NEW_HOUSEHOLD, SLOT_PICKUP };

struct profile {
	long long	 id;
	struct resident	*r;
	struct list	 members;	/* the household */
	struct records	 rec;		/* applications, certificates, reveal */
	struct status_ask sa;		/* T, F */
	struct hh_ask	 hh;		/* U */
	struct hh_new	 hn;		/* U without a household */
	char		 then[5];	/* a service to apply for, once here */
};

static const struct keyhelp resident_keys[] = {
	{ N_("Esc"), N_("Back"), 1 },
	{ N_("F3"), N_("Apply for a service"), 1 },
	{ N_("S"), N_("Choose from the catalog"), 0 },
	{ N_("H"), N_("Changes"), 1 },
	{ N_("E"), N_("Change the record"), 1 },
	{ N_("T"), N_("Status"), 1 },
	{ N_("U"), N_("Household"), 1 },
	{ N_("F"), N_("Flag a data error"), 1 },
	{ N_("K"), N_("A fresh pickup code for the self-service terminal, "
	  "printed on a slip"), 0 },
	{ N_("V"), N_("Full ID (recorded)"), 1 },
	{ N_("C"), N_("Consents to departments"), 1 },
	{ N_("R"), N_("Who read the data"), 1 },
	{ N_("F5"), N_("Reload"), 1 },
	{ N_("Up/Down"), N_("Choose a household member"), 0 },
	{ N_("Enter"), N_("Open that member"), 0 },
	{ NULL, NULL, 0 }
};

static void	load(struct profile *);

static void
resident_init(struct screen *s, void *arg)
{
	struct profile	*p = xcalloc(1, sizeof *p);

	p->id = *(long long *)arg;
	p->rec.owner = p;
	p->sa.owner = p;
	p->sa.slot = SLOT_STATUS;
	p->hh.owner = p;
	p->hh.slot = SLOT_HOUSEHOLD;
	p->hh.head = -1;
	p->hn.owner = p;
	p->hn.slot = SLOT_NEW_HOUSEHOLD;
	s->data = p;
	load(p);
}

static void
resident_free(struct screen *s)
{
	struct profile	*p = s->data;

	model_resident_free(p->r);
	records_free(&p->rec);
	status_ask_clear(&p->sa);
	household_ask_clear(&p->hh);
	household_new_clear(&p->hn);
	free(p);
}

static void
on_profile(struct api_result *res, void *arg)
{
	struct profile	*p = arg;
	size_t		 i;

	if (!app_answer(res))
		return;
	model_resident_free(p->r);
	p->r = res->model;
	res->model = NULL;
	records_load(&p->rec, p->id);
	list_count(&p->members, (int)p->r->nmembers);
	for (i = 0; i < p->r->nmembers; i++) {
		if (p->r->members[i].id == p->id)
			list_select(&p->members, (int)i);
	}
	if (p->then[0] != '\0' && app.top != NULL && app.top->data == p) {
		txcode_open(p->then);	/* F3 asked for this resident */
		p->then[0] = '\0';
	}
}

void
resident_open(long long id, const char *then_txcode)
{
	struct profile	*p;

	app_push(&screen_resident, &id);
	p = app.top->data;
	if (then_txcode != NULL)
		snprintf(p->then, sizeof p->then, "%s", then_txcode);
}

static void
load(struct profile *p)
{
	struct request	*rq = request_new(p, 0, on_profile, p);

	request_call(rq, api_resident_get(app.api, p->id, request_reply,
	    rq));
}

/* The record, its household, applications or certificates changed:
 * all again, the full numbers forgotten (they may be old now). */
static int
resident_shows(struct screen *s, enum resource what, long long id)
{
	struct profile	*p = s->data;
	size_t		 i;

	if (what == RES_APPLICATION || what == RES_CERTIFICATE)
		return (1);
	if (what != RES_RESIDENT)
		return (0);
	for (i = 0; p->r != NULL && i < p->r->nmembers; i++) {
		if (p->r->members[i].id == id)
			return (1);
	}
	return (id == 0 || id == p->id);
}

static void
resident_reload(struct screen *s)
{
	struct profile	*p = s->data;

	records_forget(&p->rec);
	load(p);
}

/* Consents (C) or the 查询记录 (R) of the resident, with the adults of
 * his household who sign a consent of them all. */
static void
open_consents(struct profile *p, const struct screen_ops *ops)
{
	struct consents_open	 o;
	const char		**adults;
	size_t			  i;

	adults = xcalloc(p->r->nmembers + 1, sizeof *adults);
	memset(&o, 0, sizeof o);
	for (i = 0; i < p->r->nmembers; i++) {
		if (p->r->members[i].age >= 18)
			adults[o.nadults++] = p->r->members[i].name;
	}
	if (o.nadults == 0)
		adults[o.nadults++] = p->r->s.name;
	o.resident_id = p->id;
	o.name = p->r->s.name;
	o.id_masked = p->r->s.id_number_masked;
	o.adults = adults;
	app_push(ops, &o);
	free(adults);
}

/* A key that needs the record, pressed before it came. */
static void
not_yet(struct profile *p)
{
	app_message(MSG_INFO, "%s", request_busy(p, 0) ? _("The resident is "
	    "still loading: try again in a moment.") : _("The resident is not "
	    "loaded. F5 tries again."));
}

/* The code goes on a slip for the resident; the screen keeps nothing
 * of it. */
static void
on_pickup_code(struct api_result *res, void *arg)
{
	struct profile		*p = arg;
	struct pickup_code	*c;
	struct pdoc		*d;
	struct tm		 tm;
	time_t			 t;
	char			 until[16] = "-", *id;

	if (!app_answer(res))
		return;
	c = res->model;
	if (*c->code == '\0') {
		/* the answer to a retry of a code whose first answer was
		 * lost: the server does not show a code twice */
		app_message(MSG_ERROR, "%s", _("The answer with the code was "
		    "lost: press K again for a fresh code."));
		return;
	}
	if ((t = when_parse(c->expires_at)) != (time_t)-1 &&
	    localtime_r(&t, &tm) != NULL)
		strftime(until, sizeof until, "%Y-%m-%d", &tm);
	id = xasprintf("pickup-%lld-%lld", p->id, (long long)time(NULL));
	d = paper_pickup_code(id, p->r != NULL ? p->r->s.name : "", c->code,
	    until);
	free(id);
	print_ui_document(d, 0);
	pdoc_free(d);
	app_message(MSG_INFO, _("A pickup code valid until %s is printed on "
	    "a slip for the resident; the ones before still work."), until);
}

/* K: a fresh pickup code (取件码) for the self-service terminal. */
static void
pickup_code(struct profile *p)
{
	struct request	*rq;

	if (p->r == NULL || request_refuse(p, SLOT_PICKUP))
		return;
	rq = request_new(p, SLOT_PICKUP, on_pickup_code, p);
	request_call(rq, api_pickup_code_new(app.api, p->id,
	    request_key(rq, "pickup"), request_reply, rq));
}

static int
resident_key(struct screen *s, int key)
{
	struct profile	*p = s->data;
	long long	 id;

	switch (key) {
	case 'k':
	case 'K':
		pickup_code(p);
		return (1);
	case 'v':
	case 'V':
		if (p->r != NULL)
			records_reveal(&p->rec, p->id);
		return (1);
	case 'c':
	case 'C':
		if (p->r != NULL)
			open_consents(p, &screen_consents);
		else
			not_yet(p);
		return (1);
	case 'r':
	case 'R':
		if (p->r != NULL)
			open_consents(p, &screen_reads);
		else
			not_yet(p);
		return (1);
	case 's':
	case 'S':
		if (p->r != NULL)
			app_push(&screen_catalog, NULL);
		return (1);
	case 'e':
	case 'E':
		if (p->r != NULL && !request_refuse(p, 0))
			resident_edit_open(p->r);
		return (1);
	case 'h':
	case 'H':
		if (p->r != NULL)
			app_push(&screen_history, &(struct history_open){ p->id,
			    p->r->s.name });
		return (1);
	case 't':
	case 'T':
		if (p->r != NULL && !request_refuse(p, 0))
			status_ask_start(&p->sa, p->r);
		return (1);
	case 'f':
	case 'F':
		if (p->r != NULL && !request_refuse(p, 0))
			status_ask_flag(&p->sa, p->r);
		return (1);
	case 'u':
	case 'U':
		if (p->r == NULL || request_refuse(p, 0))
			;
		else if (p->r->household_id == 0)
			household_new_ask(&p->hn, p->r);
		else
			household_ask_start(&p->hh, p->r, p->r->nmembers > 0 ?
			    p->r->members[p->members.sel].id : 0);
		return (1);
	}
	if (p->r == NULL || p->r->nmembers == 0)
		return (0);
	if (key == TK_ENTER) {
		id = p->r->members[p->members.sel].id;
		if (id != p->id)
			app_push(&screen_resident, &id);
		return (1);
	}
	if (list_key(&p->members, key) == LIST_UNUSED)
		return (0);
	app_dirty();
	return (1);
}

#define NCOLS 5

/* Returns the line after the last member drawn. */
static int
draw_members(struct profile *p, int y, int last, int cols)
{
	struct table_col	 c[NCOLS] = {
		{ _("Relation"), 4, 0, 0 }, { _("Name"), 6, 0, 0 },
		{ _("Sex"), 2, 0, 0 }, { _("Age"), 3, 0, 0 },
		{ _("ID number"), 18, 1, 0 },
	};
	struct household_member	*m;
	const char		**v;
	char			(*ages)[16];
	size_t			  i, n = p->r->nmembers;

	v = xcalloc(n * NCOLS + 1, sizeof *v);
	ages = xcalloc(n + 1, sizeof *ages);
	for (i = 0; i < n; i++) {
		m = &p->r->members[i];
		snprintf(ages[i], sizeof ages[i], "%d", m->age);
		v[i * NCOLS] = m->relation;
		v[i * NCOLS + 1] = m->name;
		v[i * NCOLS + 2] = label_sex(m->sex);
		v[i * NCOLS + 3] = ages[i];
		v[i * NCOLS + 4] = m->id_number_masked;
	}
	y = table_list(y, last + 1, cols, c, NCOLS, v, &p->members, 1);
	free(v);
	free(ages);
	return (y);
}

/* A dated change: "2026-11-27, 西安市" or the date alone. */
static int
dated(int y, const char *label, const char *date, const char *what,
    int cols)
{
	char	line[256];

	if (*date == '\0')
		return (y);
	snprintf(line, sizeof line, "%s%s%s", date, *what != '\0' ? ", " :
	    "", what);
	draw_field(y, 1, label, line, cols - 1);
	return (y + 1);
}

/* Residence type and 人户 state; a death, the moves; the open flags.
 * Returns the next line. */
static int
draw_status(const struct resident *r, int y, int last, int cols)
{
	char	line[512], at[24];
	size_t	i;

	snprintf(line, sizeof line, "%s, %s",
	    resident_residence_label(r->residence),
	    resident_presence_label(r->presence));
	draw_field(y++, 1, _("Residence"), line, cols - 1);
	if (*r->death_date != '\0' && y <= last)
		y = dated(y, _("Died"), r->death_date, *r->death_source !=
		    '\0' ? r->death_source : _("to be confirmed"), cols);
	if (strcmp(r->s.status, "moved_out") == 0 && y <= last)
		y = dated(y, _("Moved out"), r->moved_out_on, r->moved_out_to,
		    cols);
	else if (*r->moved_in_on != '\0' && y <= last)
		y = dated(y, _("Moved in"), r->moved_in_on, r->moved_in_from,
		    cols);
	for (i = 0; i < r->nflags && i < 2 && y <= last; i++) {
		when_day_hm(r->flags[i].raised_at, at, sizeof at);
		snprintf(line, sizeof line, _("Data error: %s (%s, %s)"),
		    r->flags[i].text, r->flags[i].raised_by, at);
		draw_text(y++, 1, line, cols - 2, STYLE_ERROR);
	}
	if (r->nflags > 2 && y <= last) {
		snprintf(line, sizeof line, _("... and %zu more data errors"),
		    r->nflags - 2);
		draw_text(y++, 1, line, cols - 2, STYLE_ERROR);
	}
	return (y);
}

static void
draw_profile(struct profile *p, int y, int last, int cols)
{
	struct resident	*r = p->r;
	struct buf	 b;
	char		 line[256], age[32];
	size_t		 i;
	int		 x;

	snprintf(age, sizeof age, _("%d years"), r->s.age);
	x = 1 + draw_text(y, 1, r->s.name, cols - 2, STYLE_TITLE);
	if (strcmp(r->s.status, "active") != 0) {
		/* what a counter must see before anything else */
		snprintf(line, sizeof line, "[%s]",
		    resident_status_label(r->s.status));
		x += 1 + draw_text(y, x + 1, line, cols - x - 2, STYLE_ERROR);
	}
	snprintf(line, sizeof line, "  %s  %s  %s", label_sex(r->s.sex), age,
	    r->ethnicity);
	draw_text(y++, x, line, cols - x - 1, STYLE_TITLE);
	y++;
	if (p->rec.rev != NULL) {
		/* asked for, and recorded at the server: full, marked so */
		x = draw_field(y, 1, _("ID number"), p->rec.rev->id_number, cols - 1);
		x = draw_field(y, x, _("Mobile"), *p->rec.rev->phone != '\0' ?
		    p->rec.rev->phone : "-", cols - 1);
		draw_text(y++, x, _("(shown in full, recorded)"), cols - x - 1,
		    STYLE_ERROR);
	} else {
		x = draw_field(y, 1, _("ID number"), r->s.id_number_masked,
		    cols - 1);
		draw_field(y++, x, _("Mobile"), *r->s.phone_masked != '\0' ?
		    r->s.phone_masked : "-", cols - 1);
	}
	x = draw_field(y, 1, _("Community"), r->s.community, cols - 1);
	snprintf(line, sizeof line, "%s %s %s", r->grid, r->grid_member,
	    r->grid_member_phone);
	draw_field(y++, x, _("Grid"), *r->grid != '\0' ? line : "-", cols - 1);
	draw_field(y++, 1, _("Address"), r->s.address, cols - 1);
	buf_init(&b);
	buf_add(&b, "", 0);
	for (i = 0; i < r->ntags; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "",
		    label_tag(r->tags[i]));
	draw_field(y++, 1, _("Tags"), r->ntags > 0 ? b.data : "-", cols - 1);
	buf_free(&b);
	y = draw_status(r, y, last, cols);
	y++;
	if (y > last)
		return;
	x = draw_text(y, 1, _("Household"), cols - 2, STYLE_TITLE);
	draw_hline(y, x + 2, cols - x - 3);
	if (r->nmembers > 0 && y + 1 <= last)
		y = draw_members(p, y + 1, last, cols);
	records_draw(&p->rec, y + 1, last, cols);
}

static void
resident_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct profile	*p = s->data;

	*cy = *cx = -1;
	if (p->r == NULL) {
		draw_text(top + 1, 2, request_busy(p, 0) ? _("Loading...") :
		    _("Not loaded. F5 tries again."), cols - 4, STYLE_DIM);
		return;
	}
	draw_profile(p, top + 1, top + rows - 1, cols);
}

/* Before the work is left (a lock, a hang-up): full numbers go. */
static void
resident_save(struct screen *s)
{
	struct profile	*p = s->data;

	records_forget(&p->rec);
}

/* The resident whose profile this is (NULL until it is there). */
static const struct resident *
resident_of(struct screen *s)
{
	struct profile	*p = s->data;

	return (p->r);
}

const struct screen_ops screen_resident = {
	.name = "resident",
	.title = N_("Resident"),
	.init = resident_init,
	.free = resident_free,
	.key = resident_key,
	.draw = resident_draw,
	.save = resident_save,
	.shows = resident_shows,
	.reload = resident_reload,
	.resident = resident_of,
	.keys = resident_keys,
};
