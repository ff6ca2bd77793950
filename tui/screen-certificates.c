/* Certificates (开具证明): for the resident on screen, or one scanned
 * here, the types a residents' committee may issue, chosen by number;
 * the types it no longer issues, refused with their legal basis and a
 * note to print; and any certificate verified by its printed code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "case-labels.h"
#include "cases.h"
#include "dialog-prompt.h"
#include "draw.h"
#include "keys.h"
#include "labels.h"
#include "list.h"
#include "print-cases.h"
#include "print-ui.h"
#include "request.h"
#include "screen-cert-form.h"
#include "screen-certificates.h"
#include "tui.h"
#include "../forms/idnum.h"
#include "../forms/lineedit-draw.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

/* Request slots: the resident, a refusal, a verification, the
 * certificates issued; the types. */
enum { SLOT_MAIN, SLOT_TYPES };

struct certs {
	struct lineedit		 input;		/* the ID number, scanned */
	struct cert_type_page	*types;
	struct list		 l;
	long long		 resident_id;
	char			*name;
	char			*id_masked;
	char			*community;
	char			*address;
	struct cert_type	*refused;	/* shown with its basis */
	struct cert_page	*issued;	/* the resident's, for L */
};

static const struct keyhelp certs_keys[] = {
	{ N_("1-9"), N_("Issue that type"), 1 },
	{ N_("V"), N_("Verify a code"), 1 },
	{ N_("Esc"), N_("Back"), 1 },
	{ N_("Up/Down"), N_("Choose a type"), 0 },
	{ N_("Enter"), N_("Issue the chosen type"), 0 },
	{ N_("L"), N_("The resident's certificates: reprint one"), 0 },
	{ N_("P"), N_("Print the refusal note"), 0 },
	{ NULL, NULL, 0 }
};

static const struct keyhelp verify_keys[] = {
	{ N_("V"), N_("Verify a code"), 1 },
	{ N_("Esc"), N_("Back"), 1 },
	{ NULL, NULL, 0 }
};

static void
set_resident(struct certs *c, const struct resident_summary *r)
{
	free(c->name);
	free(c->id_masked);
	free(c->community);
	free(c->address);
	c->resident_id = r->id;
	c->name = xstrdup(r->name);
	c->id_masked = xstrdup(r->id_number_masked);
	c->community = xstrdup(r->community);
	c->address = xstrdup(r->address);
}

static void	on_types(struct api_result *, void *);

static void
certs_init(struct screen *s, void *arg)
{
	struct certs		*c = xcalloc(1, sizeof *c);
	const struct resident	*r = resident_on_screen();
	struct request		*rq;

	(void)arg;
	s->data = c;
	lineedit_init(&c->input, 18);
	if (!cases_may_act())
		return;		/* verification only: no types needed */
	if (r != NULL)
		set_resident(c, &r->s);
	rq = request_new(c, SLOT_TYPES, on_types, c);
	request_call(rq, api_cert_types(app.api, 1, request_reply, rq));
}

static void
certs_free(struct screen *s)
{
	struct certs	*c = s->data;

	model_cert_type_page_free(c->types);
	model_cert_page_free(c->issued);
	lineedit_free(&c->input);
	free(c->name);
	free(c->id_masked);
	free(c->community);
	free(c->address);
	free(c);
}

/* Retained types first, in the server's order, then the cancelled:
 * the numbers the clerk learns stay the same. */
static void
order_types(struct cert_type_page *p)
{
	struct cert_type	*sorted = xcalloc(p->n + 1, sizeof *sorted);
	size_t			 i, n = 0;
	int			 pass;

	for (pass = 1; pass >= 0; pass--) {
		for (i = 0; i < p->n; i++) {
			if (p->items[i].retained == pass)
				sorted[n++] = p->items[i];
		}
	}
	free(p->items);
	p->items = sorted;
}

static void
on_types(struct api_result *r, void *arg)
{
	struct certs	*c = arg;

	if (!app_answer(r))
		return;
	c->types = r->model;
	r->model = NULL;
	order_types(c->types);
	list_count(&c->l, (int)c->types->n);
}

static void
on_resident(struct api_result *r, void *arg)
{
	struct certs		*c = arg;
	struct resident_page	*p;

	lineedit_clear(&c->input);	/* found or not: the next scan */
	if (!app_answer(r))
		return;
	p = r->model;
	if (p->n != 1) {
		app_message(MSG_ERROR, "%s", label_not_here(0));
		return;
	}
	set_resident(c, &p->items[0]);
	c->refused = NULL;
	app_message(MSG_INFO, _("Certificates for %s now."), c->name);
}

/* Enter on the ID number, or a card scanned: checked here, then looked
 * up; the certificates are for that resident from then on. */
static void
find_resident(struct certs *c)
{
	struct idnum_info	 info;
	enum idnum_error	 e;
	struct request		*rq;
	char			*t = lineedit_text(&c->input);

	e = idnum_check(t, time(NULL), &info);
	free(t);
	if (e != IDNUM_OK) {
		app_message(MSG_ERROR, "%s", _(idnum_strerror(e)));
		lineedit_clear(&c->input);
		return;
	}
	rq = request_new(c, SLOT_MAIN, on_resident, c);
	request_call(rq, api_resident_search(app.api, info.normalized, NULL,
	    1, request_reply, rq));
}

static int
certs_scan(struct screen *s, const char *id)
{
	struct certs	*c = s->data;

	if (!cases_may_act())
		return (0);	/* verifying only: the profile opens */
	lineedit_set(&c->input, id);
	find_resident(c);
	return (1);
}

static void
on_refused(struct api_result *r, void *arg)
{
	struct certs		*c = arg;
	struct problem_ext	*e;

	if (app_signed_out(r))
		return;
	if (r->status == API_OK) {
		app_message(MSG_ERROR, "%s", _("The server issued a type this "
		    "counter lists as no longer issued: call support."));
		return;
	}
	if (strcmp(r->problem, "certificate-not-issued") != 0) {
		app_message(MSG_ERROR, "%s", r->message);
		return;
	}
	/* the server's word on why: its basis replaces the list's */
	e = problem_ext_parse(r->problem_json);
	if (c->refused != NULL && *e->basis != '\0') {
		free(c->refused->basis);
		c->refused->basis = xstrdup(e->basis);
	}
	problem_ext_free(e);
	app_hint(MSG_ERROR, "%s", _("Not issued: residents' committees no "
	    "longer issue this certificate. P prints the note for the "
	    "resident."));
}

/* A cancelled type is still asked for at the server, which refuses it
 * with its basis and records the refusal. */
static void
ask_cancelled(struct certs *c, struct cert_type *t)
{
	struct request	*rq = request_new(c, SLOT_MAIN, on_refused, c);
	char		 what[64];

	c->refused = t;
	snprintf(what, sizeof what, "%lld %lld", t->id, c->resident_id);
	request_call(rq, api_certificate_issue(app.api, t->id,
	    c->resident_id, NULL, NULL, 0, request_key(rq, what),
	    request_reply, rq));
}

static void
choose(struct certs *c, struct cert_type *t)
{
	struct cert_form_open	o;

	if (c->resident_id == 0) {
		app_message(MSG_ERROR, "%s", _("Scan the resident's ID card "
		    "first."));
		return;
	}
	if (!t->retained) {
		ask_cancelled(c, t);
		return;
	}
	c->refused = NULL;
	memset(&o, 0, sizeof o);
	o.type = t;
	o.resident_id = c->resident_id;
	o.resident_name = c->name;
	cert_form_open(&o);
}

static void
on_verified(struct api_result *r, void *arg)
{
	struct verify_result	*v;

	(void)arg;
	if (r->status == API_ERR_REFUSED && (r->http_status == 404 ||
	    r->http_status == 400)) {
		app_message(MSG_ERROR, "%s", _("No such certificate: the code "
		    "is mistyped, or the paper is not genuine."));
		return;
	}
	if (!app_answer(r))
		return;
	v = r->model;
	if (strcmp(v->status, "void") == 0)
		app_message(MSG_ERROR, _("VOID since %s: %s, issued %s by %s. "
		    "It is not valid."), v->ended_on, v->type, v->issued_on,
		    v->community);
	else if (strcmp(v->status, "superseded") == 0)
		app_message(MSG_ERROR, _("CORRECTED on %s: this paper of %s, "
		    "issued %s by %s, was replaced by a corrected one and is "
		    "not valid."), v->ended_on, v->type, v->issued_on,
		    v->community);
	else
		app_message(v->valid ? MSG_INFO : MSG_ERROR, v->valid ?
		    _("Genuine and valid: %s, issued %s by %s, valid until "
		    "%s.") : _("Genuine but EXPIRED: %s, issued %s by %s, "
		    "valid until %s."), v->type, v->issued_on, v->community,
		    v->valid_until);
}

static void
code_given(const char *code, void *arg)
{
	struct certs	*c = arg;
	struct request	*rq = request_new(c, SLOT_MAIN, on_verified, c);

	request_call(rq, api_verify_code(app.api, code, request_reply, rq));
}

static int
code_char(uint32_t cp)
{
	return (cp < 0x80 && (cp == ' ' || cp == '-' || (cp >= '0' &&
	    cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' &&
	    cp <= 'z')));
}

static void
ask_code(struct certs *c)
{
	prompt_ask(&(struct prompt){ .title = _("Verification code printed "
	    "on the certificate (核验码)"), .max_chars = 12, .min_chars = 1,
	    .filter = code_char, .done = code_given, .arg = c });
}

static void
print_refusal(struct certs *c)
{
	struct cert_type	*t = c->refused;

	if (t == NULL)
		return;
	print_ui_offer(cases_paper_cert_refusal(t->code, t->name, t->basis,
	    t->alternative, c->name, c->id_masked, c->community), NULL);
}

static void
on_certificate(struct api_result *r, void *arg)
{
	struct certificate_open	 o;

	(void)arg;
	if (!app_answer(r))
		return;
	memset(&o, 0, sizeof o);
	o.cert = r->model;
	o.reopened = 1;
	r->model = NULL;
	app_push(&screen_certificate, &o);
	model_certificate_free(o.cert);
}

static void
issued_chosen(int index, void *arg)
{
	struct certs	*c = arg;
	struct request	*rq;

	if (c->issued == NULL || (size_t)index >= c->issued->n)
		return;
	rq = request_new(c, SLOT_MAIN, on_certificate, c);
	request_call(rq, api_certificate_get(app.api,
	    c->issued->items[index].id, request_reply, rq));
}

/* The resident's certificates, newest first, to choose one from. */
static void
on_issued(struct api_result *r, void *arg)
{
	struct certs		*c = arg;
	const char		**lines;
	char			 date[11];
	size_t			 i;

	if (!app_answer(r))
		return;
	model_cert_page_free(c->issued);
	c->issued = r->model;
	r->model = NULL;
	if (c->issued->n == 0) {
		app_message(MSG_INFO, "%s", _("No certificate has been issued "
		    "to this resident."));
		return;
	}
	lines = xcalloc(c->issued->n, sizeof *lines);
	for (i = 0; i < c->issued->n; i++) {
		snprintf(date, sizeof date, "%s", c->issued->items[i].issued_at);
		lines[i] = xasprintf(_("%s  %s  issued %s, reprinted %d"),
		    c->issued->items[i].serial, c->issued->items[i].type_name,
		    date, c->issued->items[i].reprints);
	}
	list_ask(_("Which certificate? Enter opens it to reprint"), lines,
	    (int)c->issued->n, 0, issued_chosen, c);	/* copies them */
	for (i = 0; i < c->issued->n; i++)
		free((char *)lines[i]);
	free(lines);
}

static void
list_issued(struct certs *c)
{
	struct request	*rq = request_new(c, SLOT_MAIN, on_issued, c);

	request_call(rq, api_certificates_of(app.api, c->resident_id,
	    request_reply, rq));
}

static int
types_key(struct certs *c, int key)
{
	int	n = c->types != NULL ? (int)c->types->n : 0, nr = 0, i;

	for (i = 0; i < n; i++)
		nr += c->types->items[i].retained;
	if (key >= '1' && key <= '9' && key - '1' < nr) {
		list_select(&c->l, key - '1');
		choose(c, &c->types->items[key - '1']);
	} else if (key == TK_ENTER && n > 0)
		choose(c, &c->types->items[c->l.sel]);
	else
		return (list_key(&c->l, key) != LIST_UNUSED);
	return (1);
}

static int
certs_key(struct screen *s, int key)
{
	struct certs	*c = s->data;

	if (key == 'v' || key == 'V') {
		ask_code(c);
		return (1);
	}
	if (!cases_may_act()) {
		if ((key < '1' || key > '9') && key != TK_ENTER)
			return (0);
		app_message(MSG_ERROR, "%s", _("Your role may not issue "
		    "certificates: a counter clerk issues them. V verifies "
		    "one."));
		return (1);
	}
	if (c->resident_id == 0) {
		if (key == TK_ENTER)
			find_resident(c);
		else if (!keys_edit(&c->input, key))
			return (0);
	} else if ((key == 'p' || key == 'P') && c->refused != NULL)
		print_refusal(c);
	else if (key == 'l' || key == 'L')
		list_issued(c);
	else if (!types_key(c, key))
		return (0);
	app_dirty();
	return (1);
}

/* One type's line: its number when it may be issued. */
static void
draw_type(struct certs *c, int i, int y, int cols)
{
	struct cert_type	*t = &c->types->items[i];
	char			 line[512];

	if (t->retained)
		snprintf(line, sizeof line, " %d  %s", i + 1, t->name);
	else
		snprintf(line, sizeof line, "    %s  (%s)", t->name,
		    _("no longer issued"));
	draw_cell(y, 2, line, cols - 4, i == c->l.sel ? STYLE_SELECTED :
	    t->retained ? STYLE_NORMAL : STYLE_DIM);
}

/* The refused type: its basis, in full, and what the resident can do
 * instead. */
static int
draw_refusal(struct certs *c, int y, int cols)
{
	struct cert_type	*t = c->refused;
	char			 line[2048];

	snprintf(line, sizeof line, _("%s is not issued. Basis: %s"), t->name,
	    t->basis);
	y += draw_wrap(y, 1, line, cols - 2, 3, STYLE_ERROR);
	if (*t->alternative != '\0') {
		snprintf(line, sizeof line, _("Instead: %s"), t->alternative);
		y += draw_wrap(y, 1, line, cols - 2, 2, STYLE_NORMAL);
	}
	return (y);
}

static void
draw_types(struct certs *c, int y, int last, int cols)
{
	int	i;

	if (c->types == NULL) {
		draw_text(y, 2, request_busy(c, SLOT_TYPES) ? _("Loading...") :
		    _("The types could not be loaded. Esc, then F7 again."),
		    cols - 4, STYLE_DIM);
		return;
	}
	list_show(&c->l, last - y + 1);
	for (i = c->l.top; i < (int)c->types->n && y <= last; i++, y++)
		draw_type(c, i, y, cols);
}

static void
certs_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct certs	*c = s->data;
	char		 line[512];
	int		 y = top + 2, x;

	draw_text(top, 1, _("Certificates"), cols - 2, STYLE_TITLE);
	if (!cases_may_act())
		draw_text(top + 1, 1, _("Your role may verify certificates "
		    "(V) but not issue them."), cols - 2, STYLE_NORMAL);
	else if (c->resident_id == 0) {
		x = draw_text(top + 1, 1, _("Scan the ID card"), cols - 2,
		    STYLE_LABEL) + 3;
		*cx = lineedit_draw(stdscr, &c->input, top + 1, x, 19,
		    draw_attr(STYLE_FIELD));
		*cy = !request_busy(c, SLOT_MAIN) ? top + 1 : -1;
	} else {
		snprintf(line, sizeof line, _("For %s  %s  %s"), c->name,
		    c->id_masked, c->community);
		draw_text(top + 1, 1, line, cols - 2, STYLE_NORMAL);
	}
	if (c->refused != NULL)
		y = draw_refusal(c, y, cols);
	draw_hline(y++, 0, cols);
	if (cases_may_act())
		draw_types(c, y, top + rows - 1, cols);
	else
		draw_text(y + 1, 2, _("Press V and type the code printed on "
		    "the certificate."), cols - 4, STYLE_DIM);
}

/* Before a resident is chosen, digits are the ID number being typed;
 * after, they choose a type and wait for no card. */
static struct lineedit *
certs_typing(struct screen *s)
{
	struct certs	*c = s->data;

	return (cases_may_act() && c->resident_id == 0 ? &c->input : NULL);
}

const struct screen_ops screen_certificates = {
	.name = "certificates",
	.title = N_("Certificates"),
	.init = certs_init,
	.free = certs_free,
	.key = certs_key,
	.draw = certs_draw,
	.scan = certs_scan,
	.typing = certs_typing,
	.keys = certs_keys,
};

/* The same for a role that only verifies. */
const struct screen_ops screen_certificates_verify = {
	.name = "certificates",
	.title = N_("Certificates (verifying only)"),
	.init = certs_init,
	.free = certs_free,
	.key = certs_key,
	.draw = certs_draw,
	.scan = certs_scan,
	.keys = verify_keys,
};

void
certificates_open(void)
{
	if (app.session == NULL)
		return;
	app_push(cases_may_act() ? &screen_certificates :
	    &screen_certificates_verify, NULL);
}
