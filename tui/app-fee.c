/* An application's fee: taken once, its receipt printed; a refund or
 * void asked for by a clerk and decided by a supervisor, the red-letter
 * receipt printed. Every request goes with a key of its own, the same
 * again after a lost answer, so that nothing is taken twice. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app-fee.h"
#include "dialog-prompt.h"
#include "draw.h"
#include "labels.h"
#include "print-pay.h"
#include "print-ui.h"
#include "request.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../printing/doc.h"
#include "../util/xmalloc.h"

static const char *
channel_label(const char *c)
{
	if (strcmp(c, "cash") == 0)
		return (_("cash"));
	if (strcmp(c, "code") == 0)
		return (_("payment code"));
	if (strcmp(c, "waived") == 0)
		return (_("waived"));
	return (c);
}

static const char *
fee_status_label(const char *s)
{
	if (strcmp(s, "free") == 0)
		return (_("no fee"));
	if (strcmp(s, "unpaid") == 0)
		return (_("unpaid"));
	if (strcmp(s, "paid") == 0)
		return (_("paid"));
	if (strcmp(s, "waived") == 0)
		return (_("waived"));
	return (s);
}

/* The payment in force, from the list, or NULL. */
static const struct payment *
in_force(const struct app_pay *p, long long id)
{
	size_t	i;

	for (i = 0; p->list != NULL && i < p->list->n; i++) {
		if (p->list->items[i].id == id)
			return (&p->list->items[i]);
	}
	return (NULL);
}

static void
on_list(struct api_result *r, void *arg)
{
	struct app_pay	*p = arg;

	if (!app_answer(r))
		return;
	model_payment_page_free(p->list);
	p->list = r->model;
	r->model = NULL;
}

void
app_pay_load(struct app_pay *p, long long id)
{
	struct request	*rq = request_new(p->owner, p->list_slot, on_list, p);

	p->id = id;
	request_call(rq, api_payments_of(app.api, id, request_reply, rq));
}

/* Something changed on the server: the screens showing the
 * application reload it, its payments with it. */
static void
changed(struct app_pay *p)
{
	app_changed(RES_APPLICATION, p->id);
}

/* A lost answer: the same key again cannot take it twice. */
static int
lost(const struct api_result *r, const char *key)
{
	if (app_signed_out(r))
		return (1);
	if (r->status != API_ERR_NETWORK)
		return (0);
	app_hint(MSG_ERROR, _("No answer from the server (%s) It may or may "
	    "not have been done: press %s again; it is sent so that it "
	    "cannot be done twice."), r->message, key);
	return (1);
}

/* A refusal in a sentence: the problems of money said plainly. */
static void
say_refusal(struct app_pay *p, const struct api_result *r)
{
	const char	*serial = cJSON_GetStringValue(
			    cJSON_GetObjectItemCaseSensitive(r->problem_json,
			    "serial"));

	if (strcmp(r->problem, "already-paid") == 0)
		app_message(MSG_ERROR, _("Already paid (receipt %s): nothing "
		    "was taken again."), serial != NULL ? serial : "-");
	else if (strcmp(r->problem, "cash-session-required") == 0)
		app_message(MSG_ERROR, "%s", _("The counter's cash drawer is "
		    "not open today (or holds too little): open it on the main "
		    "menu's M first."));
	else if (strcmp(r->problem, "fee-not-due") == 0)
		app_message(MSG_ERROR, "%s", _("No fee is owed for this "
		    "application now."));
	else if (r->http_status == 403)
		app_message(MSG_ERROR, "%s", _("Not allowed: a refund or void "
		    "is decided by a supervisor other than the one who asked "
		    "for it."));
	else if (r->nerrors > 0)
		app_message(MSG_ERROR, "%s: %s", r->message,
		    r->errors[0].message);
	else
		app_message(MSG_ERROR, "%s", r->message);
	changed(p);
}

static void
on_paid(struct api_result *r, void *arg)
{
	struct app_pay	*p = arg;
	struct payment	*m;

	/* no answer: the outbox keeps it with the same key, so that it
	 * counts once whether the server had it or not */
	if (r->status == API_ERR_NETWORK && p->sent.body != NULL) {
		if (pay_offline_queue(&p->sent) > 0)
			changed(p);
		return;
	}
	if (lost(r, "Y"))
		return;
	if (r->status != API_OK) {
		say_refusal(p, r);
		return;
	}
	m = r->model;
	app_message(MSG_INFO, _("Paid: %s, %s. Receipt %s is printing."),
	    channel_label(m->channel), m->date, m->serial);
	print_ui_offer(print_pay_receipt(m, p->basis, 0), NULL);
	changed(p);
}

/* Sends the payment; the same payment again goes with the same key. */
static void
pay(struct app_pay *p, const char *channel, const char *reference,
    const char *reason)
{
	struct payment_new	 n = { channel, p->due_fen, reference, reason };
	struct request		*rq;
	const char		*key;
	char			*body = api_payment_body(&n);

	if (request_refuse(p->owner, p->slot)) {
		free(body);
		return;
	}
	rq = request_new(p->owner, p->slot, on_paid, p);
	key = request_key(rq, body);
	pay_sent_what(&p->sent, channel, reference, reason, body, key);
	request_call(rq, api_payment_create(app.api, p->id, &n, key,
	    request_reply, rq));
	free(body);
	app_message(MSG_INFO, "%s", _("Sending..."));
}

static void
cash_confirmed(void *arg)
{
	pay(arg, "cash", NULL, NULL);
}

static void
reference_given(const char *text, void *arg)
{
	pay(arg, "code", text, NULL);
}

static void
waiver_given(const char *text, void *arg)
{
	pay(arg, "waived", NULL, text);
}

/* What a payment code's transaction reference is made of. */
static int
reference_char(uint32_t c)
{
	return ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z') || c == '_' || c == '-');
}

static void
channel_chosen(int index, void *arg)
{
	struct app_pay	*p = arg;
	char		 q[256], fee[64];

	label_fee(fee, sizeof fee, p->due_fen);
	if (index == 0) {
		snprintf(q, sizeof q, _("Take %s in cash?"), fee);
		confirm_ask(q, cash_confirmed, p);
	} else if (index == 1)
		prompt_ask(&(struct prompt){ .title = _("Scan the payment "
		    "code's reference"), .max_chars = 64,
		    .min_chars = 6, .too_short = _("A transaction reference "
		    "has 6 to 64 letters and digits."), .filter =
		    reference_char, .done = reference_given, .arg = p });
	else if (index == 2)
		prompt_ask(&(struct prompt){ .title = _("Why is the fee "
		    "waived?"),
		    .max_chars = 200, .min_chars = 2, .too_short = _("A waiver "
		    "needs its reason, 2 to 200 characters."),
		    .done = waiver_given, .arg = p });
}

/* The receipt of a payment taken before: the original once (a printer
 * that failed, the official one after the outbox's delivery); another
 * copy is a reprint, recorded first (L). */
static void
print_original(const struct payment *m, const char *basis)
{
	struct pdoc	*d = print_pay_receipt(m, basis, 0);

	if (print_ui_document(d, 0) != 0)
		app_hint(MSG_ERROR, _("Receipt %s was printed already. L "
		    "records a reprint (补打) with its reason and prints it, "
		    "marked as such."), m->serial);
	pdoc_free(d);
}

void
app_pay_take(struct app_pay *p, const struct app_detail *d)
{
	const struct payment	*m;
	const char		*v[3];
	char			 title[256], fee[64];

	if (*d->fee.status == '\0' || strcmp(d->fee.status, "free") == 0) {
		app_message(MSG_ERROR, "%s", _("This application owes no fee."));
		return;
	}
	free(p->basis);
	p->basis = xstrdup(*d->fee.basis != '\0' ? d->fee.basis :
	    d->fee.reason);
	p->due_fen = d->fee.due_fen;
	pay_sent_of(&p->sent, d, p->basis);
	if (strcmp(d->fee.status, "unpaid") != 0) {
		if ((m = in_force(p, d->fee.payment_id)) == NULL) {
			app_message(MSG_ERROR, "%s", _("The payments are still "
			    "loading: try again in a moment."));
			return;
		}
		print_original(m, p->basis);
		return;
	}
	if (pay_offline_take(&p->sent))
		return;		/* taken offline, not at the server yet */
	if (strstr("rejected withdrawn", d->s.status) != NULL) {
		app_message(MSG_ERROR, "%s", _("No fee is owed for this "
		    "application now."));
		return;
	}
	label_fee(fee, sizeof fee, p->due_fen);
	snprintf(title, sizeof title, _("Fee %s: how is it paid?"), fee);
	v[0] = _("Cash");
	v[1] = _("Payment code (scan the transaction reference)");
	v[2] = _("Waived, with the reason");
	list_ask(title, v, 3, 0, channel_chosen, p);
}

static void
on_asked(struct api_result *r, void *arg)
{
	struct app_pay	*p = arg;

	if (lost(r, "U"))
		return;
	if (r->status != API_OK) {
		say_refusal(p, r);
		return;
	}
	app_message(MSG_INFO, "%s", _("Asked: the payment stays in force "
	    "until a supervisor approves it (U on this application)."));
	changed(p);
}

static void
reversal_reason(const char *text, void *arg)
{
	struct app_pay	*p = arg;
	struct request	*rq;
	char		*what;

	if (request_refuse(p->owner, p->slot))
		return;
	what = xasprintf("%lld %s %s", p->payment_id, p->kind, text);
	rq = request_new(p->owner, p->slot, on_asked, p);
	request_call(rq, api_reversal_ask(app.api, p->payment_id, p->kind,
	    text, request_key(rq, what), request_reply, rq));
	free(what);
	app_message(MSG_INFO, "%s", _("Sending..."));
}

static void
kind_chosen(int index, void *arg)
{
	struct app_pay	*p = arg;

	if (index < 0)
		return;
	free(p->kind);
	p->kind = xstrdup(index == 0 ? "refund" : "void");
	prompt_ask(&(struct prompt){ .title = index == 0 ? _("Why is the "
	    "fee refunded?") : _("Why is the payment voided?"),
	    .max_chars = 200, .min_chars = 2, .too_short = _("Give the "
	    "reason, 2 to 200 characters."), .done = reversal_reason,
	    .arg = p });
}

static void
on_decided(struct api_result *r, void *arg)
{
	struct app_pay	*p = arg;
	struct reversal	*v;

	if (lost(r, "U"))
		return;
	if (r->status != API_OK) {
		say_refusal(p, r);
		return;
	}
	v = r->model;
	if (v->record != NULL) {
		app_message(MSG_INFO, _("Approved: red-letter receipt %s is "
		    "printing."), v->record->serial);
		print_ui_offer(print_pay_receipt(v->record, NULL, 0), NULL);
	} else
		app_message(MSG_INFO, "%s", _("Rejected: the payment stays in "
		    "force."));
	changed(p);
}

static void
decision_chosen(int index, void *arg)
{
	struct app_pay	*p = arg;
	struct request	*rq;
	char		*what;

	if (index < 0 || request_refuse(p->owner, p->slot))
		return;
	what = xasprintf("%lld %d", p->reversal, index == 0);
	rq = request_new(p->owner, p->slot, on_decided, p);
	request_call(rq, api_reversal_decide(app.api, p->reversal, index == 0,
	    NULL, request_key(rq, what), request_reply, rq));
	free(what);
	app_message(MSG_INFO, "%s", _("Sending..."));
}

/* The pending reversals: the one of this payment, to decide. */
static void
on_pending(struct api_result *r, void *arg)
{
	struct app_pay		*p = arg;
	const struct reversal	*v = NULL;
	size_t			 i;

	if (!app_answer(r))
		return;
	model_reversal_page_free(p->pending);
	p->pending = r->model;
	r->model = NULL;
	for (i = 0; i < p->pending->n && v == NULL; i++) {
		if (p->pending->items[i].payment.id == p->payment_id)
			v = &p->pending->items[i];
	}
	if (v == NULL) {
		app_message(MSG_ERROR, "%s", _("No refund or void of this "
		    "payment is waiting for a decision."));
		changed(p);
		return;
	}
	app_pay_decide(p, v, 0);
}

void
app_pay_decide(struct app_pay *p, const struct reversal *v, int reject)
{
	const char	*items[2];
	char		 title[512], fee[64];

	p->reversal = v->id;
	p->id = v->payment.application_id;
	p->payment_id = v->payment.id;
	label_fee(fee, sizeof fee, v->payment.amount_fen);
	snprintf(title, sizeof title, _("%s of %s asked by %s: %s"),
	    strcmp(v->kind, "refund") == 0 ? _("Refund") : _("Void"), fee,
	    v->requested_by, v->reason);
	items[0] = _("Approve: write the red-letter record and print it");
	items[1] = _("Reject: the payment stays in force");
	list_ask(title, items, 2, reject != 0, decision_chosen, p);
}

void
app_pay_reverse(struct app_pay *p, const struct app_detail *d)
{
	const struct payment	*m = in_force(p, d->fee.payment_id);
	const char		*role = app.session != NULL ?
				    app.session->role : "";
	const char		*v[2];
	struct request		*rq;

	if (d->fee.payment_id == 0 || m == NULL) {
		app_message(MSG_ERROR, "%s", m == NULL && d->fee.payment_id !=
		    0 ? _("The payments are still loading: try again in a "
		    "moment.") : _("No payment in force to refund or void."));
		return;
	}
	p->payment_id = m->id;
	if (strcmp(m->status, "reversal_pending") == 0) {
		if (strcmp(role, "supervisor") != 0 &&
		    strcmp(role, "admin") != 0) {
			app_message(MSG_ERROR, "%s", _("A refund or void is "
			    "waiting for the supervisor's decision."));
			return;
		}
		rq = request_new(p->owner, p->slot, on_pending, p);
		request_call(rq, api_reversals_pending(app.api,
		    request_reply, rq));
		return;
	}
	v[0] = _("Refund: the money goes back to the resident");
	v[1] = _("Void: it was recorded wrongly (today only)");
	list_ask(_("Undo the payment: which?"), v, 2, 0, kind_chosen, p);
}

/* The payment or red-letter record id, from the list, or NULL. */
static struct payment *
listed(struct app_pay *p, long long id)
{
	size_t	i;

	for (i = 0; p->list != NULL && i < p->list->n; i++) {
		if (p->list->items[i].id == id)
			return (&p->list->items[i]);
	}
	return (NULL);
}

static void
on_reprinted(struct api_result *r, void *arg)
{
	struct app_pay		*p = arg;
	struct pay_reprint	*rp;
	struct payment		*m;
	struct pdoc		*d;

	if (app_signed_out(r))
		return;
	if (r->status != API_OK) {
		app_hint(MSG_ERROR, r->status == API_ERR_NETWORK ?
		    _("Not recorded, so not printed: the server cannot be "
		    "reached (%s) L again once the link is back.") : "%s",
		    r->message);
		return;
	}
	rp = r->model;
	if ((m = listed(p, rp->payment_id)) == NULL) {
		changed(p);
		return;
	}
	m->reprints = rp->reprint_no;
	d = print_pay_receipt(m, strcmp(m->kind, "payment") == 0 ?
	    p->basis : NULL, rp->reprint_no);
	if (print_ui_document(d, 0) != 0)
		app_message(MSG_ERROR, "%s", _("This reprint was printed "
		    "already: L records another."));
	else
		app_message(MSG_INFO, _("Reprint %d of receipt %s recorded; "
		    "it is printing, marked 补打."), rp->reprint_no, m->serial);
	pdoc_free(d);
	changed(p);
}

static void
reprint_reason(const char *text, void *arg)
{
	struct app_pay	*p = arg;
	struct request	*rq;
	char		*what;

	if (request_refuse(p->owner, p->slot))
		return;
	/* the same reprint again after a lost answer keeps its key */
	what = xasprintf("reprint %lld %s", p->reprint_of, text);
	rq = request_new(p->owner, p->slot, on_reprinted, p);
	request_call(rq, api_payment_reprint(app.api, p->reprint_of, text,
	    request_key(rq, what), request_reply, rq));
	free(what);
}

static void
receipt_chosen(int index, void *arg)
{
	struct app_pay	*p = arg;

	if (index < 0 || p->list == NULL || (size_t)index >= p->list->n)
		return;
	p->reprint_of = p->list->items[index].id;
	prompt_ask(&(struct prompt){ .title = _("Why print it again? "
	    "(recorded with the reprint)"), .max_chars = 200, .min_chars = 2,
	    .too_short = _("A reprint needs its reason, 2 to 200 "
	    "characters."), .done = reprint_reason, .arg = p });
}

void
app_pay_reprint(struct app_pay *p, const struct app_detail *d)
{
	const struct payment	*m;
	char			**lines, fee[64];
	size_t			 i, n;

	if (p->list == NULL) {
		app_message(MSG_ERROR, "%s", _("The payments are still "
		    "loading: try again in a moment."));
		return;
	}
	if ((n = p->list->n) == 0) {
		app_message(MSG_ERROR, "%s", _("No receipt of this application "
		    "to print again: none was taken."));
		return;
	}
	free(p->basis);
	p->basis = xstrdup(*d->fee.basis != '\0' ? d->fee.basis :
	    d->fee.reason);
	lines = xcalloc(n, sizeof *lines);
	for (i = 0; i < n; i++) {
		m = &p->list->items[i];
		label_fee(fee, sizeof fee, m->amount_fen);
		lines[i] = strcmp(m->kind, "payment") == 0 ?
		    xasprintf(_("Receipt %s, %s, %s, printed again %d times"),
		    m->serial, fee, m->date, m->reprints) :
		    xasprintf(_("Red-letter receipt %s, -%s, %s, printed "
		    "again %d times"), m->serial, fee, m->date, m->reprints);
	}
	list_ask(_("Which receipt is printed again (补打)?"),
	    (const char *const *)lines, (int)n, 0, receipt_chosen, p);
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* The payment of the application waiting in the outbox, as
 * pay_offline_waiting() tells it: the local database is read again only
 * when the outbox changed, not at every draw. */
static long long
waiting_payment(struct app_pay *p, long long app_id, int *refused)
{
	if (!p->ob_read || p->ob_app != app_id ||
	    p->ob_changes != app.ob_changes) {
		p->ob_waiting = pay_offline_waiting(app_id, &p->ob_refused);
		p->ob_app = app_id;
		p->ob_changes = app.ob_changes;
		p->ob_read = 1;
	}
	*refused = p->ob_refused;
	return (p->ob_waiting);
}

int
app_pay_draw(struct app_pay *p, const struct app_detail *d, int y, int cols)
{
	const struct payment	*m = in_force(p, d->fee.payment_id);
	char			 line[512], fee[64];
	long long		 waiting;
	int			 refused;

	if (*d->fee.status == '\0' || strcmp(d->fee.status, "free") == 0)
		return (y);
	label_fee(fee, sizeof fee, d->fee.due_fen);
	/* TRANSLATORS: the amount, paid or not, and why */
	snprintf(line, sizeof line, _("%s, %s (%s)"), fee,
	    fee_status_label(d->fee.status), d->fee.reason);
	draw_field(y++, 1, _("Fee"), line, cols - 1);
	if (d->fee.payment_id == 0 && strcmp(d->fee.status, "unpaid") == 0 &&
	    (waiting = waiting_payment(p, d->s.id, &refused)) > 0) {
		snprintf(line, sizeof line, refused ? _("L%lld refused by the "
		    "server: settle it (F8)") : _("L%lld in the outbox, "
		    "provisional receipt given"), waiting);
		draw_field(y++, 1, _("Payment"), line, cols - 1);
	}
	if (d->fee.payment_id == 0)
		return (y);
	snprintf(line, sizeof line, _("receipt %s, %s%s"), d->fee.serial,
	    channel_label(d->fee.channel), m != NULL && strcmp(m->status,
	    "reversal_pending") == 0 ? _(", refund or void asked") : "");
	draw_field(y++, 1, _("Payment"), line, cols - 1);
	return (y);
}

int
app_pay_refusal(const struct api_result *r, const struct app_detail *d)
{
	char	fee[64];

	if (r->problem == NULL || strcmp(r->problem, "fee-unpaid") != 0)
		return (0);
	label_fee(fee, sizeof fee, d->fee.due_fen);
	app_hint(MSG_ERROR, _("Not handed over: the fee of %s is not paid. "
	    "Y takes it first."), fee);
	return (1);
}

void
app_pay_clear(struct app_pay *p)
{
	model_payment_page_free(p->list);
	model_reversal_page_free(p->pending);
	free(p->basis);
	free(p->kind);
	pay_sent_clear(&p->sent);
	p->list = NULL;
	p->pending = NULL;
	p->basis = NULL;
	p->kind = NULL;
}

static void
on_quote(struct api_result *r, void *arg)
{
	char			**line = arg;
	const struct fee_quote	 *q = r->model;
	char			  fee[64];

	if (app_signed_out(r) || r->status != API_OK)
		return;		/* the counter tells it after, on the case */
	free(*line);
	*line = NULL;
	if (q->standard_fen == 0)
		return;
	label_fee(fee, sizeof fee, q->due_fen);
	if (q->due_fen == 0)
		*line = xasprintf(_("Fee: nothing to pay (%s)."), q->reason);
	else
		*line = xasprintf(_("Fee: %s (%s), taken with Y on the "
		    "application once it is in."), fee, q->reason);
	app_dirty();
}

void
app_fee_quote(const void *owner, int slot, long long service_id,
    long long resident_id, const char *fields, char **line)
{
	struct request	*rq;

	if (service_id == 0 || resident_id == 0)
		return;
	rq = request_new(owner, slot, on_quote, line);
	request_call(rq, api_fee_quote(app.api, service_id, resident_id,
	    fields, request_reply, rq));
}
