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
	path = xasprintf("/api/v1/applications/%lld/payments", ps->app_id);
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

static void
print_official(void *arg)
{
	print_ui_offer(print_pay_receipt(arg, NULL), NULL);
}

static void
payment_free(void *arg)
{
	model_payment_free(arg);
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
	if (app.top == NULL || app.top->ops == &screen_lock) {
		model_payment_free(m);
		return;
	}
	snprintf(q, sizeof q, _("Payment L%lld is at the server: receipt %s. "
	    "Print the official receipt to replace the provisional one?"),
	    it->id, m->serial);
	confirm_ask_free(q, print_official, m, payment_free);
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
