/* A resident's profile: identity (masked), contact, community and grid,
 * tags, and the household's members. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "keys.h"
#include "resident-edit.h"
#include "resident-records.h"
#include "labels.h"
#include "table.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

struct profile {
	long long	 id;
	struct api_call	*call;
	struct resident	*r;
	int		 sel;		/* household member */
	struct records	 rec;		/* applications, certificates, reveal */
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
	s->data = p;
	load(p);
}

static void
resident_free(struct screen *s)
{
	struct profile	*p = s->data;

	if (p->call != NULL) {
		api_cancel(app.api, p->call);
		app_busy(-1);
	}
	model_resident_free(p->r);
	records_free(&p->rec);
	free(p);
}

static void
on_profile(struct api_result *res, void *arg)
{
	struct profile	*p = arg;

	p->call = NULL;
	app_busy(-1);
	if (res->status == API_ERR_AUTH) {
		app_session_ended(res->message);
		return;
	}
	if (res->status != API_OK) {
		app_message(MSG_ERROR, "%s", res->message);
		return;
	}
	model_resident_free(p->r);
	p->r = res->model;
	res->model = NULL;
	records_load(&p->rec, p->id);
	for (p->sel = 0; p->sel < (int)p->r->nmembers; p->sel++) {
		if (p->r->members[p->sel].id == p->id)
			break;
	}
	if (p->sel == (int)p->r->nmembers)
		p->sel = 0;
	app_message(MSG_INFO, NULL);
}

static void
load(struct profile *p)
{
	if (p->call != NULL)
		return;
	p->call = api_resident_get(app.api, p->id, on_profile, p);
	app_busy(1);
}

void
resident_updated(struct resident *r)
{
	struct profile	*p;

	if (app.top == NULL || app.top->ops != &screen_resident ||
	    (p = app.top->data)->id != r->s.id || p->call != NULL) {
		model_resident_free(r);
		return;
	}
	model_resident_free(p->r);
	p->r = r;
	if (p->sel >= (int)r->nmembers)
		p->sel = 0;
	app_dirty();
}

static int
resident_key(struct screen *s, int key)
{
	struct profile	*p = s->data;
	long long	 id;

	switch (key) {
	case TK_ESC:
		if (p->call != NULL && p->r != NULL) {
			api_cancel(app.api, p->call);
			p->call = NULL;
			app_busy(-1);
		} else
			app_pop();
		return (1);
	case TK_F(5):
		records_forget(&p->rec);
		load(p);
		return (1);
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
		if (p->r != NULL && p->call == NULL)
			resident_edit_open(p->r);
		return (1);
	}
	if (p->r == NULL || p->r->nmembers == 0)
		return (0);
	switch (key) {
	case TK_UP:
		if (p->sel > 0)
			p->sel--;
		break;
	case TK_DOWN:
		if (p->sel + 1 < (int)p->r->nmembers)
			p->sel++;
		break;
	case TK_ENTER:
		id = p->r->members[p->sel].id;
		if (id != p->id)
			app_push(&screen_resident, &id);
		return (1);
	default:
		return (0);
	}
	app_dirty();
	return (1);
}

/* "Label: value" with the label in its own style; returns the next x. */
static int
field(int y, int x, const char *label, const char *value, int maxx)
{
	x += draw_text(y, x, label, maxx - x, STYLE_LABEL);
	x += draw_text(y, x, ": ", maxx - x, STYLE_LABEL);
	x += draw_text(y, x, value, maxx - x, STYLE_NORMAL);
	return (x + 3);
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
	table_layout(c, NCOLS, v, (int)n, cols);
	table_head(y++, c, NCOLS);
	for (i = 0; i < n && y <= last; i++, y++)
		table_row(y, c, NCOLS, v + i * NCOLS, (int)i == p->sel ?
		    STYLE_SELECTED : STYLE_NORMAL);
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
		x = field(y, 1, _("ID number"), p->rec.rev->id_number, cols - 1);
		x = field(y, x, _("Mobile"), *p->rec.rev->phone != '\0' ?
		    p->rec.rev->phone : "-", cols - 1);
		draw_text(y++, x, _("(shown in full, recorded)"), cols - x - 1,
		    STYLE_ERROR);
	} else {
		x = field(y, 1, _("ID number"), r->s.id_number_masked,
		    cols - 1);
		field(y++, x, _("Mobile"), *r->s.phone_masked != '\0' ?
		    r->s.phone_masked : "-", cols - 1);
	}
	x = field(y, 1, _("Community"), r->s.community, cols - 1);
	snprintf(line, sizeof line, "%s %s %s", r->grid, r->grid_member,
	    r->grid_member_phone);
	field(y++, x, _("Grid"), *r->grid != '\0' ? line : "-", cols - 1);
	field(y++, 1, _("Address"), r->s.address, cols - 1);
	buf_init(&b);
	buf_add(&b, "", 0);
	for (i = 0; i < r->ntags; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "",
		    label_tag(r->tags[i]));
	field(y++, 1, _("Tags"), r->ntags > 0 ? b.data : "-", cols - 1);
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
		draw_text(top + 1, 2, p->call != NULL ? _("Loading...") :
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

const struct screen_ops screen_resident = {
	.name = "resident",
	.init = resident_init,
	.free = resident_free,
	.key = resident_key,
	.draw = resident_draw,
	.save = resident_save,
	.keys = resident_keys,
};

const struct resident *
resident_on_screen(void)
{
	struct screen	*s;
	struct profile	*p;

	for (s = app.top; s != NULL; s = s->below) {
		if (s->ops != &screen_resident)
			continue;
		p = s->data;
		return (p->r);
	}
	return (NULL);
}
