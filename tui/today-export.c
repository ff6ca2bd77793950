/* The day's list as a CSV file for a spreadsheet (UTF-8 with a BOM, or
 * GB18030 for older Excel and WPS), and the end-of-day slip (日结). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "print-ui.h"
#include "today-draw.h"
#include "today-export.h"
#include "today-money.h"
#include "today.h"
#include "tui.h"
#include "when.h"
#include "../locale/csv.h"
#include "../locale/i18n.h"
#include "../printing/paper-lists.h"
#include "../printing/papers.h"
#include "../util/paths.h"
#include "../util/xmalloc.h"

#define NCOLS 11

/* The header row, in the clerk's language: the spreadsheet is theirs. */
static void
header(const char **v)
{
	v[0] = _("Application number");
	v[1] = _("Service code");
	v[2] = _("Service");
	v[3] = _("Resident");
	v[4] = _("ID number (masked)");
	v[5] = _("Community");
	v[6] = _("Status");
	v[7] = _("Counter");
	v[8] = _("Taken by");
	v[9] = _("Taken at");
	v[10] = _("Promised by");
}

static void
row(const struct app_row *a, const char **v, char *at, size_t len)
{
	time_t		t = when_parse(a->created_at);
	struct tm	tm;

	at[0] = '\0';
	if (t != -1) {
		localtime_r(&t, &tm);
		strftime(at, len, "%Y-%m-%d %H:%M", &tm);
	}
	v[0] = a->number;
	v[1] = a->txcode;
	v[2] = a->service;
	v[3] = a->resident;
	v[4] = a->id_masked;
	v[5] = a->community;
	v[6] = today_status_label(a->status);
	v[7] = a->counter;
	v[8] = a->staff;
	v[9] = at;
	v[10] = a->due_date;
}

/* The config's folder, else exports/ in the state folder. */
static char *
folder(void)
{
	if (settings.export_folder != NULL && *settings.export_folder != '\0')
		return (paths_mkdirs(settings.export_folder) == 0 ?
		    xstrdup(settings.export_folder) : NULL);
	return (paths_state("exports"));
}

/* A new name each time, so an earlier export (perhaps open in a
 * spreadsheet) is never overwritten. */
static char *
file_name(const struct today *t, const char *dir)
{
	time_t		 now = time(NULL);
	struct tm	 tm;
	char		*base, *path;
	int		 n;

	localtime_r(&now, &tm);
	base = xasprintf("%s/bianmin-%s-%s%s-%02d%02d%02d", dir, t->date,
	    t->mine ? "counter-" : "centre", t->mine ? app.session->counter :
	    "", tm.tm_hour, tm.tm_min, tm.tm_sec);
	path = xasprintf("%s.csv", base);
	for (n = 2; access(path, F_OK) == 0 && n < 100; n++) {
		free(path);
		path = xasprintf("%s-%d.csv", base, n);
	}
	free(base);
	return (path);
}

/* Rows the satisfaction adds below the list: a blank row, a header,
 * the total, one a counter, service and staff member, the follow-ups. */
static size_t
sat_rows(const struct satisfaction *sa)
{
	if (sa == NULL)
		return (0);
	return (4 + sa->ncounter + sa->nservice + sa->nstaff);
}

/* One SatisfactionCount as cells; the numbers go into num[4][16]. */
static void
sat_row(const char **v, const char *what, const struct sat_count *c,
    char (*num)[16])
{
	snprintf(num[0], sizeof num[0], "%d", c->rated);
	snprintf(num[1], sizeof num[1], "%d", c->good);
	snprintf(num[2], sizeof num[2], "%d", c->bad);
	today_rate(c->permille, num[3], sizeof num[3]);
	v[0] = what;
	v[1] = c->key;
	v[2] = num[0];
	v[3] = num[1];
	v[4] = num[2];
	v[5] = num[3];
}

static void
sat_cells(const struct satisfaction *sa, const char **v, char (*num)[16])
{
	const struct {
		const char		*what;
		const struct sat_count	*c;
		size_t			 n;
	} lists[] = {
		{ _("Counter"), sa->per_counter, sa->ncounter },
		{ _("Service"), sa->per_service, sa->nservice },
		{ _("Served by"), sa->per_staff, sa->nstaff },
	};
	size_t	i, k;

	v += NCOLS;			/* a blank row */
	v[0] = _("Satisfaction");
	v[2] = _("Rated");
	v[3] = _("Good");
	v[4] = _("Bad");
	v[5] = _("Satisfaction rate");
	v += NCOLS;
	sat_row(v, _("Total"), &sa->total, num);
	for (k = 0; k < 3; k++) {
		for (i = 0; i < lists[k].n; i++) {
			v += NCOLS;
			num += 4;
			sat_row(v, lists[k].what, &lists[k].c[i], num);
		}
	}
	v += NCOLS;
	num += 4;
	snprintf(num[0], sizeof num[0], "%d", sa->fu_open);
	snprintf(num[1], sizeof num[1], "%d", sa->fu_overdue);
	snprintf(num[2], sizeof num[2], "%d", sa->fu_closed);
	v[0] = _("Follow-ups");
	v[1] = _("open / overdue / closed");
	v[2] = num[0];
	v[3] = num[1];
	v[4] = num[2];
}

/* The day's money, a supervisor's; NULL otherwise. */
static const struct day_money *
money_of(const struct today *t)
{
	return (t->stats != NULL && t->stats->has_money ? &t->stats->money :
	    NULL);
}

static char *
csv_bytes(const struct today *t, size_t *len, char **cause)
{
	const struct day_money	 *m = money_of(t);
	const char		**v;
	char			(*at)[32], *out, (*num)[16], (*mnum)[24];
	size_t			  i, n = t->day.n, extra = sat_rows(t->sat);
	size_t			  mrows = m != NULL ? today_money_csv_rows(m) :
				    0;

	v = xcalloc((n + 1 + extra + mrows) * NCOLS, sizeof *v);
	at = xcalloc(n + 1, sizeof *at);
	num = xcalloc(4 * (extra + 1), sizeof *num);
	mnum = xcalloc(8 * (mrows + 1), sizeof *mnum);
	header(v);
	for (i = 0; i < n; i++)
		row(&t->day.items[i], v + (i + 1) * NCOLS, at[i],
		    sizeof at[i]);
	for (i = (n + 1) * NCOLS; i < (n + 1 + extra + mrows) * NCOLS; i++)
		v[i] = "";
	if (t->sat != NULL)
		sat_cells(t->sat, v + (n + 1) * NCOLS, num);
	if (m != NULL)
		today_money_csv(m, v + (n + 1 + extra) * NCOLS, NCOLS, mnum);
	out = csv_export(v, n + 1 + extra + mrows, NCOLS, t->gb18030 ?
	    CSV_GB18030 : CSV_UTF8, len, cause);
	free(v);
	free(at);
	free(num);
	free(mnum);
	return (out);
}

void
today_export(struct today *t)
{
	char	*dir = folder(), *path, *data, *cause = NULL;
	size_t	 len;

	if (dir == NULL) {
		app_message(MSG_ERROR, "%s", _("The export folder cannot be "
		    "made: check [export] folder in config.ini."));
		return;
	}
	if ((data = csv_bytes(t, &len, &cause)) == NULL) {
		app_message(MSG_ERROR, _("The list cannot be written as CSV: "
		    "%s"), cause);
		free(cause);
		free(dir);
		return;
	}
	path = file_name(t, dir);
	if (paths_write_file(path, data, len) != 0)
		app_message(MSG_ERROR, _("Cannot write %s: %s"), path,
		    strerror(errno));
	else
		app_message(MSG_INFO, _("%zu applications written as %s to "
		    "%s"), t->day.n, t->gb18030 ? "GB18030" : "UTF-8", path);
	free(data);
	free(path);
	free(dir);
}

static void
daily_of(const struct today *t, struct paper_daily *p,
    struct paper_service_count *sv)
{
	const struct figures	*f = &t->fig;
	size_t			 i;

	memset(p, 0, sizeof *p);
	p->date = t->date;
	p->centre = app.session->centre_name;
	p->counter = t->mine ? app.session->counter : NULL;
	p->staff = app.session->staff_name;
	p->received = f->received;
	p->accepted = f->accepted;
	p->completed = f->completed;
	p->rejected = f->rejected;
	p->collected = f->collected;
	p->overdue = f->overdue;
	p->certificates = f->certificates > 0 ? f->certificates : 0;
	p->tickets_issued = f->tickets_issued > 0 ? f->tickets_issued : 0;
	p->tickets_done = f->tickets_done > 0 ? f->tickets_done : 0;
	p->avg_wait_s = f->avg_wait_s;
	for (i = 0; i < f->nservices; i++) {
		sv[i].txcode = f->services[i].txcode;
		sv[i].name = f->services[i].name;
		sv[i].received = f->services[i].received;
		sv[i].completed = f->services[i].completed;
	}
	p->services = sv;
	p->nservices = f->nservices;
	p->at = time(NULL);
}

void
today_print(struct today *t)
{
	const struct day_money		*m = money_of(t);
	struct paper_daily		 p;
	struct paper_service_count	*sv;
	struct paper_money		 pm;
	struct paper_money_channel	*ch = NULL;
	struct paper_money_session	*ss = NULL;

	sv = xcalloc(t->fig.nservices + 1, sizeof *sv);
	daily_of(t, &p, sv);
	if (m != NULL) {
		ch = xcalloc(m->nchannels + 1, sizeof *ch);
		ss = xcalloc(m->nlist + 1, sizeof *ss);
		today_money_paper(m, &pm, ch, ss);
		p.money = &pm;
	}
	/* printed before today: a second copy only when asked for */
	print_ui_offer(paper_daily(&p), _("The day's slip was printed "
	    "already. Print it again, marked as a reprint?"));
	free(sv);
	free(ch);
	free(ss);
}
