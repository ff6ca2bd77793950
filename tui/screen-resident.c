/* A resident's profile: identity (masked), contact, community and grid,
 * tags, and the household's members. */
#include <stdio.h>
#include <stdlib.h>

#include "draw.h"
#include "keys.h"
#include "resident-edit.h"
#include "resident-records.h"
#include "labels.h"
#include "list.h"
#include "request.h"
#include "table.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

struct profile {
	long long	 id;
	struct resident	*r;
	struct list	 members;	/* the household */
	struct records	 rec;		/* applications, certificates, reveal */
	char		 then[5];	/* a service to apply for, once here */
};

static const struct keyhelp resident_keys[] = {
	{ N_("Esc"), N_("Back"), 1 },
	{ N_("F3"), N_("Apply for a service"), 1 },
	{ N_("S"), N_("Choose from the catalog"), 0 },
	{ N_("E"), N_("Change the record"), 1 },
	{ N_("V"), N_("Full ID (recorded)"), 1 },
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
	s->data = p;
	load(p);
}

static void
resident_free(struct screen *s)
{
	struct profile	*p = s->data;

	model_resident_free(p->r);
	records_free(&p->rec);
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

static int
resident_key(struct screen *s, int key)
{
	struct profile	*p = s->data;
	long long	 id;

	switch (key) {
	case 'v':
	case 'V':
		if (p->r != NULL)
			records_reveal(&p->rec, p->id);
		return (1);
	case 's':
	case 'S':
		if (p->r != NULL)
			app_push(&screen_catalog, NULL);
		return (1);
	case 'e':
	case 'E':
		if (p->r != NULL && !request_busy(p, 0))
			resident_edit_open(p->r);
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

static void
draw_profile(struct profile *p, int y, int last, int cols)
{
	struct resident	*r = p->r;
	struct buf	 b;
	char		 line[256], age[32];
	size_t		 i;
	int		 x;

	snprintf(age, sizeof age, _("%d years"), r->s.age);
	snprintf(line, sizeof line, "%s   %s  %s  %s", r->s.name,
	    label_sex(r->s.sex), age, r->ethnicity);
	draw_text(y++, 1, line, cols - 2, STYLE_TITLE);
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
