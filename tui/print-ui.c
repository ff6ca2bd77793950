/* The client's printing: targets, jobs in the event loop, documents. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "print-cases.h"
#include "print-ui.h"
#include "tui.h"
#include "watch.h"
#include "../locale/i18n.h"
#include "../printing/doc.h"
#include "../printing/encode.h"
#include "../printing/paper-app.h"
#include "../printing/papers.h"
#include "../printing/print-reconcile.h"
#include "../printing/print.h"
#include "../util/log.h"
#include "../util/paths.h"
#include "../util/xmalloc.h"

#define MAX_JOBS	8

static struct printer		*printer;
static struct print_target	 roll, a4;
static struct print_job		*jobs[MAX_JOBS];
static int			 public_place;
static char			 trouble[256];	/* the last job's word on
						   a stopped printer */

/* Parses "file", "cups:QUEUE", "tcp:HOST[:PORT]", "device:PATH". */
static int
target(const char *spec, struct print_target *t)
{
	memset(t, 0, sizeof *t);
	if (spec == NULL || strcmp(spec, "file") == 0)
		t->sink = PRINT_FILE;
	else if (strncmp(spec, "cups:", 5) == 0 && spec[5] != '\0') {
		t->sink = PRINT_CUPS;
		t->dest = spec + 5;
	} else if (strncmp(spec, "tcp:", 4) == 0 && spec[4] != '\0') {
		t->sink = PRINT_TCP;
		t->dest = spec + 4;
	} else if (strncmp(spec, "device:", 7) == 0 && spec[7] != '\0') {
		t->sink = PRINT_DEVICE;
		t->dest = spec + 7;
	} else
		return (-1);
	return (0);
}

static void
reconciled(const struct pj_entry *e, void *arg)
{
	int	*n = arg;

	(*n)++;
	log_info("print journal: settled a document left by a crash");
	(void)e;
}

const char *
print_ui_init(const struct print_setup *ps)
{
	static char	 msg[256];
	char		*dir = paths_state(NULL), *cause = NULL;
	int		 settled = 0;

	if (target(ps->receipt, &roll) != 0 || target(ps->a4, &a4) != 0)
		return (N_("A printer is given in a form this program does not "
		    "know: use file, cups:QUEUE, tcp:HOST or device:PATH."));
	roll.profile = ps->profile != NULL ? profile_find(ps->profile) :
	    profile_default();
	if (roll.profile == NULL)
		roll.profile = profile_default();
	if (dir == NULL || (printer = printer_new(dir, &cause)) == NULL) {
		log_info("printing: %s", cause != NULL ? cause : "no state");
		free(cause);
		free(dir);
		return (N_("Printing is not available: the prints folder "
		    "cannot be opened."));
	}
	free(dir);
	printer_reconcile(printer, reconciled, &settled);
	if (settled == 0)
		return (NULL);
	snprintf(msg, sizeof msg, _("%d print job(s) left by an interrupted "
	    "session were checked; none is printed again by itself."),
	    settled);
	return (msg);
}

int
print_ui_retarget(const struct print_setup *ps)
{
	struct print_target	r, f;

	if (target(ps->receipt, &r) != 0 || target(ps->a4, &f) != 0)
		return (-1);
	r.profile = ps->profile != NULL ? profile_find(ps->profile) : NULL;
	if (r.profile == NULL)
		r.profile = profile_default();
	roll = r;
	a4 = f;
	return (0);
}

void
print_ui_free(void)
{
	int	i;

	for (i = 0; i < MAX_JOBS; i++) {
		if (jobs[i] != NULL)
			watch_remove(print_job_fd(jobs[i]));
		print_job_free(jobs[i]);
		jobs[i] = NULL;
	}
	printer_free(printer);
	printer = NULL;
}

/* What a settled job tells the clerk, with the file when there is one. */
static void
settled(struct print_job *job)
{
	const char	*path = print_job_path(job);
	enum print_status st = print_job_status(job);

	/* the file's name first: a long folder would hide it at 80 columns */
	if (st == PRINT_DONE && public_place)
		app_message(MSG_INFO, "%s", _("Printed."));
	else if (st == PRINT_DONE && path != NULL && strrchr(path, '/') != NULL)
		app_message(MSG_INFO, _("Printed to the file %s in %.*s"),
		    strrchr(path, '/') + 1, (int)(strrchr(path, '/') - path),
		    path);
	else if (st == PRINT_DONE && path != NULL)
		app_message(MSG_INFO, _("Printed to the file %s"), path);
	else
		app_message(st == PRINT_DONE ? MSG_INFO : MSG_ERROR, "%s",
		    print_job_message(job));
}

/* What the printing layer said of the printer: kept while it is
 * stopped or a job failed, forgotten once a job is done. */
static void
note_trouble(const struct print_job *job)
{
	enum print_status	st = print_job_status(job);

	if (st == PRINT_STOPPED || st == PRINT_FAILED || st == PRINT_ABORTED)
		snprintf(trouble, sizeof trouble, "%s", print_job_message(job));
	else if (st == PRINT_DONE || st == PRINT_PRINTING)
		trouble[0] = '\0';
}

const char *
print_ui_problem(int a4_paper)
{
	const struct print_target	*t = a4_paper ? &a4 : &roll;

	if (printer == NULL)
		return (_("Printing is not available: the prints folder "
		    "cannot be opened."));
	if (t->sink == PRINT_FILE || trouble[0] == '\0')
		return (NULL);
	return (trouble);
}

void
print_ui_public(int on)
{
	public_place = on;
}

int
print_ui_busy(void)
{
	int	i;

	for (i = 0; i < MAX_JOBS; i++)
		if (jobs[i] != NULL)
			return (1);
	return (0);
}

/* A job's pipe has news (the loop watches it): said, and the job gone
 * once it has settled. */
static void
job_readable(void *arg)
{
	struct print_job	**slot = arg;
	int			  fd = print_job_fd(*slot);

	/* fd was taken first: a settled job has closed its pipe */
	if (print_job_update(*slot)) {
		note_trouble(*slot);
		watch_remove(fd);
		settled(*slot);
		print_job_free(*slot);
		*slot = NULL;
	} else {
		note_trouble(*slot);
		app_message(print_job_status(*slot) == PRINT_STOPPED ?
		    MSG_ERROR : MSG_INFO, "%s", print_job_message(*slot));
	}
}

/* Starts printing d on t. */
static void
start(struct pdoc *d, const struct print_target *t, int reprint)
{
	struct print_job	*job;
	char			*cause = NULL;
	int			 i;

	for (i = 0; i < MAX_JOBS && jobs[i] != NULL; i++)
		;
	if (i == MAX_JOBS) {
		app_message(MSG_ERROR, "%s", _("Too many documents are printing "
		    "at once; wait a moment."));
		return;
	}
	if ((job = print_start(printer, d, t, reprint, &cause)) == NULL) {
		app_message(MSG_ERROR, "%s", cause);
		free(cause);
		return;
	}
	jobs[i] = job;
	watch_add(print_job_fd(job), job_readable, &jobs[i]);
	app_message(MSG_INFO, "%s", _("Printing..."));
}

/* The first text of d the receipt printer's encoding lacks (a GB2312
 * printer and 𠮷), which it would print as ？; NULL if none. */
static const char *
unprintable(const struct pdoc *d)
{
	struct pencode	*pe;
	struct buf	 b;
	const char	*bad = NULL;
	size_t		 i;

	if (roll.profile == NULL || (pe = pencode_new(roll.profile->encoding,
	    NULL)) == NULL)
		return (NULL);
	buf_init(&b);
	for (i = 0; i < d->nels && bad == NULL; i++) {
		if (d->els[i].text != NULL && pencode_add(pe, &b,
		    d->els[i].text) > 0)
			bad = d->els[i].text;
		else if (d->els[i].value != NULL && pencode_add(pe, &b,
		    d->els[i].value) > 0)
			bad = d->els[i].value;
	}
	buf_free(&b);
	pencode_free(pe);
	return (bad);
}

/* What the clerk chose for a slip the receipt printer cannot print
 * whole: the A4 printer (its PDF has every glyph), or the receipt
 * printer with ？ where a character is missing. */
struct asked {
	struct pdoc	*d;
	int		 reprint;
};

static void
where_chosen(int index, void *arg)
{
	struct asked	*w = arg;

	if (index == 0)
		w->d->paper = PDOC_A4;
	start(w->d, index == 0 ? &a4 : &roll, w->reprint);
}

static void
asked_free(void *arg)
{
	struct asked	*w = arg;

	pdoc_free(w->d);
	free(w);
}

static void
ask_where(const struct pdoc *d, const char *bad, int reprint)
{
	struct asked	*w = xmalloc(sizeof *w);
	const char	*v[2];
	char		 title[256];
	struct list_ask	 a = { .items = v, .n = 2, .done = where_chosen,
			    .arg = w, .arg_free = asked_free };
	size_t		 i;

	w->d = pdoc_new(d->id, d->kind, d->paper, d->title);
	w->reprint = reprint;
	for (i = 0; i < d->nels; i++)
		pdoc_add(w->d, &d->els[i]);
	/* TRANSLATORS: the encoding, then the text with what it lacks */
	snprintf(title, sizeof title, _("The %s receipt printer cannot "
	    "print: %s"), roll.profile->encoding, bad);
	v[0] = _("On the A4 printer, whole");
	v[1] = _("On the receipt printer, with ? for what it lacks");
	a.title = title;
	list_ask_with(&a);
}

int
print_ui_document(struct pdoc *d, int reprint)
{
	const char	*bad;
	int		 copy;

	if (printer == NULL) {
		app_message(MSG_ERROR, "%s", _("Printing is not available."));
		return (0);
	}
	if (!reprint && printer_state(printer, d->id, &copy) != PJ_NONE)
		return (1);	/* on paper already, perhaps: ask first */
	if (d->paper == PDOC_ROLL && (bad = unprintable(d)) != NULL)
		ask_where(d, bad, reprint);
	else
		start(d, d->paper == PDOC_A4 ? &a4 : &roll, reprint);
	return (0);
}

static void
reprint_yes(void *d)
{
	print_ui_document(d, 1);
}

static void
doc_free(void *d)
{
	pdoc_free(d);
}

void
print_ui_offer(struct pdoc *d, const char *question)
{
	if (print_ui_document(d, 0) == 0) {
		pdoc_free(d);
		return;
	}
	confirm_ask_free(question != NULL ? question : _("This was printed "
	    "before. Print again, marked as a reprint?"), reprint_yes, d,
	    doc_free);
}

static const char *
str_at(const cJSON *o, const char *a, const char *b)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(o, a);

	if (b != NULL)
		v = cJSON_GetObjectItemCaseSensitive(v, b);
	return (cJSON_IsString(v) ? v->valuestring : NULL);
}

static struct paper_material *
materials_of(const cJSON *app_json, size_t *n)
{
	const cJSON		*list, *it;
	struct paper_material	*m;

	list = cJSON_GetObjectItemCaseSensitive(app_json, "materials");
	*n = 0;
	m = xcalloc((size_t)cJSON_GetArraySize(list) + 1, sizeof *m);
	cJSON_ArrayForEach(it, list) {
		if (str_at(it, "name", NULL) == NULL)
			continue;
		m[*n].name = str_at(it, "name", NULL);
		m[*n].originals = (int)cJSON_GetNumberValue(
		    cJSON_GetObjectItemCaseSensitive(it, "originals"));
		m[*n].copies = (int)cJSON_GetNumberValue(
		    cJSON_GetObjectItemCaseSensitive(it, "copies"));
		(*n)++;
	}
	return (m);
}

/* The materials taken 容缺 and their dates, as the server sent them. */
static struct paper_deferred *
deferred_of(const cJSON *app_json, size_t *n)
{
	const cJSON		*list, *it;
	struct paper_deferred	*d;

	list = cJSON_GetObjectItemCaseSensitive(app_json, "deferred");
	*n = 0;
	d = xcalloc((size_t)cJSON_GetArraySize(list) + 1, sizeof *d);
	cJSON_ArrayForEach(it, list) {
		if (str_at(it, "name", NULL) == NULL)
			continue;
		d[*n].name = str_at(it, "name", NULL);
		d[*n].due_date = str_at(it, "due_date", NULL);
		(*n)++;
	}
	return (d);
}

int
print_ui_printed(const char *id)
{
	int	copy;

	return (printer != NULL && printer_state(printer, id, &copy) !=
	    PJ_NONE);
}

struct pdoc *
print_ui_application(const cJSON *j, long long local_ref, const char *kind,
    long long replaces)
{
	struct paper_application	 a;
	struct pdoc			*d;
	char				 number[64], was[64];

	memset(&a, 0, sizeof a);
	if (replaces > 0) {
		snprintf(was, sizeof was, "待同步-L%lld", replaces);
		a.replaces = was;
	}
	if (local_ref > 0) {
		/* not at the server yet: the slip says so and carries the
		 * counter's own reference */
		snprintf(number, sizeof number, "待同步-L%lld", local_ref);
		a.number = number;
	} else
		a.number = str_at(j, "number", NULL);
	a.centre = app.session != NULL ? app.session->centre_name : "";
	a.counter = app.session != NULL ? app.session->counter : "";
	a.staff = app.session != NULL ? app.session->staff_name : "";
	a.community = str_at(j, "community", "name");
	a.service = str_at(j, "service", "name");
	a.txcode = str_at(j, "service", "txcode");
	a.resident = str_at(j, "resident", "name");
	a.id_masked = str_at(j, "resident", "id_number_masked");
	a.due_date = str_at(j, "due_date", NULL);
	/* the QR opens the progress-and-rating page; a slip still in the
	 * outbox has no page yet and carries its number */
	if (local_ref <= 0) {
		a.query_url = str_at(j, "progress_url", NULL);
		/* only in the server's answer as it took the application;
		 * null in a replay of that answer */
		a.pickup_code = str_at(j, "pickup_code", NULL);
		a.pickup_code_lost = application_code_lost(j);
	}
	a.at = cases_instant(str_at(j, "created_at", NULL));
	a.materials = materials_of(j, &a.nmaterials);
	a.deferred = deferred_of(j, &a.ndeferred);
	if (strcmp(kind, "deferral") == 0)
		d = paper_deferral(&a);
	else if (strcmp(kind, "materials") == 0)
		d = paper_materials(&a);
	else
		d = paper_receipt(&a);
	free((void *)a.materials);
	free((void *)a.deferred);
	return (d);
}
