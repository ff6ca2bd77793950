/* 户 changed from the profile: add, remove, relation, head, split. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog-prompt.h"
#include "household-edit.h"
#include "request.h"
#include "resident-labels.h"
#include "tui.h"
#include "../api/households.h"
#include "../api/residents.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

enum { H_ADD, H_REMOVE, H_RELATION, H_HEAD, H_SPLIT, H_COUNT };
_Static_assert(H_COUNT <= HH_ASK_MAX, "the list of actions");

/* What each action asks for before it is sent. */
static const struct step {
	const char	*action;	/* the contract's; NULL: the split */
	const char	*label;		/* msgid, a member's name its %s */
	int		 of_member;	/* about the chosen member, not the
					   head */
	int		 relation, former, confirm;
} steps[H_COUNT] = {
	{ "add_member", N_("Add a member (by ID number)"), 0, 1, 0, 0 },
	{ "remove_member", N_("Remove %s from the household"), 0, 0, 0, 1 },
	{ "set_relation", N_("Set %s's relation to the head"), 1, 1, 0, 0 },
	{ "change_head", N_("Make %s the head (户主)"), 1, 0, 1, 0 },
	{ NULL, N_("Split members off into a new household"), 0, 0, 0, 0 },
};

static void	next(struct hh_ask *);

static void
split_clear(struct hh_ask *ha)
{
	size_t	i;

	for (i = 0; ha->relations != NULL && ha->h != NULL &&
	    i < ha->h->nmembers; i++)
		free(ha->relations[i]);
	free(ha->relations);
	free(ha->ticks);
	ha->relations = NULL;
	ha->ticks = NULL;
	ha->head = -1;
}

void
household_ask_clear(struct hh_ask *ha)
{
	split_clear(ha);
	model_household_free(ha->h);
	free(ha->who_name);
	free(ha->relation);
	free(ha->former);
	free(ha->address);
	free(ha->reason);
	ha->h = NULL;
	ha->who_name = ha->relation = ha->former = ha->address = NULL;
	ha->reason = NULL;
	ha->confirmed = 0;
	ha->who = 0;
}

static const struct household_member *
member_of(const struct hh_ask *ha, long long id)
{
	size_t	i;

	for (i = 0; i < ha->h->nmembers; i++) {
		if (ha->h->members[i].id == id)
			return (&ha->h->members[i]);
	}
	return (NULL);
}

static void
on_sent(struct api_result *r, void *arg)
{
	struct hh_ask	*ha = arg;

	if (app_signed_out(r))
		return;
	if (r->status == API_OK) {
		app_message(MSG_INFO, "%s", ha->action == H_SPLIT ?
		    _("Split: the new household is made.") :
		    _("Saved: the household is changed."));
		app_changed(RES_RESIDENT, 0);
	} else if (r->http_status == 412) {
		app_message(MSG_ERROR, "%s", _("Someone else changed this "
		    "household meanwhile: it is shown as it is now. Try "
		    "again."));
		app_changed(RES_RESIDENT, 0);
	} else if (r->problem != NULL && strcmp(r->problem,
	    "household-head") == 0)
		app_message(MSG_ERROR, "%s", _("The head may not leave while "
		    "others stay: make another member the head first."));
	else if (r->nerrors > 0)
		app_message(MSG_ERROR, _("Not saved: %s"),
		    r->errors[0].message);
	else
		app_message(MSG_ERROR, _("Not saved: %s"), r->message);
}

/* The split's body: the ticked members, one the head. */
static cJSON *
split_body(struct hh_ask *ha)
{
	cJSON	*b = cJSON_CreateObject(), *list, *m;
	size_t	 i;

	list = cJSON_AddArrayToObject(b, "members");
	for (i = 0; i < ha->h->nmembers; i++) {
		if (!ha->ticks[i])
			continue;
		m = cJSON_CreateObject();
		cJSON_AddNumberToObject(m, "resident_id",
		    (double)ha->h->members[i].id);
		cJSON_AddStringToObject(m, "relation", (int)i == ha->head ?
		    "户主" : ha->relations[i]);
		cJSON_AddItemToArray(list, m);
	}
	if (ha->address != NULL && *ha->address != '\0')
		cJSON_AddStringToObject(b, "address", ha->address);
	return (b);
}

static void
send_change(struct hh_ask *ha)
{
	const struct step	*st = &steps[ha->action];
	struct request		*rq = request_new(ha->owner, ha->slot, on_sent,
				    ha);
	cJSON			*b;
	char			*body, *what;

	if (st->action == NULL)
		b = split_body(ha);
	else {
		b = cJSON_CreateObject();
		cJSON_AddStringToObject(b, "action", st->action);
		cJSON_AddNumberToObject(b, "resident_id", (double)ha->who);
		if (ha->relation != NULL)
			cJSON_AddStringToObject(b, "relation", ha->relation);
		if (ha->former != NULL)
			cJSON_AddStringToObject(b, "former_head_relation",
			    ha->former);
	}
	if (ha->reason != NULL && *ha->reason != '\0')
		cJSON_AddStringToObject(b, "reason", ha->reason);
	body = cJSON_PrintUnformatted(b);
	what = xasprintf("%lld %s", ha->h->id, body);
	request_call(rq, (st->action == NULL ? api_household_split :
	    api_household_action)(app.api, ha->h->id, ha->h->version, b,
	    request_key(rq, what), request_reply, rq));
	free(body);
	free(what);
	app_message(MSG_INFO, "%s", _("Sending..."));
}

static void
reason_given(const char *text, void *arg)
{
	struct hh_ask	*ha = arg;

	ha->reason = xstrdup(text);
	next(ha);
}

static void
relation_chosen(int index, void *arg)
{
	struct hh_ask	*ha = arg;

	if (index < 0)
		return;
	if (steps[ha->action].relation && ha->relation == NULL)
		ha->relation = xstrdup(household_relations[index]);
	else
		ha->former = xstrdup(household_relations[index]);
	next(ha);
}

static int
nrelations(void)
{
	int	n = 0;

	while (household_relations[n] != NULL)
		n++;
	return (n);
}

static void
ask_relation(struct hh_ask *ha, const char *name, int former)
{
	char	title[256];

	snprintf(title, sizeof title, former ? _("%s (former head) to the "
	    "new head") : _("%s's relation to the head"), name);
	list_ask(title, household_relations, nrelations(), 0,
	    relation_chosen, ha);
}

static void
confirmed(void *arg)
{
	struct hh_ask	*ha = arg;

	ha->confirmed = 1;
	next(ha);
}

static void
ask_reason(struct hh_ask *ha)
{
	prompt_ask(&(struct prompt){ .title = _("Why? (kept; may stay "
	    "empty)"), .max_chars = 200, .done = reason_given, .arg = ha });
}

/* Asks for what the change still needs, or sends it. */
static void
next(struct hh_ask *ha)
{
	const struct step	*st = &steps[ha->action];
	char			 q[256];

	if (st->relation && ha->relation == NULL)
		ask_relation(ha, ha->who_name, 0);
	else if (st->former && ha->former == NULL && ha->h->nmembers > 0 &&
	    strcmp(ha->h->members[0].relation, "户主") == 0)
		ask_relation(ha, ha->h->members[0].name, 1);
	else if (st->confirm && !ha->confirmed) {
		snprintf(q, sizeof q, _("Remove %s from the household? "
		    "(then in none)"), ha->who_name);
		confirm_ask(q, confirmed, ha);
	} else if (ha->reason == NULL)
		ask_reason(ha);
	else
		send_change(ha);
}

static void
on_found(struct api_result *r, void *arg)
{
	struct hh_ask		*ha = arg;
	struct resident_page	*p = r->model;

	if (!app_answer(r))
		return;
	if (p->n == 0) {
		app_message(MSG_ERROR, "%s", _("No resident of your "
		    "communities has this ID number."));
		return;
	}
	if (member_of(ha, p->items[0].id) != NULL) {
		app_message(MSG_ERROR, _("%s is in this household already."),
		    p->items[0].name);
		return;
	}
	ha->who = p->items[0].id;
	ha->who_name = xstrdup(p->items[0].name);
	app_message(MSG_INFO, NULL);
	next(ha);
}

static void
id_given(const char *id, void *arg)
{
	struct hh_ask	*ha = arg;
	struct request	*rq = request_new(ha->owner, ha->slot, on_found, ha);

	request_call(rq, api_resident_search(app.api, id, NULL, 1,
	    request_reply, rq));
}

/* The split, once the members are ticked: the new head, then each
 * other one's relation to him, the address, the reason. */
static void	split_next(struct hh_ask *);

static void
split_head_chosen(int index, void *arg)
{
	struct hh_ask	*ha = arg;
	size_t		 i;
	int		 n = 0;

	if (index < 0)
		return;
	for (i = 0; i < ha->h->nmembers; i++) {
		if (ha->ticks[i] && n++ == index)
			ha->head = (int)i;
	}
	split_next(ha);
}

static void
split_relation_chosen(int index, void *arg)
{
	struct hh_ask	*ha = arg;
	size_t		 i;

	if (index < 0)
		return;
	for (i = 0; i < ha->h->nmembers; i++) {
		if (ha->ticks[i] && (int)i != ha->head &&
		    ha->relations[i] == NULL) {
			ha->relations[i] = xstrdup(household_relations[index]);
			break;
		}
	}
	split_next(ha);
}

static void
split_address_given(const char *text, void *arg)
{
	struct hh_ask	*ha = arg;

	ha->address = xstrdup(text);
	split_next(ha);
}

static void
ask_split_head(struct hh_ask *ha)
{
	const char	**items = xcalloc(ha->h->nmembers + 1, sizeof *items);
	size_t		  i;
	int		  n = 0;

	for (i = 0; i < ha->h->nmembers; i++) {
		if (ha->ticks[i])
			items[n++] = ha->h->members[i].name;
	}
	if (n == 1)
		split_head_chosen(0, ha);
	else
		list_ask(_("The new household's head"), items, n, 0,
		    split_head_chosen, ha);
	free(items);
}

static void
split_next(struct hh_ask *ha)
{
	char	title[256];
	size_t	i;

	if (ha->head < 0) {
		ask_split_head(ha);
		return;
	}
	for (i = 0; i < ha->h->nmembers; i++) {
		if (ha->ticks[i] && (int)i != ha->head &&
		    ha->relations[i] == NULL) {
			snprintf(title, sizeof title, _("%s's relation to the "
			    "new head"), ha->h->members[i].name);
			list_ask(title, household_relations, nrelations(), 0,
			    split_relation_chosen, ha);
			return;
		}
	}
	if (ha->address == NULL)
		prompt_ask(&(struct prompt){ .title = _("The new household's "
		    "address"), .initial = ha->h->address, .max_chars = 100,
		    .done = split_address_given, .arg = ha });
	else
		next(ha);
}

static void
split_ticked(int index, void *arg)
{
	struct hh_ask	*ha = arg;
	size_t		 i, n = 0;

	(void)index;
	for (i = 0; i < ha->h->nmembers; i++)
		n += ha->ticks[i] != 0;
	if (n == 0) {
		app_message(MSG_INFO, "%s", _("No one was chosen: nothing is "
		    "split."));
		return;
	}
	if (n == ha->h->nmembers) {
		app_message(MSG_ERROR, "%s", _("Someone stays: choose fewer "
		    "than all the members."));
		return;
	}
	split_next(ha);
}

static void
ask_split(struct hh_ask *ha)
{
	const char	**items = xcalloc(ha->h->nmembers + 1, sizeof *items);
	char		**lines = xcalloc(ha->h->nmembers + 1, sizeof *lines);
	size_t		  i;

	split_clear(ha);
	ha->ticks = xcalloc(ha->h->nmembers + 1, 1);
	ha->relations = xcalloc(ha->h->nmembers + 1, sizeof *ha->relations);
	for (i = 0; i < ha->h->nmembers; i++) {
		lines[i] = xasprintf("%s (%s)", ha->h->members[i].name,
		    ha->h->members[i].relation);
		items[i] = lines[i];
	}
	list_ask_with(&(struct list_ask){ .title = _("Who leaves? Space "
	    "ticks, Enter goes on"), .items = items, .n =
	    (int)ha->h->nmembers, .ticks = ha->ticks, .done = split_ticked,
	    .arg = ha });
	for (i = 0; i < ha->h->nmembers; i++)
		free(lines[i]);
	free(lines);
	free(items);
}

static void
action_chosen(int index, void *arg)
{
	struct hh_ask			*ha = arg;
	const struct household_member	*m = member_of(ha, ha->member);

	if (index < 0 || index >= H_COUNT)
		return;
	ha->action = ha->offered[index];
	if (ha->action == H_ADD)
		prompt_ask(&(struct prompt){ .title = _("The new member's ID "
		    "number"), .id_number = 1, .done = id_given, .arg = ha });
	else if (ha->action == H_SPLIT)
		ask_split(ha);
	else if (m != NULL) {
		ha->who = m->id;
		ha->who_name = xstrdup(m->name);
		next(ha);
	}
}

/* A label with the member's name for its %s (a translation moves it). */
static void
named(char *out, size_t len, const char *label, const char *name)
{
	const char	*p = strstr(label, "%s");

	if (p == NULL)
		snprintf(out, len, "%s", label);
	else
		snprintf(out, len, "%.*s%s%s", (int)(p - label), label, name,
		    p + 2);
}

/* The actions for the household as read, and the member chosen. */
static void
on_household(struct api_result *r, void *arg)
{
	struct hh_ask			*ha = arg;
	const struct household_member	*m;
	char				 lines[H_COUNT][256];
	const char			*items[H_COUNT];
	int				 i, n = 0;

	if (!app_answer(r))
		return;
	model_household_free(ha->h);
	ha->h = r->model;
	r->model = NULL;
	app_message(MSG_INFO, NULL);
	m = member_of(ha, ha->member);
	for (i = 0; i < H_COUNT; i++) {
		if ((i == H_REMOVE || steps[i].of_member) && (m == NULL ||
		    (steps[i].of_member && strcmp(m->relation, "户主") == 0)))
			continue;
		if (i == H_SPLIT && ha->h->nmembers < 2)
			continue;
		named(lines[n], sizeof lines[n], _(steps[i].label),
		    m != NULL ? m->name : "");
		items[n] = lines[n];
		ha->offered[n++] = i;
	}
	list_ask(_("Change the household"), items, n, 0, action_chosen, ha);
}

void
household_ask_start(struct hh_ask *ha, const struct resident *r,
    long long member)
{
	struct request	*rq;

	household_ask_clear(ha);
	ha->head = -1;
	if (r->household_id == 0) {
		app_message(MSG_ERROR, _("%s belongs to no household."),
		    r->s.name);
		return;
	}
	ha->household_id = r->household_id;
	ha->member = member;
	rq = request_new(ha->owner, ha->slot, on_household, ha);
	request_call(rq, api_household_get(app.api, r->household_id,
	    request_reply, rq));
	app_message(MSG_INFO, "%s", _("Reading the household..."));
}
