/* Residents from a spreadsheet (a grid member's list): the CSV file is
 * read in UTF-8 or GB18030, whichever it is, and shown before anything
 * is sent: the rows to register (ID numbers masked) and every refused
 * row with its line and reason. F9 registers them one by one, each with
 * its own Idempotency-Key; one already registered is said, not doubled. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dialog-prompt.h"
#include "draw.h"
#include "keys.h"
#include "list.h"
#include "request.h"
#include "resident-form.h"
#include "tui.h"
#include "../forms/idnum.h"
#include "../forms/value.h"
#include "../locale/csv.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

#define MAX_FILE	(4 * 1024 * 1024)

enum { C_NAME, C_ID, C_PHONE, C_ADDRESS, C_COMMUNITY, C_ETHNICITY, NCOL };

enum row_state { R_WAITING, R_DONE, R_EXISTS, R_FAILED };

struct row {
	long long	 community_id;
	char		 key[33];
	enum row_state	 state;
	char		*why;		/* R_FAILED: the server's reason */
};

struct import {
	char			*path;
	struct csv_import	*im;
	struct row		*rows;
	struct buf		 refused;	/* one line per refused row */
	size_t			 nrefused;
	size_t			 next;		/* row being sent */
	int			 sending;
	struct list		 view;		/* the lines, scrolled */
};

static const struct keyhelp import_keys[] = {
	{ N_("F9"), N_("Register these residents"), 1 },
	{ N_("Enter"), N_("Choose another file"), 1 },
	{ N_("Esc"), N_("Back"), 1 },
	{ N_("Up/Down"), N_("Scroll"), 0 },
	{ N_("PgDn/PgUp"), N_("Page"), 0 },
	{ NULL, NULL, 0 }
};

static const char *
check_id(const char *v)
{
	enum idnum_error	e = idnum_check(v, time(NULL), NULL);

	return (e == IDNUM_OK ? NULL : idnum_strerror(e));
}

static const char *
check_phone(const char *v)
{
	return (value_phone(v) ? NULL : N_("not a mobile or landline "
	    "number"));
}

static const char *
check_ethnicity(const char *v)
{
	return (resident_form_ethnicity_known(v) ? NULL : N_("not one of "
	    "the 56 ethnic groups"));
}

static const struct csv_column columns[NCOL] = {
	{ "name", { "姓名", "name", NULL }, 1, 0, NULL },
	{ "id_number", { "公民身份号码", "身份证号", "身份证号码", "id_number" },
	    1, 1, check_id },
	{ "phone", { "联系电话", "电话", "phone", NULL }, 0, 0, check_phone },
	{ "address", { "居住地址", "地址", "address", NULL }, 1, 0, NULL },
	{ "community", { "所属社区", "社区", "community", NULL }, 0, 0, NULL },
	{ "ethnicity", { "民族", "ethnicity", NULL }, 0, 0, check_ethnicity },
};

static const char *
cell(struct import *m, size_t row, int col)
{
	return (m->im->values[row * NCOL + (size_t)col]);
}

/* The community a row names, among the centre's; the only one when the
 * file names none. 0 when it is not one of them. */
static long long
community_of(const char *name)
{
	const struct api_session	*s = app.session;
	size_t				 i;

	if (s == NULL)
		return (0);
	if (*name == '\0')
		return (s->ncommunities == 1 ? s->communities[0].id : 0);
	for (i = 0; i < s->ncommunities; i++) {
		if (strcmp(s->communities[i].name, name) == 0)
			return (s->communities[i].id);
	}
	return (0);
}

static char *
read_file(const char *path, size_t *len, char **cause)
{
	FILE	*f;
	char	*buf;

	if ((f = fopen(path, "rb")) == NULL) {
		*cause = xasprintf(_("%s cannot be opened: %s"), path,
		    strerror(errno));
		return (NULL);
	}
	buf = xmalloc(MAX_FILE + 1);
	*len = fread(buf, 1, MAX_FILE + 1, f);
	fclose(f);
	if (*len > MAX_FILE) {
		free(buf);
		*cause = xasprintf(_("%s is larger than 4 MB."), path);
		return (NULL);
	}
	return (buf);
}

/* Reads the file and decides each row: kept for sending, or refused
 * with its line and reason (the reader's, or a community not ours). */
static void
load(struct import *m)
{
	char	*buf, *cause = NULL, *safe;
	size_t	 len, i, kept = 0;

	if ((buf = read_file(m->path, &len, &cause)) == NULL ||
	    (m->im = csv_import(buf, len, columns, NCOL, &cause)) == NULL) {
		safe = utf8_sanitize(cause, 0);
		app_message(MSG_ERROR, "%s", safe);
		free(safe);
		free(cause);
		free(buf);
		return;
	}
	free(buf);
	for (i = 0; i < m->im->nrejects; i++) {
		safe = utf8_sanitize(m->im->rejects[i].reason, 0);
		buf_printf(&m->refused, _("line %zu: %s\n"),
		    m->im->rejects[i].line, safe);
		free(safe);
		m->nrefused++;
	}
	m->rows = xcalloc(m->im->nrows + 1, sizeof *m->rows);
	for (i = 0; i < m->im->nrows; i++) {
		m->rows[i].community_id = community_of(cell(m, i, C_COMMUNITY));
		if (m->rows[i].community_id == 0) {
			safe = utf8_sanitize(cell(m, i, C_COMMUNITY), 0);
			buf_printf(&m->refused, _("line %zu: the community "
			    "\"%s\" is not one this centre serves\n"),
			    m->im->lines[i], safe);
			free(safe);
			m->nrefused++;
			m->rows[i].state = R_FAILED;
			continue;
		}
		api_new_key(m->rows[i].key);
		kept++;
	}
	app_message(kept > 0 ? MSG_INFO : MSG_ERROR, _("%zu rows to "
	    "register, %zu refused (%s). F9 registers them."), kept,
	    m->nrefused, m->im->charset == CSV_GB18030 ? "GB18030" : "UTF-8");
}

static void	send_next(struct import *);

static void
on_created(struct api_result *res, void *arg)
{
	struct import	*m = arg;
	struct row	*r = &m->rows[m->next];

	if (app_signed_out(res))
		return;
	if (res->status == API_ERR_NETWORK || res->status ==
	    API_ERR_SERVER) {
		/* the same key again later: never twice */
		m->sending = 0;
		app_message(MSG_ERROR, _("Stopped at line %zu: %s F9 goes "
		    "on from there."), m->im->lines[m->next], res->message);
		return;
	}
	if (res->status == API_OK)
		r->state = R_DONE;
	else if (strcmp(res->problem, "conflict") == 0)
		r->state = R_EXISTS;
	else {
		r->state = R_FAILED;
		r->why = xstrdup(res->nerrors > 0 ? res->errors[0].message :
		    res->message);
	}
	m->next++;
	send_next(m);
}

static void
send_next(struct import *m)
{
	struct row	*r;
	struct request	*rq;
	cJSON		*b;
	size_t		 n = m->im->nrows, done = 0, exists = 0, failed = 0, i;

	while (m->next < n && m->rows[m->next].state != R_WAITING)
		m->next++;
	if (m->next < n) {
		r = &m->rows[m->next];
		b = cJSON_CreateObject();
		cJSON_AddStringToObject(b, "name", cell(m, m->next, C_NAME));
		cJSON_AddStringToObject(b, "id_number", cell(m, m->next, C_ID));
		cJSON_AddStringToObject(b, "address", cell(m, m->next,
		    C_ADDRESS));
		if (*cell(m, m->next, C_PHONE) != '\0')
			cJSON_AddStringToObject(b, "phone", cell(m, m->next,
			    C_PHONE));
		if (*cell(m, m->next, C_ETHNICITY) != '\0')
			cJSON_AddStringToObject(b, "ethnicity", cell(m,
			    m->next, C_ETHNICITY));
		cJSON_AddNumberToObject(b, "community_id",
		    (double)r->community_id);
		rq = request_new(m, 0, on_created, m);
		request_call(rq, api_resident_create(app.api, b, r->key,
		    request_reply, rq));
		return;
	}
	m->sending = 0;
	for (i = 0; i < n; i++) {
		done += m->rows[i].state == R_DONE;
		exists += m->rows[i].state == R_EXISTS;
		failed += m->rows[i].state == R_FAILED && m->rows[i].why !=
		    NULL;
	}
	app_message(failed > 0 ? MSG_ERROR : MSG_INFO, _("Registered %zu; "
	    "%zu were already registered; %zu refused by the server."),
	    done, exists, failed);
}

static void
path_given(const char *text, void *arg)
{
	struct import	*m = arg;

	free(m->path);
	m->path = xstrdup(text);
	load(m);
	app_dirty();
}

static void
ask_path(struct import *m)
{
	prompt_ask(&(struct prompt){ .title = _("The CSV file to import "
	    "(UTF-8 or GB18030)"), .initial = m->path, .max_chars = 255,
	    .min_chars = 1, .done = path_given, .arg = m });
}

static void
import_init(struct screen *s, void *arg)
{
	struct import	*m = xcalloc(1, sizeof *m);

	(void)arg;
	s->data = m;
	m->view.view = 1;
	buf_init(&m->refused);
	buf_add(&m->refused, "", 0);
	ask_path(m);
}

static void
import_free(struct screen *s)
{
	struct import	*m = s->data;
	size_t		 i;

	for (i = 0; m->im != NULL && i < m->im->nrows; i++)
		free(m->rows[i].why);
	free(m->rows);
	csv_import_free(m->im);
	buf_free(&m->refused);
	list_free(&m->view);
	free(m->path);
	free(m);
}

static int
import_key(struct screen *s, int key)
{
	struct import	*m = s->data;

	switch (key) {
	case TK_ESC:
		app_pop();
		return (1);
	case TK_F(9):
	case TK_CTRL('s'):
		if (m->im != NULL && !m->sending) {
			m->sending = 1;
			send_next(m);
		}
		return (1);
	case TK_ENTER:
		if (!m->sending && m->next == 0) {
			/* another file: what was read is forgotten */
			csv_import_free(m->im);
			m->im = NULL;
			free(m->rows);
			m->rows = NULL;
			buf_reset(&m->refused);
			buf_add(&m->refused, "", 0);
			m->nrefused = 0;
			ask_path(m);
		}
		return (1);
	default:
		if (list_key(&m->view, key) == LIST_UNUSED)
			return (0);
	}
	app_dirty();
	return (1);
}

static const char *
state_word(const struct row *r)
{
	switch (r->state) {
	case R_DONE:
		return (_("registered"));
	case R_EXISTS:
		return (_("already registered"));
	case R_FAILED:
		return (r->why != NULL ? r->why : _("refused"));
	default:
		return ("");
	}
}

/* Line k of the screen's, drawn when the view shows it. */
static void
put(struct import *m, int k, int *y, int x, const char *text, enum style st,
    int cols)
{
	if (k >= m->view.top && k < m->view.top + m->view.rows)
		draw_text((*y)++, x, text, cols - x - 2, st);
}

static void
import_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct import	*m = s->data;
	char		*masked, *line, *safe;
	const char	*p, *e;
	int		 y = top + 1, k = 0, n = 1;
	size_t		 i;

	*cy = *cx = -1;
	if (m->im == NULL) {
		draw_text(y, 2, _("Columns: 姓名, 公民身份号码, 居住地址; "
		    "optional 联系电话, 所属社区, 民族."), cols - 4, STYLE_DIM);
		return;
	}
	for (i = 0; i < m->im->nrows; i++)
		n += m->rows[i].community_id != 0;
	list_count(&m->view, n + (m->nrefused > 0 ? 1 + (int)m->nrefused :
	    0));
	list_show(&m->view, rows - 2);
	put(m, k++, &y, 1, _("To register"), STYLE_TITLE, cols);
	for (i = 0; i < m->im->nrows; i++) {
		if (m->rows[i].community_id == 0)
			continue;
		masked = idnum_mask(cell(m, i, C_ID));
		line = xasprintf("%4zu  %s  %s  %s  %s", m->im->lines[i],
		    cell(m, i, C_NAME), masked, cell(m, i, C_ADDRESS),
		    state_word(&m->rows[i]));
		safe = utf8_sanitize(line, 0);
		put(m, k++, &y, 2, safe, m->rows[i].state == R_FAILED ?
		    STYLE_ERROR : STYLE_NORMAL, cols);
		free(safe);
		free(line);
		free(masked);
	}
	if (m->nrefused > 0)
		put(m, k++, &y, 1, _("Refused"), STYLE_TITLE, cols);
	for (p = m->refused.data; *p != '\0'; p = e + 1) {
		if ((e = strchr(p, '\n')) == NULL)
			break;
		line = xasprintf("%.*s", (int)(e - p), p);
		put(m, k++, &y, 2, line, STYLE_ERROR, cols);
		free(line);
	}
}

const struct screen_ops screen_import = {
	.name = "import",
	.title = N_("Import residents from a CSV file"),
	.init = import_init,
	.free = import_free,
	.key = import_key,
	.draw = import_draw,
	.keys = import_keys,
};
