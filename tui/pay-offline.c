/* A payment that could not reach the server goes into the outbox with
 * the key it was sent with: whether the server had it or not, the
 * replay counts it once. The resident leaves with a provisional
 * receipt; the official one follows when the outbox delivers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "labels.h"
#include "pay-offline.h"
#include "print-pay.h"
#include "print-ui.h"
#include "request.h"
#include "tui.h"
#include "../api/applications.h"
#include "../api/payments.h"
#include "../locale/i18n.h"
#include "../printing/paper-pay.h"
#include "../util/xmalloc.h"

#define PAYMENTS_TAIL	"/payments"

/* Whether an outbox item is a payment (its path ends so). */
static int
is_payment(const struct outbox_item *it)
{
	size_t	n = strlen(it->path), t = strlen(PAYMENTS_TAIL);

	return (n > t && strcmp(it->path + n - t, PAYMENTS_TAIL) == 0);
}

static char *
dup_or_null(const char *s)
{
	return (s != NULL ? xstrdup(s) : NULL);
}

void
pay_sent_of(struct pay_sent *ps, const struct app_detail *d,
    const char *basis)
{
	pay_sent_clear(ps);
	ps->app_id = d->s.id;
	ps->fen = d->fee.due_fen;
	ps->number = xstrdup(d->s.number);
	ps->service = xstrdup(d->s.service);
	ps->txcode = xstrdup(d->s.txcode);
	ps->resident = xstrdup(d->s.resident);
	ps->id_masked = xstrdup(d->s.id_masked);
	ps->basis = dup_or_null(basis);
}

void
pay_sent_what(struct pay_sent *ps, const char *channel,
    const char *reference, const char *reason, const char *body,
    const char *key)
{
	free(ps->channel);
	free(ps->reference);
	free(ps->reason);
	free(ps->body);
	ps->channel = xstrdup(channel);
	ps->reference = dup_or_null(reference);
	ps->reason = dup_or_null(reason);
	ps->body = xstrdup(body);
	snprintf(ps->key, sizeof ps->key, "%s", key);
}

void
pay_sent_clear(struct pay_sent *ps)
{
	free(ps->number);
	free(ps->service);
	free(ps->txcode);
	free(ps->resident);
	free(ps->id_masked);
	free(ps->basis);
	free(ps->channel);
	free(ps->reference);
	free(ps->reason);
	free(ps->body);
	memset(ps, 0, sizeof *ps);
}

static void
print_provisional(const struct pay_sent *ps, long long id)
{
	struct paper_payment	 r;

	memset(&r, 0, sizeof r);
	r.centre = app.session->centre_name;
	r.kind = "payment";
	r.number = ps->number;
	r.service = ps->service;
	r.txcode = ps->txcode;
	r.payer = ps->resident;
	r.id_masked = ps->id_masked;
	r.amount_fen = ps->fen;
	r.channel = ps->channel;
	r.reference = ps->reference;
	r.reason = ps->reason;
	r.basis = ps->basis;
	r.counter = app.session->counter;
	r.staff = app.session->staff_name;
	r.at = time(NULL);
	r.local_ref = id;
	r.key = ps->key;
	print_ui_offer(paper_payment(&r), NULL);
}

static char *
payments_path(long long app_id)
{
	return (xasprintf("/api/v1/applications/%lld/payments", app_id));
}

long long
pay_offline_waiting(long long app_id, int *refused)
{
	struct outbox_item	 it;
	char			*path;
	long long		 id = 0;

	*refused = 0;
	if (app.outbox == NULL)
		return (0);
	path = payments_path(app_id);
	if (outbox_waiting(app.outbox, "POST", path, &it) == 1) {
		id = it.id;
		*refused = it.state == OUTBOX_FAILED;
	}
	outbox_item_clear(&it);
	free(path);
	return (id);
}

static const char *
body_string(const cJSON *b, const char *name)
{
	return (cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(b,
	    name)));
}

/* The provisional receipt of the payment waiting, again (the print
 * journal asks before a second copy, marked 补打). */
static void
reprint_yes(void *arg)
{
	struct pay_sent		*ps = arg;
	struct outbox_item	 it;
	char			*path = payments_path(ps->app_id);
	cJSON			*b;

	if (outbox_waiting(app.outbox, "POST", path, &it) == 1 &&
	    (b = cJSON_Parse(it.body)) != NULL) {
		pay_sent_what(ps, body_string(b, "channel") != NULL ?
		    body_string(b, "channel") : "cash", body_string(b,
		    "reference"), body_string(b, "reason"), it.body, it.key);
		ps->fen = (long long)cJSON_GetNumberValue(
		    cJSON_GetObjectItemCaseSensitive(b, "amount_fen"));
		cJSON_Delete(b);
		print_provisional(ps, it.id);
	}
	outbox_item_clear(&it);
	free(path);
}

int
pay_offline_take(struct pay_sent *ps)
{
	char		 q[512];
	long long	 id;
	int		 refused;

	if ((id = pay_offline_waiting(ps->app_id, &refused)) == 0)
		return (0);
	if (refused) {
		app_message(MSG_ERROR, _("Payment L%lld of this fee was refused "
		    "by the server: settle its money with the supervisor "
		    "before taking any (F8: outbox)."), id);
		return (1);
	}
	snprintf(q, sizeof q, _("Payment L%lld of this fee is in the outbox, "
	    "waiting for the network: take no money again. Print its "
	    "provisional receipt again?"), id);
	confirm_ask(q, reprint_yes, ps);
	return (1);
}

long long
pay_offline_queue(const struct pay_sent *ps)
{
	char		*path, *label, *cause = NULL, fee[64];
	long long	 id;

	if (app.outbox == NULL) {
		app_message(MSG_ERROR, "%s", _("No answer from the server and "
		    "no local database: the payment cannot be kept safe, so "
		    "take no money; try Y again later."));
		return (0);
	}
	label_fee(fee, sizeof fee, ps->fen);
	path = payments_path(ps->app_id);
	label = xasprintf(_("Payment of %s for %s (%s)"), fee, ps->number,
	    ps->resident);
	id = outbox_add(app.outbox, app.session->username, "POST", path,
	    ps->body, ps->key, label, &cause);
	free(label);
	free(path);
	if (id <= 0) {
		if (id < 0)
			app_message(MSG_ERROR, _("The payment was not saved "
			    "(%s): take no money; try Y again."), cause);
		else
			app_message(MSG_ERROR, _("The outbox is full (%d "
			    "waiting): the payment was not saved; take no "
			    "money. Send or clear the outbox first (F8)."),
			    OUTBOX_CAP);
		free(cause);
		return (0);
	}
	app_outbox_changed();
	app_message(MSG_INFO, _("No answer from the server: the payment is "
	    "kept in the outbox as L%lld and is sent when the link returns. "
	    "A provisional receipt is printing."), id);
	print_provisional(ps, id);
	sender_pump(app.sender, time(NULL));
	return (id);
}

/* The payment whose official receipt waits for its application: one at
 * a time, as the slot holds one request (a new one cancels the last). */
static struct payment	*official;

/* The application answered: the official receipt with the fee's basis,
 * as Y prints it at the counter. */
static void
on_application(struct api_result *r, void *arg)
{
	const struct app_detail	*d = r->model;
	const char		*basis = NULL;

	(void)arg;
	if (official == NULL || app_signed_out(r))
		return;
	if (r->status == API_OK)
		basis = *d->fee.basis != '\0' ? d->fee.basis : d->fee.reason;
	print_ui_offer(print_pay_receipt(official, basis, 0), NULL);
	model_payment_free(official);
	official = NULL;
}

/* The official receipt of the payment the outbox delivered (its
 * reply, arg): the application first, for the fee's basis. */
static void
print_official(void *arg)
{
	struct request	*rq;
	const char	*cause;
	cJSON		*j = cJSON_Parse(arg);

	model_payment_free(official);
	official = xcalloc(1, sizeof *official);
	if (j == NULL || model_payment_parse(j, official, &cause) != 0) {
		model_payment_free(official);
		official = NULL;
		cJSON_Delete(j);
		return;
	}
	cJSON_Delete(j);
	rq = request_new(NULL, SLOT_PAYMENT, on_application, NULL);
	request_call(rq, api_application_get(app.api,
	    official->application_id, request_reply, rq));
}

/* Delivered: counted once at the server; the official receipt is
 * offered to replace the provisional one. */
static void
delivered(const struct outbox_item *it)
{
	struct payment	*m = xcalloc(1, sizeof *m);
	const char	*cause;
	char		 q[512];
	cJSON		*j = cJSON_Parse(it->result);

	if (j == NULL || model_payment_parse(j, m, &cause) != 0) {
		app_message(MSG_INFO, _("Sent: %s."), it->label);
		model_payment_free(m);
		cJSON_Delete(j);
		return;
	}
	cJSON_Delete(j);
	app_message(MSG_INFO, _("Payment L%lld is at the server: receipt "
	    "%s."), it->id, m->serial);
	if (app.top != NULL && app.top->ops != &screen_lock) {
		snprintf(q, sizeof q, _("Payment L%lld is at the server: "
		    "receipt %s. Print the official receipt to replace the "
		    "provisional one?"), it->id, m->serial);
		confirm_ask_free(q, print_official, xstrdup(it->result), free);
	}
	model_payment_free(m);
}

/* Refused for good: the money taken under the provisional receipt is
 * the clerk's to settle; the item stays in the outbox as failed. */
static void
refused(const struct outbox_item *it, const struct api_result *r)
{
	const char	*serial = cJSON_GetStringValue(
			    cJSON_GetObjectItemCaseSensitive(r->problem_json,
			    "serial"));

	if (r->problem != NULL && strcmp(r->problem, "already-paid") == 0)
		app_message(MSG_ERROR, _("Conflict: payment L%lld was refused, "
		    "the fee was already paid (receipt %s). Give back the money "
		    "of provisional receipt L%lld or settle it with the "
		    "supervisor (F8: outbox)."), it->id, serial != NULL ?
		    serial : "-", it->id);
	else
		app_message(MSG_ERROR, _("Conflict: payment L%lld was refused "
		    "(%s). Settle the money of provisional receipt L%lld "
		    "with the supervisor (F8: outbox)."), it->id, r->message,
		    it->id);
}

int
pay_offline_event(enum sender_event ev, const struct outbox_item *it,
    const struct api_result *r)
{
	if (!is_payment(it))
		return (0);
	if (ev == SENDER_DONE)
		delivered(it);
	else if (ev == SENDER_FAILED)
		refused(it, r);
	else
		return (0);
	return (1);
}
