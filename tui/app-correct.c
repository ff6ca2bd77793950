/* 更正 on the application screen: the field, its value, the reason. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app-correct.h"
#include "dialog-choose.h"
#include "dialog-prompt.h"
#include "form-ui.h"
#include "request.h"
#include "tui.h"
#include "../api/applications.h"
#include "../api/catalog.h"
#include "../forms/form.h"
#include "../forms/schema.h"
#include "../forms/validate.h"
#include "../forms/value.h"
#include "../locale/i18n.h"
#include "../util/buf.h"
#include "../util/utf8.h"
#include "../util/xmalloc.h"

/* Prefills that are the resident's identity: corrected on the record. */
static const char *const identity[] = { "id_number", "birth_date", "sex",
	"age", NULL };

void
app_fix_clear(struct app_fix *x)
{
	int	i;

	for (i = 0; i < x->n; i++)
		free(x->items[i]);
	free(x->items);
	free(x->fields);
	form_free(x->fm);
	cJSON_Delete(x->data);
	cJSON_Delete(x->value);
	free(x->label);
	x->items = NULL;
	x->fields = NULL;
	x->fm = NULL;
	x->data = x->value = NULL;
	x->label = NULL;
	x->n = 0;
}

/* 1 if f may be corrected here: not the materials, not the identity. */
static int
fixable(const struct form_field *f)
{
	size_t	i;

	if (f->type == FT_MATERIALS)
		return (0);
	for (i = 0; identity[i] != NULL; i++) {
		if (strcmp(f->prefill, identity[i]) == 0)
			return (0);
	}
	return (1);
}

/* A number of data as typed: money in yuan (it is kept in fen). The
 * caller frees. */
static char *
number_text(const struct form_field *f, const cJSON *v)
{
	char	buf[64];

	if (f->type != FT_MONEY)
		return (xasprintf("%lld", (long long)v->valuedouble));
	value_money_text((long long)v->valuedouble, buf);
	return (xstrdup(buf));
}

/* A value of data as the clerk reads it. The caller frees. */
static char *
shown(const struct form_field *f, const cJSON *v)
{
	const cJSON	*e;
	struct buf	 b;
	size_t		 i;

	if (v == NULL || cJSON_IsNull(v))
		return (xstrdup("-"));
	if (cJSON_IsBool(v))
		return (xstrdup(cJSON_IsTrue(v) ? _("ticked") :
		    _("not ticked")));
	if (cJSON_IsNumber(v))
		return (number_text(f, v));
	for (i = 0; cJSON_IsString(v) && i < f->noptions; i++) {
		if (strcmp(f->options[i].value, v->valuestring) == 0)
			return (xstrdup(form_ui_option_label(&f->options[i])));
	}
	if (cJSON_IsString(v))
		return (utf8_sanitize(v->valuestring, 0));
	buf_init(&b);
	buf_add(&b, "", 0);
	cJSON_ArrayForEach(e, v) {
		if (cJSON_IsString(e))
			buf_printf(&b, "%s%s", b.len > 0 ? ", " : "",
			    e->valuestring);
	}
	return (buf_steal(&b));
}

static void
on_sent(struct api_result *r, void *arg)
{
	struct app_fix	*x = arg;

	x->done(r, x->arg);
}

static void
reason_given(const char *reason, void *arg)
{
	struct app_fix	*x = arg;
	struct request	*rq;
	cJSON		*v = x->value != NULL ? cJSON_Duplicate(x->value, 1) :
			    NULL;
	char		*what, *text;

	text = v != NULL ? cJSON_PrintUnformatted(v) : xstrdup("null");
	what = xasprintf("%s %s %s", x->fm->fields[x->field].name, text,
	    reason);
	rq = request_new(x->owner, x->slot, on_sent, x);
	request_call(rq, api_application_correct(app.api, x->id, x->version,
	    x->fm->fields[x->field].name, v, reason, request_key(rq, what),
	    request_reply, rq));
	free(text);
	free(what);
	app_message(MSG_INFO, "%s", _("Sending..."));
}

/* The value is there: the reason, then it goes. */
static void
ask_reason(struct app_fix *x)
{
	cJSON	*data = form_data(x->fm);
	char	 title[256];

	cJSON_Delete(x->value);
	x->value = cJSON_DetachItemFromObject(data,
	    x->fm->fields[x->field].name);
	cJSON_Delete(data);
	snprintf(title, sizeof title, _("Why is %s corrected? (kept in the "
	    "timeline)"), x->label);
	prompt_ask(&(struct prompt){ .title = title, .max_chars = 200,
	    .min_chars = 2, .too_short = _("A correction needs its reason, 2 "
	    "to 200 characters."), .done = reason_given, .arg = x });
}

/* A line typed for a text-like field: checked as the form checks it. */
static void
typed(const char *text, void *arg)
{
	struct app_fix		*x = arg;
	struct form_field	*f = &x->fm->fields[x->field];

	if (form_set_text(f, text, ORIGIN_TYPED) != 0 ||
	    form_check_field(x->fm, f, time(NULL)) != 0) {
		app_message(MSG_ERROR, _("Not corrected: %s"), f->error !=
		    NULL ? f->error : _("that is not a value of this field."));
		return;
	}
	ask_reason(x);
}

/* A choice of a select, or ticked / not for a checkbox. */
static void
picked(int index, void *arg)
{
	struct app_fix		*x = arg;
	struct form_field	*f = &x->fm->fields[x->field];

	if (index < 0)
		return;
	if (f->type == FT_CHECKBOX)
		f->checked = index == 0;
	else
		f->choice = index;
	f->origin = ORIGIN_TYPED;
	ask_reason(x);
}

/* The new value of the chosen field, by its type. */
static void
ask_value(struct app_fix *x)
{
	struct form_field	*f = &x->fm->fields[x->field];
	const char		*items[2], **opts;
	char			 title[256], *now;
	size_t			 i;

	snprintf(title, sizeof title, _("%s: the corrected value"), x->label);
	if (f->type == FT_CHECKBOX) {
		items[0] = _("ticked");
		items[1] = _("not ticked");
		list_ask(title, items, 2, f->checked ? 0 : 1, picked, x);
	} else if (f->type == FT_SELECT) {
		opts = xcalloc(f->noptions + 1, sizeof *opts);
		for (i = 0; i < f->noptions; i++)
			opts[i] = form_ui_option_label(&f->options[i]);
		list_ask(title, opts, (int)f->noptions, f->choice > 0 ?
		    f->choice : 0, picked, x);
		free(opts);
	} else if (f->type == FT_MULTISELECT)
		app_message(MSG_ERROR, _("%s is a multiple choice: it is not "
		    "corrected here."), x->label);
	else {
		/* a masked number is typed again in full */
		now = form_value_text(f);
		prompt_ask(&(struct prompt){ .title = title, .initial =
		    strchr(now, '*') == NULL ? now : NULL, .max_chars =
		    f->max_length > 0 ? (size_t)f->max_length : 200,
		    .done = typed, .arg = x });
		free(now);
	}
}

static void
field_chosen(int index, void *arg)
{
	struct app_fix		*x = arg;
	struct form_field	*f;

	if (index < 0 || index >= x->n)
		return;
	x->field = x->fields[index];
	f = &x->fm->fields[x->field];
	free(x->label);
	x->label = xstrdup(form_ui_label(f));
	ask_value(x);
}

/* The form's fields that may be corrected, with their values now. */
static void
list_fields(struct app_fix *x)
{
	const cJSON		*v;
	struct form_field	*f;
	char			*s, *t;
	size_t			 i;

	x->fields = xcalloc(x->fm->nfields + 1, sizeof *x->fields);
	x->items = xcalloc(x->fm->nfields + 1, sizeof *x->items);
	for (i = 0; i < x->fm->nfields; i++) {
		f = &x->fm->fields[i];
		if (!fixable(f))
			continue;
		v = cJSON_GetObjectItemCaseSensitive(x->data, f->name);
		if (cJSON_IsString(v))
			form_set_text(f, v->valuestring, ORIGIN_RECORD);
		else if (cJSON_IsBool(v))
			f->checked = cJSON_IsTrue(v);
		else if (cJSON_IsNumber(v)) {
			t = number_text(f, v);
			form_set_text(f, t, ORIGIN_RECORD);
			free(t);
		}
		s = shown(f, v);
		x->items[x->n] = xasprintf("%s: %s", form_ui_label(f), s);
		x->fields[x->n++] = (int)i;
		free(s);
	}
}

static void
on_service(struct api_result *r, void *arg)
{
	struct app_fix	*x = arg;
	const cJSON	*sv;
	char		*cause = NULL;

	if (!app_answer(r))
		return;
	sv = ((struct service *)r->model)->json;
	form_free(x->fm);
	if ((x->fm = form_load(cJSON_GetObjectItemCaseSensitive(sv, "form"),
	    NULL, &cause)) == NULL) {
		app_message(MSG_ERROR, _("This service's form cannot be shown "
		    "(%s). Call support."), cause);
		free(cause);
		return;
	}
	list_fields(x);
	if (x->n == 0) {
		app_message(MSG_ERROR, "%s", _("Nothing of this application's "
		    "form can be corrected here."));
		return;
	}
	app_message(MSG_INFO, NULL);
	list_ask(_("Correct which value? (更正)"), (const char *const *)
	    x->items, x->n, 0, field_chosen, x);
}

void
app_fix_start(struct app_fix *x, const struct app_detail *d)
{
	struct request	*rq;

	app_fix_clear(x);
	x->id = d->s.id;
	x->version = d->s.version;
	x->data = cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(d->json,
	    "data"), 1);
	rq = request_new(x->owner, x->slot, on_service, x);
	request_call(rq, api_service_get(app.api, d->service_id,
	    request_reply, rq));
}
