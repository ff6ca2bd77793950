/* The kiosk's welcome: scan the ID card (or type its number), or press
 * + to browse the 办事指南. */
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "keycodes.h"
#include "kiosk.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

struct welcome {
	char	id[KIOSK_ID_LEN + 1];	/* typed by the card's reader */
	int	len;
};

static void
welcome_init(struct screen *s, void *arg)
{
	(void)arg;
	s->data = xcalloc(1, sizeof(struct welcome));
}

static void
welcome_free(struct screen *s)
{
	struct welcome	*w = s->data;

	explicit_bzero(w, sizeof *w);
	free(w);
}

/* The card's number goes to the code entry, and is wiped here. */
static void
take_id(struct welcome *w, const char *id)
{
	char	copy[KIOSK_ID_LEN + 1];

	snprintf(copy, sizeof copy, "%s", id);
	explicit_bzero(w, sizeof *w);
	if (strlen(copy) != KIOSK_ID_LEN) {
		app_message(MSG_ERROR, "%s", _("The ID number has 18 "
		    "characters: scan the card again."));
		return;
	}
	app_push(&screen_kiosk_code, copy);
	explicit_bzero(copy, sizeof copy);
}

static int
welcome_key(struct screen *s, int key)
{
	struct welcome	*w = s->data;

	if (!kiosk_key(key))
		return (1);
	if (!kiosk.online) {
		app_message(MSG_ERROR, "%s", _("Out of service for now: "
		    "please ask at the counter."));
		return (1);
	}
	if (key == '+' || key == '-')
		app_push(&screen_kiosk_guides, NULL);
	else if (key == TK_ESC)
		explicit_bzero(w, sizeof *w);
	else if (key == TK_ENTER || key == '\n')
		take_id(w, w->id);
	else if (w->len < KIOSK_ID_LEN && (key != 'x' && key != 'X' ?
	    (key >= '0' && key <= '9') : w->len == KIOSK_ID_LEN - 1))
		w->id[w->len++] = key == 'x' ? 'X' : (char)key;
	return (1);
}

static int
welcome_scan(struct screen *s, const char *id)
{
	if (!kiosk.online)
		return (1);
	kiosk.touched = 1;
	kiosk.last_act = time(NULL);
	take_id(s->data, id);
	return (1);
}

static void
welcome_draw(struct screen *s, int top, int rows, int cols, int *cy,
    int *cx)
{
	struct welcome	*w = s->data;
	char		 shown[KIOSK_ID_LEN + 1];
	int		 y;

	(void)top;
	y = kiosk_frame(rows, cols, _("Self-service terminal"),
	    _("Scan the card, or + for the guides"));
	kiosk_line(y + 1, cols, _("Welcome"), 1, STYLE_TITLE);
	if (!kiosk.online) {
		kiosk_line(y + 4, cols, kiosk.offline != NULL ?
		    _("Out of service for now: please ask at the counter.") :
		    _("Connecting..."), 1, STYLE_ERROR);
		return;
	}
	y += 3;
	y += kiosk_para(y, cols, _("1. Put your ID card on the reader to "
	    "print certificates, see your applications or rate them."), 3);
	y++;
	y += kiosk_para(y, cols, _("2. Press + to read the guide of a "
	    "service (materials, conditions, time, fee) without a card."),
	    3);
	if (w->len > 0) {
		/* only as many stars as digits: nothing of the number */
		memset(shown, '*', (size_t)w->len);
		shown[w->len] = '\0';
		kiosk_line(y + 1, cols, shown, 1, STYLE_FIELD);
	}
	*cy = *cx = -1;
}

/* For F1 and bianmin --keys; the screen draws its own bar. */
static const struct keyhelp kiosk_welcome_keys[] = {
	{ N_("ID card"), N_("Scanned: the resident's own services, with the pickup code"), 0 },
	{ N_("+"), N_("Service guides, without a card"), 0 },
	{ NULL, NULL, 0 }
};

const struct screen_ops screen_kiosk_welcome = {
	.name = "kiosk-welcome",
	.title = N_("Self-service terminal"),
	.keys = kiosk_welcome_keys,
	.init = welcome_init,
	.free = welcome_free,
	.key = welcome_key,
	.draw = welcome_draw,
	.scan = welcome_scan,
	.tick = kiosk_tick,
	.fullscreen = 1,
};
