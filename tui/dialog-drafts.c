/* The drafts kept from earlier (a dropped session, a quit): offered after
 * login, to resume or throw away. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "draw.h"
#include "form-ui.h"
#include "keys.h"
#include "list.h"
#include "tui.h"
#include "../forms/draft.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/paths.h"
#include "../util/xmalloc.h"

struct drafts {
	char		**paths;
	cJSON		**docs;
	size_t		  n;
	struct list	  l;
};

static const struct keyhelp drafts_keys[] = {
	{ N_("Enter"), N_("Resume"), 1 },
	{ N_("Del"), N_("Throw away"), 1 },
	{ N_("Esc"), N_("Later"), 1 },
	{ NULL, NULL, 0 }
};

static void
drafts_free_lists(struct drafts *d)
{
	size_t	i;

	for (i = 0; i < d->n; i++) {
		free(d->paths[i]);
		cJSON_Delete(d->docs[i]);
	}
	free(d->paths);
	free(d->docs);
	d->paths = NULL;
	d->docs = NULL;
	d->n = 0;
}

static void
reload(struct drafts *d)
{
	char	*dir = paths_state("drafts"), *cause = NULL;
	size_t	 i;

	drafts_free_lists(d);
	if (dir == NULL)
		return;
	d->paths = draft_list(dir, &d->n);
	d->docs = xcalloc(d->n + 1, sizeof *d->docs);
	for (i = 0; i < d->n; i++) {
		d->docs[i] = draft_read(d->paths[i], &cause);
		free(cause);
		cause = NULL;
	}
	free(dir);
	list_count(&d->l, (int)d->n);
}

int
drafts_waiting(void)
{
	char	*dir = paths_state("drafts"), **paths;
	size_t	 n = 0, i;

	if (dir == NULL)
		return (0);
	paths = draft_list(dir, &n);
	for (i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	free(dir);
	return ((int)n);
}

static void
drafts_init(struct screen *s, void *arg)
{
	struct drafts	*d = xcalloc(1, sizeof *d);

	(void)arg;
	reload(d);
	s->data = d;
}

static void
drafts_free(struct screen *s)
{
	drafts_free_lists(s->data);
	free(s->data);
}

static void
resume(struct drafts *d)
{
	struct form_open	 o;
	cJSON			*doc = d->docs[d->l.sel];

	if (doc == NULL)
		return;
	memset(&o, 0, sizeof o);
	o.service = cJSON_DetachItemFromObjectCaseSensitive(doc, "service");
	o.resident_id = (long long)cJSON_GetNumberValue(
	    cJSON_GetObjectItemCaseSensitive(doc, "resident_id"));
	o.resident_name = cJSON_GetStringValue(
	    cJSON_GetObjectItemCaseSensitive(doc, "resident_name"));
	o.draft = doc;
	if (o.service == NULL)
		return;
	d->docs[d->l.sel] = NULL;
	app_pop();	/* frees d; doc is ours now */
	form_ui_open(&o);
	cJSON_Delete(o.service);
	cJSON_Delete(doc);
}

static int
drafts_key(struct screen *s, int key)
{
	struct drafts	*d = s->data;

	switch (key) {
	case TK_ENTER:
		if (d->n > 0)
			resume(d);
		return (1);
	case TK_DELETE:
		if (d->n > 0 && unlink(d->paths[d->l.sel]) == 0)
			reload(d);
		if (d->n == 0)
			app_pop();
		break;
	case TK_ESC:
		app_pop();
		return (1);
	default:
		if (list_key(&d->l, key) == LIST_UNUSED)
			return (TK_IS_CODE(key) ? 0 : 1);
	}
	app_dirty();
	return (1);
}

static void
describe(const cJSON *doc, char *out, size_t len)
{
	const cJSON	*svc = cJSON_GetObjectItemCaseSensitive(doc, "service");
	const char	*name, *who;
	time_t		 at;
	struct tm	 tm;

	name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(svc,
	    "name"));
	who = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(doc,
	    "resident_name"));
	at = (time_t)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(
	    doc, "saved_at"));
	localtime_r(&at, &tm);
	snprintf(out, len, "%02d-%02d %02d:%02d  %s  %s", tm.tm_mon + 1,
	    tm.tm_mday, tm.tm_hour, tm.tm_min, name != NULL ? name : "?",
	    who != NULL ? who : "");
}

static void
drafts_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	struct drafts	*d = s->data;
	char		 line[512];
	int		 w = cols - 6, h, x = 3, y = top + 1, i;

	h = (int)d->n + 4 < rows - 2 ? (int)d->n + 4 : rows - 2;
	draw_box(y, x, h, w);
	draw_text(y + 1, x + 2, _("Forms kept from before: resume one?"),
	    w - 4, STYLE_TITLE);
	list_show(&d->l, h - 3);
	for (i = d->l.top; i < (int)d->n && i < d->l.top + h - 3; i++) {
		if (d->docs[i] != NULL)
			describe(d->docs[i], line, sizeof line);
		else
			snprintf(line, sizeof line, "%s", _("(unreadable)"));
		draw_cell(y + 2 + i - d->l.top, x + 2, line, w - 4,
		    i == d->l.sel ? STYLE_SELECTED : STYLE_NORMAL);
	}
	*cy = *cx = -1;
}

const struct screen_ops dialog_drafts = {
	.name = "drafts",
	.title = N_("Forms kept from before"),
	.overlay = 1,
	.init = drafts_init,
	.free = drafts_free,
	.key = drafts_key,
	.draw = drafts_draw,
	.keys = drafts_keys,
};
