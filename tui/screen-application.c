/* One application: what it is, where it stands, its timeline; the
 * actions that move it on as keys, each sent with the version on screen
 * (If-Match) and a key of its own (Idempotency-Key); the counter's
 * paperwork about it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app-correct.h"
#include "app-fee.h"
#include "case-labels.h"
#include "cases.h"
#include "dialog-prompt.h"
#include "draw.h"
#include "form-ui.h"
#include "keys.h"
#include "list.h"
#include "print-cases.h"
#include "print-promise.h"
#include "print-ui.h"
#include "promise-ui.h"
#include "request.h"
#include "screen-application.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/xmalloc.h"

/* Request slots: the application (or an action on it), its timeline,
 * the service's materials or form to choose from, its fee's payment
 * (or a refund asked, decided) and its payments. */
enum { SLOT_APP, SLOT_TIMELINE, SLOT_SERVICE, SLOT_PAY, SLOT_PAYLIST };

struct appview {
	long long		 id;
	struct app_detail	*d;
	struct timeline		*tl;
	struct list		 tl_view;
	const struct app_action	*acting;	/* waiting for its answer */
	const struct app_action	*asking;	/* its input being asked */
	char			**materials;	/* the service's, to tick */
	unsigned char		*ticked;
	int			 nmaterials;
	char			*collector;	/* the name given */
	char			**owed;		/* 容缺 outstanding, to choose */
	int			 nowed;
	struct app_fix		 fix;		/* 更正 being asked for */
	struct app_pay		 pay;		/* its fee */
};

/* D: not a step of the status, so not in the action table. */
static const struct app_action receive_deferred = {
	"receive_deferred", 'd', N_("容缺 material brought in"), INPUT_NONE,
	""
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
	{ N_("W"), N_("Withdrawn by the applicant, with the reason"), 0 },
	{ N_("P"), N_("Print the notice of the status (or the receipt)"), 0 },
	{ N_("M"), N_("Print the material receipt"), 0 },
	{ N_("D"), N_("A material taken 容缺 is brought in"), 0 },
	{ N_("N"), N_("Print the 容缺 notice (two copies)"), 0 },
	{ N_("G"), N_("Print the 告知承诺书 (two copies)"), 0 },
	{ N_("K"), N_("Correct a value entered wrong, with the reason "
	  "(supervisor)"), 0 },
	{ N_("Y"), N_("Take the fee (cash, payment code or waived) and "
	  "print its receipt; once paid, print it if it was not yet"), 0 },
	{ N_("U"), N_("Refund or void the fee: ask for it, or decide it "
	  "(supervisor) and print the red-letter receipt"), 0 },
	{ N_("L"), N_("Print a receipt again (补打), with the reason"), 0 },
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

static void	load(struct appview *);

static void
view_init(struct screen *s, void *arg)
{
	struct application_open	*o = arg;
	struct appview		*v = xcalloc(1, sizeof *v);

	s->data = v;
	v->tl_view.view = 1;
	v->pay.owner = v;
	v->pay.slot = SLOT_PAY;
	v->pay.list_slot = SLOT_PAYLIST;
	if (o->detail != NULL) {
		v->d = o->detail;
		o->detail = NULL;
		v->id = v->d->s.id;
	} else
		v->id = o->id;
	load(v);
}

static void
free_materials(struct appview *v)
{
	while (v->nmaterials > 0)
		free(v->materials[--v->nmaterials]);
	free(v->materials);
	free(v->ticked);
	v->materials = NULL;
	v->ticked = NULL;
}

static void
view_free(struct screen *s)
{
	struct appview	*v = s->data;

	model_app_detail_free(v->d);
	model_timeline_free(v->tl);
	free_materials(v);
	free(v->collector);
	free(v->owed);
	app_fix_clear(&v->fix);
	app_pay_clear(&v->pay);
	free(v);
}

static void
on_timeline(struct api_result *r, void *arg)
{
	struct appview	*v = arg;

	if (!app_answer(r))
		return;
	model_timeline_free(v->tl);
	v->tl = r->model;
	r->model = NULL;
	list_count(&v->tl_view, (int)v->tl->n);
}

static void
load_timeline(struct appview *v)
{
	struct request	*rq = request_new(v, SLOT_TIMELINE, on_timeline, v);

	request_call(rq, api_application_timeline(app.api, v->id,
	    request_reply, rq));
}

static void
on_detail(struct api_result *r, void *arg)
{
	struct appview	*v = arg;

	if (!app_answer(r))
		return;
	model_app_detail_free(v->d);
	v->d = r->model;
	r->model = NULL;
}

static void
get(struct appview *v)
{
	struct request	*rq = request_new(v, SLOT_APP, on_detail, v);

	request_call(rq, api_application_get(app.api, v->id, request_reply,
	    rq));
}

/* The application (unless it came with the screen) and its timeline. */
static void
load(struct appview *v)
{
	if (v->d == NULL)
		get(v);
	load_timeline(v);
	app_pay_load(&v->pay, v->id);
}

static void
reload(struct appview *v)
{
	get(v);
	load_timeline(v);
	app_pay_load(&v->pay, v->id);
}

static int
view_shows(struct screen *s, enum resource what, long long id)
{
	struct appview	*v = s->data;

	return (what == RES_APPLICATION && (id == 0 || id == v->id));
}

static void
view_reload(struct screen *s)
{
	reload(s->data);
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

/* The 容缺 materials still to come, "a, b", in a static buffer. */
static const char *
owed_text(const struct app_detail *d)
{
	static char	buf[512];
	size_t		i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < d->ndeferred; i++) {
		if (!d->deferred[i].received && len < sizeof buf)
			len += (size_t)snprintf(buf + len, sizeof buf - len,
			    "%s%s", len > 0 ? ", " : "", d->deferred[i].name);
	}
	return (buf);
}

/* A refused action: why, in a sentence, and what is on screen is made
 * true again from the server. */
static void
refused(struct appview *v, struct api_result *r)
{
	char	*s;

	if (r->http_status == 412) {
		app_hint(MSG_ERROR, "%s", _("Someone else changed this "
		    "application meanwhile; nothing was done. It has been "
		    "reloaded: check it, then press the key again if it "
		    "still applies."));
		reload(v);
	} else if (app_pay_refusal(r, v->d)) {
		reload(v);
	} else if (strcmp(r->problem, "deferred-outstanding") == 0) {
		app_message(MSG_ERROR, _("Not completed: a material taken 容缺 "
		    "is still to come (%s). Press D when the resident brings "
		    "it."), owed_text(v->d));
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
		app_hint(MSG_INFO, "%s", _("Done: the resident is asked "
		    "for the missing materials. P prints the notice listing "
		    "all of them."));
	else if (strcmp(a->name, "reject") == 0)
		app_hint(MSG_INFO, "%s", _("Done: refused. P prints the "
		    "refusal notice with the reason."));
	else if (strcmp(a->name, "withdraw") == 0)
		app_hint(MSG_INFO, "%s", _("Done: withdrawn. P prints the "
		    "withdrawal note for the applicant to sign."));
	else if (a == &receive_deferred)
		app_message(MSG_INFO, _("Done: the 容缺 material is recorded "
		    "as brought in. The application is %s."),
		    label_app_status(status));
	else
		app_message(MSG_INFO, _("Done: %s. The application is now "
		    "%s."), _(a->label), label_app_status(status));
}

static void
on_acted(struct api_result *r, void *arg)
{
	struct appview		*v = arg;
	const struct app_action	*a = v->acting;

	v->acting = NULL;
	if (app_signed_out(r))
		return;
	if (r->status == API_ERR_NETWORK) {
		app_hint(MSG_ERROR, _("No answer from the server (%s) It "
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
	done_message(a, v->d->s.status);
	/* the lists and profiles showing it, this screen's timeline too */
	app_changed(RES_APPLICATION, v->id);
}

/* Sends body for action a on the version on screen. The same request
 * again after a lost answer goes with the same key. */
static void
send_action(struct appview *v, const struct app_action *a, cJSON *body)
{
	struct request	*rq;
	char		*text;

	if (v->d == NULL || request_refuse(v, SLOT_APP)) {
		cJSON_Delete(body);
		return;
	}
	if ((text = cJSON_PrintUnformatted(body)) == NULL)
		fatal("out of memory printing JSON");
	v->acting = a;
	rq = request_new(v, SLOT_APP, on_acted, v);
	request_call(rq, api_application_transition(app.api, v->id,
	    v->d->s.version, body, request_key(rq, text), request_reply, rq));
	free(text);
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
confirmed(void *arg)
{
	struct appview	*v = arg;

	send_action(v, v->asking, action_body(v->asking));
}

static void
reason_given(const char *text, void *arg)
{
	struct appview	*v = arg;
	cJSON		*b;

	b = action_body(v->asking);
	cJSON_AddStringToObject(b, "reason", text);
	send_action(v, v->asking, b);
}

static void
department_given(const char *text, void *arg)
{
	struct appview	*v = arg;
	cJSON		*b;

	b = action_body(v->asking);
	cJSON_AddStringToObject(b, "department", text);
	send_action(v, v->asking, b);
}

/* The collector's ID number, checked by the prompt, after the name. */
static void
collector_given(const char *id_number, void *arg)
{
	struct appview	*v = arg;
	cJSON		*b, *c;

	b = action_body(v->asking);
	c = cJSON_AddObjectToObject(b, "collector");
	cJSON_AddStringToObject(c, "name", v->collector);
	cJSON_AddStringToObject(c, "id_number", id_number);
	send_action(v, v->asking, b);
}

static void
collector_named(const char *name, void *arg)
{
	struct appview	*v = arg;
	char		 title[256];

	free(v->collector);
	v->collector = xstrdup(name);
	snprintf(title, sizeof title, _("ID number of %s, who collects it "
	    "(scan the card or type it)"), name);
	prompt_ask(&(struct prompt){ .title = title, .id_number = 1,
	    .done = collector_given, .arg = v });
}

/* Enter on the ticked materials (Esc, -1: nothing asked for). */
static void
missing_chosen(int index, void *arg)
{
	struct appview	*v = arg;
	cJSON		*b, *list;
	int		 i;

	if (index < 0)
		return;
	b = action_body(v->asking);
	list = cJSON_AddArrayToObject(b, "missing_materials");
	for (i = 0; i < v->nmaterials; i++) {
		if (v->ticked[i])
			cJSON_AddItemToArray(list,
			    cJSON_CreateString(v->materials[i]));
	}
	if (cJSON_GetArraySize(list) == 0) {
		cJSON_Delete(b);
		app_message(MSG_ERROR, "%s", _("Tick what is missing with "
		    "Space, then Enter: nothing was sent."));
		return;
	}
	send_action(v, v->asking, b);
}

/* The service's materials, to tick those missing. */
static void
on_service(struct api_result *r, void *arg)
{
	struct appview	*v = arg;
	const cJSON	*it;
	const char	*name;
	struct list_ask	 a = { .done = missing_chosen, .arg = v };

	if (!app_answer(r))
		return;
	free_materials(v);
	it = cJSON_GetObjectItemCaseSensitive(((struct service *)r->model)->json,
	    "materials");
	v->materials = xcalloc((size_t)cJSON_GetArraySize(it) + 1,
	    sizeof *v->materials);
	v->ticked = xcalloc((size_t)cJSON_GetArraySize(it) + 1, 1);
	cJSON_ArrayForEach(it, it) {
		name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(it,
		    "name"));
		if (name != NULL && *name != '\0')
			v->materials[v->nmaterials++] = utf8_sanitize(name, 0);
	}
	if (v->nmaterials == 0) {
		app_message(MSG_ERROR, "%s", _("This service lists no "
		    "materials to ask for."));
		return;
	}
	a.title = _("What is missing? Space ticks, Enter asks for them");
	a.items = (const char *const *)v->materials;
	a.n = v->nmaterials;
	a.ticks = v->ticked;
	app_message(MSG_INFO, NULL);
	list_ask_with(&a);
}

static void
ask_text(struct appview *v, const char *title, size_t min, size_t max,
    const char *too_short, void (*done)(const char *, void *))
{
	prompt_ask(&(struct prompt){ .title = title, .max_chars = max,
	    .min_chars = min, .too_short = too_short, .done = done,
	    .arg = v });
}

/* An action key: what it needs is asked for, then it is sent. */
static void
act(struct appview *v, const struct app_action *a)
{
	struct request	*rq;
	char		*s, q[256];

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
		confirm_ask(q, confirmed, v);
		break;
	case INPUT_REASON:
		ask_text(v, _("Reason for the refusal (printed on the "
		    "notice)"), 2, 200, _("A refusal needs its reason, 2 to "
		    "200 characters."), reason_given);
		break;
	case INPUT_WITHDRAW:
		ask_text(v, _("Withdrawal: the applicant's reason (printed "
		    "on the note)"), 2, 200, _("A withdrawal needs the "
		    "applicant's reason, 2 to 200 characters."), reason_given);
		break;
	case INPUT_DEPARTMENT:
		ask_text(v, _("Forward to which department?"), 1, 50,
		    _("Name the department, up to 50 characters."),
		    department_given);
		break;
	case INPUT_COLLECTOR:
		ask_text(v, _("Hand over the result: who collects it?"), 1,
		    30, _("Type the name of the person collecting."),
		    collector_named);
		break;
	case INPUT_MISSING:
		rq = request_new(v, SLOT_SERVICE, on_service, v);
		request_call(rq, api_service_get(app.api, v->d->service_id,
		    request_reply, rq));
		break;
	}
}

static void
send_deferred(struct appview *v, const char *name)
{
	cJSON	*b = action_body(&receive_deferred);

	cJSON_AddStringToObject(b, "material", name);
	send_action(v, &receive_deferred, b);
}

static void
deferred_confirmed(void *arg)
{
	struct appview	*v = arg;

	if (v->nowed > 0)
		send_deferred(v, v->owed[0]);
}

static void
deferred_chosen(int index, void *arg)
{
	struct appview	*v = arg;

	if (index >= 0 && index < v->nowed)
		send_deferred(v, v->owed[index]);
}

/* D: which 容缺 material came; a yes when only one is owed. */
static void
bring_deferred(struct appview *v)
{
	char		 q[256];
	size_t		 i;
	struct list_ask	 a = { .done = deferred_chosen, .arg = v };

	free(v->owed);
	v->owed = xcalloc(v->d->ndeferred + 1, sizeof *v->owed);
	v->nowed = 0;
	for (i = 0; i < v->d->ndeferred; i++) {
		if (!v->d->deferred[i].received)
			v->owed[v->nowed++] = v->d->deferred[i].name;
	}
	if (v->nowed == 0) {
		app_message(MSG_ERROR, "%s", _("No material taken 容缺 is "
		    "still to come."));
		return;
	}
	if (v->nowed == 1) {
		snprintf(q, sizeof q, _("容缺 material brought in: %s?"),
		    v->owed[0]);
		confirm_ask(q, deferred_confirmed, v);
		return;
	}
	a.title = _("Which 容缺 material was brought in?");
	a.items = (const char *const *)v->owed;
	a.n = v->nowed;
	list_ask_with(&a);
}

/* The server's answer to a correction: the application as it now is,
 * the old value in its timeline. */
static void
on_corrected(struct api_result *r, void *arg)
{
	struct appview	*v = arg;

	if (app_signed_out(r))
		return;
	if (r->status == API_ERR_NETWORK) {
		app_hint(MSG_ERROR, _("No answer from the server (%s) It may "
		    "or may not have been done: press K again; it is sent so "
		    "that it cannot be done twice."), r->message);
		return;
	}
	if (r->status != API_OK && r->problem != NULL &&
	    strcmp(r->problem, "application-closed") == 0) {
		app_message(MSG_ERROR, "%s", _("Not corrected: the application "
		    "is 办结 or closed, and what it holds stays as it was "
		    "decided."));
		reload(v);
		return;
	}
	if (r->status != API_OK) {
		refused(v, r);
		return;
	}
	model_app_detail_free(v->d);
	v->d = r->model;
	r->model = NULL;
	app_message(MSG_INFO, _("Corrected: %s. The old value is kept in the "
	    "timeline."), v->fix.label != NULL ? v->fix.label : "");
	app_changed(RES_APPLICATION, v->id);
}

/* K: 更正 of a value entered wrong, the supervisor's; a clerk is told
 * whom to ask. */
static void
correct(struct appview *v)
{
	const char	*role = app.session != NULL ? app.session->role : "";

	if (strcmp(role, "supervisor") != 0 && strcmp(role, "admin") != 0) {
		app_message(MSG_ERROR, "%s", _("Only the supervisor corrects "
		    "an application: ask them to do it at their counter."));
		return;
	}
	if (strstr("submitted accepted materials_requested forwarded",
	    v->d->s.status) == NULL) {
		app_message(MSG_ERROR, "%s", _("Not corrected: the application "
		    "is 办结 or closed, and what it holds stays as it was "
		    "decided."));
		return;
	}
	v->fix.owner = v;
	v->fix.slot = SLOT_APP;
	v->fix.done = on_corrected;
	v->fix.arg = v;
	app_fix_start(&v->fix, v->d);
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
		print_ui_offer(cases_paper_missing(v->d, asked_at(v)), NULL);
	else if (strcmp(st, "rejected") == 0)
		print_ui_offer(cases_paper_refusal(v->d), NULL);
	else if (strcmp(st, "withdrawn") == 0)
		print_ui_offer(cases_paper_withdrawal(v->d), NULL);
	else
		print_ui_offer(print_ui_application(v->d->json, 0, "receipt",
		    0), NULL);
}

static int
view_key(struct screen *s, int key)
{
	struct appview		*v = s->data;
	const struct app_action	*a;

	if (list_key(&v->tl_view, key) != LIST_UNUSED) {
		app_dirty();
		return (1);
	}
	if (v->d == NULL || s->ops == &screen_application_ro)
		return (0);
	if (key == 'p' || key == 'P')
		print_status(v);
	else if (key == 'm' || key == 'M')
		print_ui_offer(print_ui_application(v->d->json, 0,
		    "materials", 0), NULL);
	else if (key == 'd' || key == 'D') {
		if (!request_refuse(v, SLOT_APP))
			bring_deferred(v);
	}
	else if ((key == 'n' || key == 'N') && v->d->ndeferred > 0)
		print_ui_offer(print_ui_application(v->d->json, 0,
		    "deferral", 0), NULL);
	else if (key == 'n' || key == 'N')
		app_message(MSG_ERROR, "%s", _("Nothing was taken 容缺: "
		    "there is no 容缺 notice to print."));
	else if ((key == 'g' || key == 'G') && v->d->npromises > 0)
		print_ui_offer(print_promise_application(v->d->json), NULL);
	else if (key == 'g' || key == 'G')
		app_message(MSG_ERROR, "%s", _("No proof was replaced by a "
		    "promise: there is no 告知承诺书 to print."));
	else if (key == 'k' || key == 'K') {
		if (!request_refuse(v, SLOT_APP))
			correct(v);
	} else if (key == 'y' || key == 'Y') {
		if (!request_refuse(v, SLOT_PAY))
			app_pay_take(&v->pay, v->d);
	} else if (key == 'u' || key == 'U') {
		if (!request_refuse(v, SLOT_PAY))
			app_pay_reverse(&v->pay, v->d);
	} else if (key == 'l' || key == 'L') {
		if (!request_refuse(v, SLOT_PAY))
			app_pay_reprint(&v->pay, v->d);
	} else if ((a = app_action_by_key(key)) != NULL) {
		if (!request_refuse(v, SLOT_APP))
			act(v, a);
	} else
		return (0);
	return (1);
}

/* What the status brought: reason, missing materials, department,
 * collector. Returns the next row. */
static int
draw_state(const struct app_detail *d, int y, int cols)
{
	char	*list, buf[256];
	size_t	 i, len = 1;

	if (*d->reason != '\0')
		draw_field(y++, 1, _("Reason"), d->reason, cols - 1);
	if (d->nmissing > 0) {
		for (i = 0; i < d->nmissing; i++)
			len += strlen(d->missing[i]) + 2;
		list = xcalloc(1, len);
		for (i = 0; i < d->nmissing; i++) {
			if (i > 0)
				strcat(list, ", ");
			strcat(list, d->missing[i]);
		}
		draw_field(y++, 1, _("Missing"), list, cols - 1);
		free(list);
	}
	for (i = 0; i < d->ndeferred; i++) {
		snprintf(buf, sizeof buf, d->deferred[i].received ?
		    _("%s (brought in)") : _("%s, to bring by %s"),
		    d->deferred[i].name, d->deferred[i].due_date);
		draw_field(y++, 1, _("容缺"), buf, cols - 1);
	}
	for (i = 0; i < d->npromises; i++) {
		snprintf(buf, sizeof buf, "%s (%s)", d->promises[i].matter,
		    promise_ui_status(d->promises[i].status));
		draw_field(y++, 1, _("告知承诺"), buf, cols - 1);
	}
	if (*d->department != '\0')
		draw_field(y++, 1, _("Forwarded to"), d->department, cols - 1);
	if (*d->collector != '\0')
		draw_field(y++, 1, _("Collected by"), d->collector, cols - 1);
	return (y);
}

static int
draw_head(struct appview *v, int y, int cols, int may_act)
{
	const struct app_detail	*d = v->d;
	char			 line[512], at[20], *acts;
	int			 x;

	snprintf(line, sizeof line, "%s   %s%s%s", d->s.number,
	    label_app_status(d->s.status), *owed_text(d) != '\0' &&
	    strstr("submitted accepted materials_requested forwarded",
	    d->s.status) != NULL ? _("  待补齐") : "",
	    d->s.overdue ? _("  OVERDUE") : "");
	draw_text(y++, 1, line, cols - 2, STYLE_TITLE);
	snprintf(line, sizeof line, "%s %s", d->s.txcode, d->s.service);
	draw_field(y++, 1, _("Service"), line, cols - 1);
	snprintf(line, sizeof line, "%s  %s  %s", d->s.resident,
	    d->s.id_masked, d->s.community);
	draw_field(y++, 1, _("Applicant"), line, cols - 1);
	cases_local_time(d->s.created_at, at);
	snprintf(line, sizeof line, _("%s, counter %s, %s"), at, d->counter,
	    d->staff);
	x = draw_field(y, 1, _("Taken"), line, cols - 1);
	draw_field(y++, x, _("Due"), *d->s.due_date != '\0' ? d->s.due_date : "-",
	    cols - 1);
	y = app_pay_draw(&v->pay, d, y, cols);
	y = draw_state(d, y, cols);
	if (may_act) {
		acts = app_actions_for(d->s.status);
		draw_field(y++, 1, _("Possible now"), *acts != '\0' ? acts :
		    _("nothing (closed)"), cols - 1);
		free(acts);
	}
	return (y);
}

static void
draw_timeline(struct appview *v, int y, int last, int cols)
{
	struct timeline_entry	*e;
	const char		*who;
	char			 at[20], line[512];
	int			 i, x;

	x = draw_text(y, 1, _("Timeline"), cols - 2, STYLE_TITLE);
	draw_hline(y++, x + 2, cols - x - 3);
	if (v->tl == NULL) {
		draw_text(y, 2, request_busy(v, SLOT_TIMELINE) ?
		    _("Loading...") : "-", cols - 4, STYLE_DIM);
		return;
	}
	list_show(&v->tl_view, last + 1 - y);
	for (i = v->tl_view.top; i < (int)v->tl->n && y <= last; i++, y++) {
		e = &v->tl->items[i];
		cases_local_time(e->at, at);
		who = e->staff != NULL ? e->staff : _("(department)");
		snprintf(line, sizeof line, "%s  %s  %s -> %s%s%s", at,
		    who, label_app_action(e->action),
		    label_app_status(e->to_status), *e->detail != '\0' ?
		    "  " : "", e->detail);
		if (text_width(line) <= cols - 3 || y == last) {
			draw_text(y, 2, line, cols - 3, STYLE_NORMAL);
			continue;
		}
		/* a long detail (a correction's old and new values) goes
		 * on the lines below, so that none of it is cut */
		snprintf(line, sizeof line, "%s  %s  %s -> %s", at, who,
		    label_app_action(e->action),
		    label_app_status(e->to_status));
		draw_text(y, 2, line, cols - 3, STYLE_NORMAL);
		y += draw_wrap(y + 1, 6, e->detail, cols - 7, last - y,
		    STYLE_NORMAL);
	}
}

static void
view_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct appview	*v = s->data;
	int		 y;

	*cy = *cx = -1;
	if (v->d == NULL) {
		draw_text(top + 1, 2, request_busy(v, SLOT_APP) ?
		    _("Loading...") :
		    _("Not loaded. F5 tries again."), cols - 4, STYLE_DIM);
		return;
	}
	y = draw_head(v, top, cols, s->ops == &screen_application);
	draw_timeline(v, y + 1, top + rows - 1, cols);
}

const struct screen_ops screen_application = {
	.name = "application",
	.title = N_("Application"),
	.init = view_init,
	.free = view_free,
	.key = view_key,
	.draw = view_draw,
	.shows = view_shows,
	.reload = view_reload,
	.keys = app_keys,
};

/* The same for a role that reads cases but does not act on them. */
const struct screen_ops screen_application_ro = {
	.name = "application",
	.title = N_("Application (reading only)"),
	.init = view_init,
	.free = view_free,
	.key = view_key,
	.draw = view_draw,
	.shows = view_shows,
	.reload = view_reload,
	.keys = ro_keys,
};
