/* The drafts kept from earlier (a dropped session, a quit): offered after
 * login in the list dialog, to resume (Enter) or throw away (Del). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dialog-choose.h"
#include "form-ui.h"
#include "tui.h"
#include "../forms/draft.h"
#include "../locale/i18n.h"
#include "../util/paths.h"
#include "../util/xmalloc.h"

struct drafts {
	char		**paths;
	cJSON		**docs;
	char		**lines;
	size_t		  n;
};

static void
drafts_free(void *arg)
{
	struct drafts	*d = arg;
	size_t		 i;

	for (i = 0; i < d->n; i++) {
		free(d->paths[i]);
		cJSON_Delete(d->docs[i]);
		free(d->lines[i]);
	}
	free(d->paths);
	free(d->docs);
	free(d->lines);
	free(d);
}

/* "03-14 09:30  高龄津贴申请  张红旗" */
static char *
describe(const cJSON *doc)
{
	const cJSON	*svc = cJSON_GetObjectItemCaseSensitive(doc, "service");
	const char	*name, *who;
	time_t		 at;
	struct tm	 tm;

	if (doc == NULL)
		return (xstrdup(_("(unreadable)")));
	name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(svc,
	    "name"));
	who = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(doc,
	    "resident_name"));
	at = (time_t)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(
	    doc, "saved_at"));
	localtime_r(&at, &tm);
	return (xasprintf("%02d-%02d %02d:%02d  %s  %s", tm.tm_mon + 1,
	    tm.tm_mday, tm.tm_hour, tm.tm_min, name != NULL ? name : "?",
	    who != NULL ? who : ""));
}

static void
resume(int i, void *arg)
{
	struct drafts		*d = arg;
	struct form_open	 o;
	cJSON			*doc = d->docs[i];

	if (doc == NULL)
		return;
	memset(&o, 0, sizeof o);
	o.service = cJSON_DetachItemFromObjectCaseSensitive(doc, "service");
	o.resident_id = (long long)cJSON_GetNumberValue(
	    cJSON_GetObjectItemCaseSensitive(doc, "resident_id"));
	o.resident_name = cJSON_GetStringValue(
	    cJSON_GetObjectItemCaseSensitive(doc, "resident_name"));
	o.draft = doc;
	if (o.service != NULL)
		form_ui_open(&o);
	cJSON_Delete(o.service);
}

/* Del: the file goes, and the rest are offered again. */
static void
throw_away(int i, void *arg)
{
	struct drafts	*d = arg;

	if (unlink(d->paths[i]) == 0)
		drafts_offer(i > 0 ? i - 1 : 0);
}

void
drafts_offer(int sel)
{
	char		*dir = paths_state("drafts"), *cause = NULL;
	struct drafts	*d;
	size_t		 i;

	if (dir == NULL)
		return;
	d = xcalloc(1, sizeof *d);
	d->paths = draft_list(dir, &d->n);
	free(dir);
	d->docs = xcalloc(d->n + 1, sizeof *d->docs);
	d->lines = xcalloc(d->n + 1, sizeof *d->lines);
	for (i = 0; i < d->n; i++) {
		d->docs[i] = draft_read(d->paths[i], &cause);
		free(cause);
		cause = NULL;
		d->lines[i] = describe(d->docs[i]);
	}
	if (d->n == 0) {
		drafts_free(d);
		return;
	}
	list_ask_with(&(struct list_ask){ .title = _("Forms kept from "
	    "before: resume one? (Del throws it away)"),
	    .items = (const char *const *)d->lines, .n = (int)d->n,
	    .sel = sel, .done = resume, .del = throw_away, .arg = d,
	    .arg_free = drafts_free });
}
