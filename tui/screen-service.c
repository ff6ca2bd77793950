/* One service of the catalog as the clerk explains it to a resident:
 * who may apply, what to bring, how long it takes, what it costs, who
 * decides. Enter takes the application. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>

#include "draw.h"
#include "keys.h"
#include "labels.h"
#include "list.h"
#include "request.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/buf.h"
#include "../util/xmalloc.h"

struct svc {
	long long	 id;
	struct service	*sv;
	char		**lines;	/* sanitized, built once loaded */
	size_t		 nlines;
	struct list	 view;
};

static const struct keyhelp service_keys[] = {
	{ N_("Enter"), N_("Apply for this service"), 1 },
	{ N_("Esc"), N_("Back"), 1 },
	{ N_("Up/Down"), N_("Scroll"), 0 },
	{ NULL, NULL, 0 }
};

static void
add(struct svc *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
add(struct svc *s, const char *fmt, ...)
{
	va_list	 ap;
	char	*raw;

	va_start(ap, fmt);
	if (vasprintf(&raw, fmt, ap) < 0)
		abort();
	va_end(ap);
	s->lines = xreallocarray(s->lines, s->nlines + 1, sizeof *s->lines);
	s->lines[s->nlines++] = utf8_sanitize(raw, 0);
	free(raw);
}

static const char *
str(const cJSON *o, const char *key)
{
	const char	*v = cJSON_GetStringValue(
			    cJSON_GetObjectItemCaseSensitive(o, key));

	return (v != NULL ? v : "");
}

static void
build(struct svc *s)
{
	const cJSON	*j = s->sv->json, *it;
	struct buf	 b;
	char		 days[64], fee[64];
	int		 n = 0;

	label_days(days, sizeof days, (int)cJSON_GetNumberValue(
	    cJSON_GetObjectItemCaseSensitive(j, "time_limit_days")));
	label_fee(fee, sizeof fee, (long long)cJSON_GetNumberValue(
	    cJSON_GetObjectItemCaseSensitive(j, "fee_fen")));
	add(s, "%s: %s", _("Item code"), str(j, "item_code"));
	add(s, "%s: %s    %s: %s", _("Time limit"), days, _("Fee"), fee);
	add(s, "%s: %s", _("Department"), str(j, "department"));
	buf_init(&b);
	buf_add(&b, "", 0);
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(j,
	    "approval_chain")) {
		if (cJSON_IsString(it))
			buf_printf(&b, "%s%s", n++ ? " > " : "",
			    it->valuestring);
	}
	add(s, "%s: %s", _("Approval"), b.data);
	buf_free(&b);
	add(s, "%s", "");
	add(s, "%s", _("Who may apply:"));
	n = 0;
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(j,
	    "conditions")) {
		add(s, "  - %s", str(it, "message"));
		n++;
	}
	if (n == 0)
		add(s, "  %s", _("any resident"));
	add(s, "%s", "");
	add(s, "%s", _("Materials (originals / copies):"));
	n = 0;
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(j,
	    "materials")) {
		add(s, "  %s %s  %d / %d", cJSON_IsTrue(
		    cJSON_GetObjectItemCaseSensitive(it, "required")) ? "*" :
		    " ", str(it, "name"), (int)cJSON_GetNumberValue(
		    cJSON_GetObjectItemCaseSensitive(it, "originals")),
		    (int)cJSON_GetNumberValue(
		    cJSON_GetObjectItemCaseSensitive(it, "copies")));
		n++;
	}
	if (n == 0)
		add(s, "  %s", _("none"));
	else
		add(s, "  %s", _("* required before the application is "
		    "taken"));
}

static void
on_service(struct api_result *res, void *arg)
{
	struct svc	*s = arg;

	if (!app_answer(res))
		return;
	s->sv = res->model;
	res->model = NULL;
	build(s);
	list_count(&s->view, (int)s->nlines);
	app_message(MSG_INFO, NULL);
}

static void
service_init(struct screen *scr, void *arg)
{
	struct svc	*s = xcalloc(1, sizeof *s);
	struct request	*rq;

	s->id = *(long long *)arg;
	s->view.view = 1;
	scr->data = s;
	rq = request_new(s, 0, on_service, s);
	request_call(rq, api_service_get(app.api, s->id, request_reply, rq));
}

static void
service_free(struct screen *scr)
{
	struct svc	*s = scr->data;

	while (s->nlines > 0)
		free(s->lines[--s->nlines]);
	free(s->lines);
	model_service_free(s->sv);
	free(s);
}

static int
service_key(struct screen *scr, int key)
{
	struct svc	*s = scr->data;
	char		 code[8];

	switch (key) {
	case TK_ENTER:
		if (s->sv == NULL)
			return (1);
		snprintf(code, sizeof code, "%s", s->sv->txcode);
		txcode_open(code);
		return (1);
	}
	if (list_key(&s->view, key) == LIST_UNUSED)
		return (0);
	app_dirty();
	return (1);
}

static void
service_draw(struct screen *scr, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct svc	*s = scr->data;
	char		 title[256];
	int		 y = top + 1, i;

	*cy = *cx = -1;
	if (s->sv == NULL)
		return;
	snprintf(title, sizeof title, "%s  %s", s->sv->txcode,
	    label_english() && *s->sv->name_en != '\0' ? s->sv->name_en :
	    s->sv->name);
	draw_text(y++, 1, title, cols - 2, STYLE_TITLE);
	draw_hline(y++, 0, cols);
	list_show(&s->view, top + rows - y);
	for (i = s->view.top; i < (int)s->nlines && y < top + rows; i++)
		draw_text(y++, 1, s->lines[i], cols - 2, STYLE_NORMAL);
}

const struct screen_ops screen_service = {
	.name = "service",
	.title = N_("Service"),
	.init = service_init,
	.free = service_free,
	.key = service_key,
	.draw = service_draw,
	.keys = service_keys,
};
