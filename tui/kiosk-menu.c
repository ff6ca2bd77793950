/* The resident's menu at the kiosk, once the card and the code are
 * checked: print a certificate, my applications, rate a service. */
#include <stdio.h>
#include <stdlib.h>

#include "draw.h"
#include "keycodes.h"
#include "kiosk.h"
#include "../locale/i18n.h"

static void
menu_init(struct screen *s, void *arg)
{
	(void)arg;
	s->data = NULL;
}

static void
menu_free(struct screen *s)
{
	(void)s;
}

static int
menu_key(struct screen *s, int key)
{
	static int	rate = 1, view = 0;

	(void)s;
	if (!kiosk_key(key))
		return (1);
	switch (key) {
	case '1':
		app_push(&screen_kiosk_certs, NULL);
		break;
	case '2':
		app_push(&screen_kiosk_apps, &view);
		break;
	case '3':
		app_push(&screen_kiosk_apps, &rate);
		break;
	case TK_ESC:
		kiosk_reset();
		break;
	}
	return (1);
}

static void
menu_draw(struct screen *s, int top, int rows, int cols, int *cy, int *cx)
{
	char	hello[256];
	int	y;

	(void)s;
	(void)top;
	y = kiosk_frame(rows, cols, _("Self-service terminal"),
	    _("Press 1, 2 or 3   Esc: end and take your card"));
	snprintf(hello, sizeof hello, _("Hello, %s"), kiosk.visitor != NULL ?
	    kiosk.visitor : "");
	kiosk_line(y + 1, cols, hello, 1, STYLE_TITLE);
	kiosk_line(y + 4, cols, _("1  Print my certificate"), 0,
	    STYLE_NORMAL);
	kiosk_line(y + 6, cols, _("2  My applications"), 0, STYLE_NORMAL);
	kiosk_line(y + 8, cols, _("3  Rate a service"), 0, STYLE_NORMAL);
	*cy = *cx = -1;
}

/* For F1 and bianmin --keys; the screen draws its own bar. */
static const struct keyhelp kiosk_menu_keys[] = {
	{ N_("1"), N_("Print my certificate"), 0 },
	{ N_("2"), N_("My applications"), 0 },
	{ N_("3"), N_("Rate a service"), 0 },
	{ N_("Esc"), N_("End the visit"), 0 },
	{ NULL, NULL, 0 }
};

const struct screen_ops screen_kiosk_menu = {
	.name = "kiosk-menu",
	.title = N_("Self-service terminal"),
	.keys = kiosk_menu_keys,
	.init = menu_init,
	.free = menu_free,
	.key = menu_key,
	.draw = menu_draw,
	.scan = kiosk_scan_ignored,
	.tick = kiosk_tick,
	.fullscreen = 1,
};
