/* One application: what it is, where it stands, its timeline; the
 * actions that move it on as keys, each sent with the version on screen
 * (If-Match) and a key of its own (Idempotency-Key); the counter's
 * paperwork about it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "case-labels.h"
#include "cases.h"
#include "dialog-prompt.h"
#include "draw.h"
#include "form-ui.h"
#include "keys.h"
#include "print-cases.h"
#include "print-ui.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../printing/doc.h"
#include "../util/xmalloc.h"

struct appview {
	long long		 id;
	struct app_detail	*d;
	struct timeline		*tl;
	struct api_call		*call;		/* the application */
	struct api_call		*tl_call;
	struct api_call		*svc_call;	/* materials to choose from */
	int			 tl_top;
	const struct app_action	*acting;	/* waiting for its answer */
	const struct app_action	*asking;	/* its input being asked */
	struct form_field	*missing;	/* the choices offered */
	/* the last action sent: a retry after a lost answer keeps its key,
	 * so it is never done twice */
	char			*sent;
	char			 key[33];
	int			 lost;
};

static const struct keyhelp app_keys[] = {
	{ N_("Esc"), N_("Back"), 1 },
	{ N_("P"), N_("Print"), 1 },
	{ N_("A"), N_("Accept"), 0 },
	{ N_("B"), N_("Ask for missing materials"), 0 },
	{ N_("R"), N_("Missing materials received"), 0 },
	{ N_("F"), N_("Forward to a department"), 0 },
	{ N_("C"), N_("Complete"), 0 },
	{ N_("X"), N_("Refuse, with the reason"), 0 },
	{ N_("O"), N_("Hand over the result"), 0 },
	{ N_("P"), N_("Print the notice of the status (or the receipt)"), 0 },
	{ N_("M"), N_("Print the material receipt"), 0 },
	{ N_("Up/Down"), N_("Scroll the timeline"), 0 },
	{ N_("F5"), N_("Reload"), 0 },
	{ NULL, NULL, 0 }
};

static const struct keyhelp ro_keys[] = {
	{ N_("Esc"), N_("Back"), 1 },
	{ N_("Up/Down"), N_("Scroll the timeline"), 0 },
	{ N_("F5"), N_("Reload"), 0 },
	{ NULL, NULL, 0 }
};

static struct appview	*current;	/* the one a dialog answers to */

static void	load(struct appview *);

static void
view_init(struct screen *s, void *arg)
{
	struct application_open	*o = arg;
	struct appview		*v = xcalloc(1, sizeof *v);

	s->data = v;
	current = v;
	if (o->detail != NULL) {
		v->d = o->detail;
		o->detail = NULL;
		v->id = v->d->s.id;
	} else
		v->id = o->id;
	load(v);
}

static void
cancel(struct api_call **c)
{
	if (*c == NULL)
		return;
	api_cancel(app.api, *c);
	*c = NULL;
	app_busy(-1);
}

static void
missing_free(struct form_field *f)
{
	size_t	i;

	if (f == NULL)
		return;
	for (i = 0; i < f->noptions; i++) {
		free(f->options[i].value);
		free(f->options[i].label);
		free(f->options[i].label_en);
		free(f->options[i].pinyin);
	}
	free(f->options);
	free(f->chosen);
	free(f->label);
	free(f);
}

static void
view_free(struct screen *s)
{
	struct appview	*v = s->data;

	if (current == v)
		current = NULL;
	cancel(&v->call);
	cancel(&v->tl_call);
	cancel(&v->svc_call);
	model_app_detail_free(v->d);
	model_timeline_free(v->tl);
	missing_free(v->missing);
	free(v->sent);
	free(v);
}

static void
on_timeline(struct api_result *r, void *arg)
{
	struct appview	*v = arg;

	v->tl_call = NULL;
	if (!app_answer(r))
		return;
	model_timeline_free(v->tl);
	v->tl = r->model;
	r->model = NULL;
	v->tl_top = 0;
	app_dirty();
}

static void
load_timeline(struct appview *v)
{
	cancel(&v->tl_call);
	v->tl_call = api_application_timeline(app.api, v->id, on_timeline, v);
	app_busy(1);
}

static void
on_detail(struct api_result *r, void *arg)
{
	struct appview	*v = arg;

	v->call = NULL;
	if (!app_answer(r))
		return;
	model_app_detail_free(v->d);
	v->d = r->model;
	r->model = NULL;
	applications_changed(v->d);
	app_dirty();
}

/* The application (unless it came with the screen) and its timeline. */
static void
load(struct appview *v)
{
	if (v->d == NULL) {
		v->call = api_application_get(app.api, v->id, on_detail, v);
		app_busy(1);
	}
	load_timeline(v);
}

static void
reload(struct appview *v)
{
	cancel(&v->call);
	v->call = api_application_get(app.api, v->id, on_detail, v);
	app_busy(1);
	load_timeline(v);
}

char *
cases_refusal(const struct api_result *r, const char *status)
{
	struct problem_ext	*e = problem_ext_parse(r != NULL ?
				    r->problem_json : NULL);
	const char		*now = *e->current_status != '\0' ?
				    e->current_status : status;
	char			*allowed, *s;

	allowed = r != NULL && r->problem_json != NULL ?
	    app_actions_text((const char *const *)e->allowed, e->nallowed) :
	    app_actions_for(now);
	if (*allowed == '\0')
		s = xasprintf(_("Not possible: the application is %s, and "
		    "nothing more can be done with it."),
		    label_app_status(now));
	else
		s = xasprintf(_("Not possible while the application is %s. "
		    "Possible now: %s."), label_app_status(now), allowed);
	free(allowed);
	problem_ext_free(e);
	return (s);
}

/* A refused action: why, in a sentence, and what is on screen is made
 * true again from the server. */
static void
refused(struct appview *v, struct api_result *r)
{
	char	*s;

	if (r->http_status == 412) {
		app_message(MSG_ERROR, "%s", _("Someone else changed this "
		    "application meanwhile; nothing was done. It has been "
		    "reloaded: check it, then press the key again if it "
		    "still applies."));
		reload(v);
	} else if (strcmp(r->problem, "invalid-transition") == 0) {
		s = cases_refusal(r, v->d->s.status);
		app_message(MSG_ERROR, "%s", s);
		free(s);
		reload(v);
	} else if (r->nerrors > 0)
		app_message(MSG_ERROR, "%s: %s", r->message,
		    r->errors[0].message);
	else
		app_message(MSG_ERROR, "%s", r->message);
}

/* What the clerk is told, and may print, once an action is done. */
static void
done_message(const struct app_action *a, const char *status)
{
	if (strcmp(a->name, "request_materials") == 0)
		app_message(MSG_INFO, "%s", _("Done: the resident is asked "
		    "for the missing materials. P prints the notice listing "
		    "all of them."));
	else if (strcmp(a->name, "reject") == 0)
		app_message(MSG_INFO, "%s", _("Done: refused. P prints the "
		    "refusal notice with the reason."));
	else
		app_message(MSG_INFO, _("Done: %s. The application is now "
		    "%s."), _(a->label), label_app_status(status));
}

static void
on_acted(struct api_result *r, void *arg)
{
	struct appview		*v = arg;
	const struct app_action	*a = v->acting;

	v->call = NULL;
	v->acting = NULL;
	app_busy(-1);
	v->lost = r->status == API_ERR_NETWORK;
	if (r->status == API_ERR_AUTH) {
		app_session_ended(r->message);
		return;
	}
	if (r->status == API_ERR_NETWORK) {
		app_message(MSG_ERROR, _("No answer from the server (%s) It "
		    "may or may not have been done: press the same key again; "
		    "it is sent so that it cannot be done twice."), r->message);
		return;
	}
	if (r->status != API_OK) {
		refused(v, r);
		return;
	}
	model_app_detail_free(v->d);
	v->d = r->model;
	r->model = NULL;
	free(v->sent);
	v->sent = NULL;
	applications_changed(v->d);
	done_message(a, v->d->s.status);
	load_timeline(v);
}

/* Sends body for action a on the version on screen. The same request
 * again after a lost answer goes with the same key. */
static void
send_action(struct appview *v, const struct app_action *a, cJSON *body)
{
	char	*text;

	if (v->call != NULL || v->d == NULL) {
		cJSON_Delete(body);
		return;
	}
	if ((text = cJSON_PrintUnformatted(body)) == NULL)
		fatal("out of memory printing JSON");
	if (v->sent == NULL || !v->lost || strcmp(v->sent, text) != 0)
		api_new_key(v->key);
	free(v->sent);
	v->sent = text;
	v->acting = a;
	v->call = api_application_transition(app.api, v->id,
	    v->d->s.version, body, v->key, on_acted, v);
	app_busy(1);
	app_message(MSG_INFO, "%s", _("Sending..."));
}

static cJSON *
action_body(const struct app_action *a)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddStringToObject(b, "action", a->name);
	return (b);
}

static void
confirmed(void)
{
	if (current != NULL && current->asking != NULL)
		send_action(current, current->asking,
		    action_body(current->asking));
}

static void
reason_given(const char *text, void *arg)
{
	struct appview	*v = arg;
	cJSON		*b;
	size_t		 n = utf8_chars(text);

	if (v != current)
		return;
	if (n < 2 || n > 200) {
		app_message(MSG_ERROR, "%s", _("A refusal needs its reason, "
		    "2 to 200 characters: nothing was sent."));
		return;
	}
	b = action_body(v->asking);
	cJSON_AddStringToObject(b, "reason", text);
	send_action(v, v->asking, b);
}

static void
department_given(const char *text, void *arg)
{
	struct appview	*v = arg;
	cJSON		*b;
	size_t		 n = utf8_chars(text);

	if (v != current)
		return;
	if (n < 1 || n > 50) {
		app_message(MSG_ERROR, "%s", _("Name the department, up to 50 "
		    "characters: nothing was sent."));
		return;
	}
	b = action_body(v->asking);
	cJSON_AddStringToObject(b, "department", text);
	send_action(v, v->asking, b);
}

static void
collector_given(const char *name, const char *id_number, void *arg)
{
	struct appview	*v = arg;
	cJSON		*b, *c;

	if (v != current)
		return;
	b = action_body(v->asking);
	c = cJSON_AddObjectToObject(b, "collector");
	cJSON_AddStringToObject(c, "name", name);
	cJSON_AddStringToObject(c, "id_number", id_number);
	send_action(v, v->asking, b);
}

static void
missing_chosen(void *arg)
{
	struct appview		*v = arg;
	struct form_field	*f;
	cJSON			*b, *list;
	size_t			 i;

	if (v != current || (f = v->missing) == NULL)
		return;
	if (f->origin != ORIGIN_TYPED)
		return;		/* Esc: nothing asked for */
	b = action_body(v->asking);
	list = cJSON_AddArrayToObject(b, "missing_materials");
	for (i = 0; i < f->noptions; i++) {
		if (f->chosen[i])
			cJSON_AddItemToArray(list,
			    cJSON_CreateString(f->options[i].label));
	}
	if (cJSON_GetArraySize(list) == 0) {
		cJSON_Delete(b);
		app_message(MSG_ERROR, "%s", _("Tick what is missing with "
		    "Space, then Enter: nothing was sent."));
		return;
	}
	send_action(v, v->asking, b);
}

/* The service's materials as the options of a multiple choice. */
static struct form_field *
materials_field(const cJSON *service)
{
	struct form_field	*f = xcalloc(1, sizeof *f);
	const cJSON		*list, *it;
	const char		*name;

	list = cJSON_GetObjectItemCaseSensitive(service, "materials");
	f->type = FT_MULTISELECT;
	f->choice = -1;
	f->label = xstrdup(_("Missing materials"));
	f->options = xcalloc((size_t)cJSON_GetArraySize(list) + 1,
	    sizeof *f->options);
	cJSON_ArrayForEach(it, list) {
		name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(it,
		    "name"));
		if (name == NULL || *name == '\0')
			continue;
		f->options[f->noptions].label = text_sanitize(name, 0);
		f->options[f->noptions].value = xstrdup("");
		f->options[f->noptions].label_en = xstrdup("");
		f->options[f->noptions++].pinyin = xstrdup("");
	}
	f->chosen = xcalloc(f->noptions + 1, 1);
	return (f);
}

static void
on_service(struct api_result *r, void *arg)
{
	struct appview	*v = arg;
	struct service	*svc;
	struct choose	 c;

	v->svc_call = NULL;
	if (!app_answer(r))
		return;
	svc = r->model;
	missing_free(v->missing);
	v->missing = materials_field(svc->json);
	if (v->missing->noptions == 0) {
		app_message(MSG_ERROR, "%s", _("This service lists no "
		    "materials to ask for."));
		return;
	}
	memset(&c, 0, sizeof c);
	c.title = _("What is missing? Space ticks, Enter asks for them");
	c.field = v->missing;
	c.done = missing_chosen;
	c.arg = v;
	app_message(MSG_INFO, NULL);
	app_push(&dialog_choose, &c);
}

static void
ask_text(struct appview *v, const char *title, size_t max,
    void (*done)(const char *, void *))
{
	struct prompt	p = { title, NULL, max, NULL, done, v };

	app_push(&dialog_prompt, &p);
}

/* An action key: what it needs is asked for, then it is sent. */
static void
act(struct appview *v, const struct app_action *a)
{
	static struct confirm	c;
	static char		q[256];
	struct collector_ask	ca = { collector_given, v };
	char			*s;

	if (!app_action_allowed(a, v->d->s.status)) {
		s = cases_refusal(NULL, v->d->s.status);
		app_message(MSG_ERROR, "%s", s);
		free(s);
		return;
	}
	v->asking = a;
	switch (a->input) {
	case INPUT_NONE:
		snprintf(q, sizeof q, _("%s: %s?"), _(a->label),
		    v->d->s.number);
		c.question = q;
		c.yes = confirmed;
		app_push(&dialog_confirm, &c);
		break;
	case INPUT_REASON:
		ask_text(v, _("Reason for the refusal (printed on the "
		    "notice)"), 200, reason_given);
		break;
	case INPUT_DEPARTMENT:
		ask_text(v, _("Forward to which department?"), 50,
		    department_given);
		break;
	case INPUT_COLLECTOR:
		app_push(&dialog_collector, &ca);
		break;
	case INPUT_MISSING:
		cancel(&v->svc_call);
		v->svc_call = api_service_get(app.api, v->d->service_id,
		    on_service, v);
		app_busy(1);
		break;
	}
}

/* When the materials were asked for: the last such entry's time. */
static time_t
asked_at(const struct appview *v)
{
	size_t	i;

	for (i = v->tl != NULL ? v->tl->n : 0; i > 0; i--) {
		if (strcmp(v->tl->items[i - 1].action,
		    "request_materials") == 0)
			return (cases_instant(v->tl->items[i - 1].at));
	}
	return (cases_instant(v->d->updated_at));
}

/* P: the paper the status calls for, else the acceptance receipt. */
static void
print_status(struct appview *v)
{
	const char	*st = v->d->s.status;

	if (strcmp(st, "materials_requested") == 0)
		cases_print(cases_paper_missing(v->d, asked_at(v)));
	else if (strcmp(st, "rejected") == 0)
		cases_print(cases_paper_refusal(v->d));
	else
		cases_print(print_ui_application(v->d->json, 0, "receipt"));
}

static int
scroll_key(struct appview *v, int key)
{
	if (key == TK_UP && v->tl_top > 0)
		v->tl_top--;
	else if (key == TK_DOWN && v->tl != NULL &&
	    v->tl_top + 1 < (int)v->tl->n)
		v->tl_top++;
	else
		return (0);
	app_dirty();
	return (1);
}

static int
view_key(struct screen *s, int key)
{
	struct appview		*v = s->data;
	const struct app_action	*a;

	current = v;
	switch (key) {
	case TK_ESC:
		if (v->call != NULL || v->tl_call != NULL ||
		    v->svc_call != NULL) {
			cancel(&v->call);
			cancel(&v->tl_call);
			cancel(&v->svc_call);
			v->acting = NULL;
			app_message(MSG_INFO, "%s", _("Cancelled."));
		} else
			app_pop();
		return (1);
	case TK_F(5):
		reload(v);
		return (1);
	case TK_UP:
	case TK_DOWN:
		return (scroll_key(v, key));
	}
	if (v->d == NULL || s->ops == &screen_application_ro)
		return (0);
	if (key == 'p' || key == 'P')
		print_status(v);
	else if (key == 'm' || key == 'M')
		cases_print(print_ui_application(v->d->json, 0, "materials"));
	else if ((a = app_action_by_key(key)) != NULL && v->call == NULL)
		act(v, a);
	else
		return (a != NULL);
	return (1);
}

/* "Label: value"; returns the next x. */
static int
field(int y, int x, const char *label, const char *value, int maxx)
{
	x += draw_text(y, x, label, maxx - x, STYLE_LABEL);
	x += draw_text(y, x, ": ", maxx - x, STYLE_LABEL);
	x += draw_text(y, x, value, maxx - x, STYLE_NORMAL);
	return (x + 3);
}

/* What the status brought: reason, missing materials, department,
 * collector. Returns the next row. */
static int
draw_state(const struct app_detail *d, int y, int cols)
{
	char	*list;
	size_t	 i, len = 1;

	if (*d->reason != '\0')
		field(y++, 1, _("Reason"), d->reason, cols - 1);
	if (d->nmissing > 0) {
		for (i = 0; i < d->nmissing; i++)
			len += strlen(d->missing[i]) + 2;
		list = xcalloc(1, len);
		for (i = 0; i < d->nmissing; i++) {
			if (i > 0)
				strcat(list, ", ");
			strcat(list, d->missing[i]);
		}
		field(y++, 1, _("Missing"), list, cols - 1);
		free(list);
	}
	if (*d->department != '\0')
		field(y++, 1, _("Forwarded to"), d->department, cols - 1);
	if (*d->collector != '\0')
		field(y++, 1, _("Collected by"), d->collector, cols - 1);
	return (y);
}

static int
draw_head(struct appview *v, int y, int cols, int may_act)
{
	const struct app_detail	*d = v->d;
	char			 line[512], at[20], *acts;
	int			 x;

	snprintf(line, sizeof line, "%s   %s%s", d->s.number,
	    label_app_status(d->s.status), d->s.overdue ? _("  OVERDUE") : "");
	draw_text(y++, 1, line, cols - 2, STYLE_TITLE);
	snprintf(line, sizeof line, "%s %s", d->s.txcode, d->s.service);
	field(y++, 1, _("Service"), line, cols - 1);
	snprintf(line, sizeof line, "%s  %s  %s", d->s.resident,
	    d->s.id_masked, d->s.community);
	field(y++, 1, _("Applicant"), line, cols - 1);
	cases_local_time(d->s.created_at, at);
	snprintf(line, sizeof line, _("%s, counter %s, %s"), at, d->counter,
	    d->staff);
	x = field(y, 1, _("Taken"), line, cols - 1);
	field(y++, x, _("Due"), *d->s.due_date != '\0' ? d->s.due_date : "-",
	    cols - 1);
	y = draw_state(d, y, cols);
	if (may_act) {
		acts = app_actions_for(d->s.status);
		field(y++, 1, _("Possible now"), *acts != '\0' ? acts :
		    _("nothing (closed)"), cols - 1);
		free(acts);
	}
	return (y);
}

static void
draw_timeline(struct appview *v, int y, int last, int cols)
{
	struct timeline_entry	*e;
	char			 at[20], line[512];
	int			 i, x;

	x = draw_text(y, 1, _("Timeline"), cols - 2, STYLE_TITLE);
	draw_hline(y++, x + 2, cols - x - 3);
	if (v->tl == NULL) {
		draw_text(y, 2, v->tl_call != NULL ? _("Loading...") : "-",
		    cols - 4, STYLE_DIM);
		return;
	}
	for (i = v->tl_top; i < (int)v->tl->n && y <= last; i++, y++) {
		e = &v->tl->items[i];
		cases_local_time(e->at, at);
		snprintf(line, sizeof line, "%s  %s  %s -> %s%s%s", at,
		    e->staff, label_app_action(e->action),
		    label_app_status(e->to_status), *e->detail != '\0' ?
		    "  " : "", e->detail);
		draw_text(y, 2, line, cols - 3, STYLE_NORMAL);
	}
}

static void
view_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct appview	*v = s->data;
	int		 y;

	*cy = *cx = -1;
	if (v->d == NULL) {
		draw_text(top + 1, 2, v->call != NULL ? _("Loading...") :
		    _("Not loaded. F5 tries again."), cols - 4, STYLE_DIM);
		return;
	}
	y = draw_head(v, top, cols, s->ops == &screen_application);
	draw_timeline(v, y + 1, top + rows - 1, cols);
}

const struct screen_ops screen_application = {
	.name = "application",
	.init = view_init,
	.free = view_free,
	.key = view_key,
	.draw = view_draw,
	.keys = app_keys,
};

/* The same for a role that reads cases but does not act on them. */
const struct screen_ops screen_application_ro = {
	.name = "application",
	.init = view_init,
	.free = view_free,
	.key = view_key,
	.draw = view_draw,
	.keys = ro_keys,
};
