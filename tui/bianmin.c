/* bianmin: the counter terminal. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "borders.h"
#include "config.h"
#include "guard.h"
#include "keymap.h"
#include "kiosk.h"
#include "kiosk-setup.h"
#include "loop.h"
#include "print-ui.h"
#include "registry.h"
#include "request.h"
#include "term.h"
#include "messages.h"
#include "tui.h"
#include "../locale/conv.h"
#include "../locale/i18n.h"
#include "../locale/text.h"
#include "../util/zone.h"
#include "../util/log.h"
#include "../util/paths.h"
#include "../util/version.h"
#include "../util/xmalloc.h"

struct options {
	const char	*api;
	const char	*counter;
	const char	*lang;
	const char	*ca_file;
	const char	*ambiguous;
	const char	*pin;
	double		 lock_minutes;
	struct print_setup print;
	int		 verbose;
	int		 evaluator;
	int		 kiosk;
};

/* Writes a message on stdout or stderr (curses is not running) in the
 * terminal's charset: messages are UTF-8, a GB18030 terminal is not. */
static void
say(FILE *f, const char *utf8)
{
	char	*s = conv_to_locale(utf8);

	fputs(s, f);
	free(s);
}

static void
usage(FILE *f)
{
	say(f, _("usage: bianmin [--api URL] [--counter N] [--lang zh_CN|en]\n"
	    "               [--ambiguous-width auto|1|2] [--ca-file FILE]\n"
	    "               [--pin sha256//KEY] [--lock-minutes N]\n"
	    "               [--receipt-printer P] [--a4-printer P]\n"
	    "               [--receipt-profile NAME] [--keys] [-v]\n"
	    "       bianmin --evaluator --counter N [--api URL] [--lang L]\n"
	    "       bianmin --kiosk [--api URL] [--receipt-printer P]\n"
	    "\n"
	    "  --api URL       the server (or BIANMIN_API); https, or http\n"
	    "                  to this machine only\n"
	    "  --counter N     the counter number offered at login\n"
	    "                  (or BIANMIN_COUNTER)\n"
	    "  --lang L        zh_CN or en; default from LANG\n"
	    "  --ambiguous-width W\n"
	    "                  columns of East Asian ambiguous-width\n"
	    "                  characters: auto (the locale's), 1 or 2,\n"
	    "                  as the terminal draws them\n"
	    "  --ca-file FILE  trust this CA certificate for the server\n"
	    "  --pin sha256//KEY  accept only a server with this public key\n"
	    "  --lock-minutes N  lock the screen after N idle minutes\n"
	    "                  (default 10; 0 never)\n"
	    "  --receipt-printer P, --a4-printer P  where documents go:\n"
	    "                  file (default), cups:QUEUE, tcp:HOST[:PORT]\n"
	    "                  or device:PATH\n"
	    "  --receipt-profile NAME  the receipt printer's ESC/POS profile\n"
	    "  --evaluator     the resident's evaluation terminal at counter\n"
	    "                  N: log in as the clerk there; Ctrl-Q twice\n"
	    "                  quits\n"
	    "  --kiosk         the self-service terminal for residents: the\n"
	    "                  kiosk account of config.ini's [kiosk] (user,\n"
	    "                  password_file of mode 0600)\n"
	    "  --keys          print the key map (with keys.ini) and exit\n"
	    "  -v              write a debug log to the state folder\n"
	    "  -V, --version   print the version\n"));
}

/* Refuses the command line with a reason, in the language asked for. */
static void
refuse(const char *why)
{
	if (why != NULL) {
		say(stderr, why);
		say(stderr, "\n");
	} else
		usage(stderr);
	exit(2);
}

/* --keys: the key map as keys.ini leaves it, from the tables. */
static void
print_keys(void)
{
	char	*text, *p;

	keymap_load();
	text = keymap_text();
	say(stdout, text);
	if ((p = keymap_problem()) != NULL) {
		say(stderr, p);
		say(stderr, "\n");
	}
	free(p);
	free(text);
	exit(0);
}

/* Flags over the environment over the config file. --lang applies
 * before anything is said, wherever it stands. */
static void
parse_args(int argc, char **argv, struct options *o,
    const struct config *cfg)
{
	static const struct option longopts[] = {
		{ "api", required_argument, NULL, 'a' },
		{ "counter", required_argument, NULL, 'c' },
		{ "lang", required_argument, NULL, 'l' },
		{ "ca-file", required_argument, NULL, 'C' },
		{ "ambiguous-width", required_argument, NULL, 'w' },
		{ "pin", required_argument, NULL, 'P' },
		{ "lock-minutes", required_argument, NULL, 'k' },
		{ "receipt-printer", required_argument, NULL, 'R' },
		{ "a4-printer", required_argument, NULL, 'F' },
		{ "receipt-profile", required_argument, NULL, 'p' },
		{ "keys", no_argument, NULL, 'K' },
		{ "evaluator", no_argument, NULL, 'E' },
		{ "kiosk", no_argument, NULL, 'Q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	enum text_ambiguous	policy;
	int			c, help = 0, bad = 0, keys = 0;

	memset(o, 0, sizeof *o);
	o->lock_minutes = cfg->lock_set ? cfg->lock_minutes : 10;
	o->print.receipt = getenv("BIANMIN_RECEIPT_PRINTER");
	o->print.a4 = getenv("BIANMIN_A4_PRINTER");
	if (o->print.receipt == NULL)
		o->print.receipt = cfg->receipt;
	if (o->print.a4 == NULL)
		o->print.a4 = cfg->a4;
	o->print.profile = cfg->receipt_profile;
	o->api = cfg->api;
	o->counter = cfg->counter;
	if (getenv("BIANMIN_API") != NULL)
		o->api = getenv("BIANMIN_API");
	if (getenv("BIANMIN_COUNTER") != NULL)
		o->counter = getenv("BIANMIN_COUNTER");
	while ((c = getopt_long(argc, argv, "hvV", longopts, NULL)) != -1) {
		switch (c) {
		case 'a': o->api = optarg; break;
		case 'c': o->counter = optarg; break;
		case 'l': o->lang = optarg; break;
		case 'C': o->ca_file = optarg; break;
		case 'w': o->ambiguous = optarg; break;
		case 'P': o->pin = optarg; break;
		case 'k': o->lock_minutes = strtod(optarg, NULL); break;
		case 'R': o->print.receipt = optarg; break;
		case 'F': o->print.a4 = optarg; break;
		case 'p': o->print.profile = optarg; break;
		case 'v': o->verbose = 1; break;
		case 'V': printf("bianmin %s\n", BIANMIN_VERSION); exit(0);
		case 'h': help = 1; break;
		case 'K': keys = 1; break;
		case 'E': o->evaluator = 1; break;
		case 'Q': o->kiosk = 1; break;
		default: bad = 1; break;
		}
	}
	if (o->lang != NULL)
		i18n_init(o->lang);
	if (help) {
		usage(stdout);
		exit(0);
	}
	if (bad || optind != argc)
		refuse(NULL);
	if (keys)
		print_keys();
	if (o->ambiguous != NULL && text_parse_ambiguous(o->ambiguous,
	    &policy) != 0)
		refuse(_("bianmin: --ambiguous-width takes auto, 1 or 2."));
	if (o->evaluator && (o->counter == NULL || *o->counter == '\0'))
		refuse(_("bianmin: --evaluator needs the counter: give "
		    "--counter N."));
	if (o->kiosk && o->evaluator)
		refuse(_("bianmin: --kiosk and --evaluator are two different "
		    "terminals: give one."));
	if (o->api == NULL || *o->api == '\0')
		refuse(_("bianmin: no server: give --api URL or set "
		    "BIANMIN_API."));
}

static void
open_log(void)
{
	char	*dir = paths_state(NULL), *file;

	if (dir == NULL) {
		say(stderr, _("bianmin: cannot make the state folder\n"));
		return;
	}
	file = xasprintf("%s/bianmin.log", dir);
	if (log_open(file) != 0)
		fprintf(stderr, _("bianmin: cannot open the log %s\n"), file);
	free(file);
	free(dir);
}

/* The kiosk's password: from config.ini's [kiosk] password (in a file
 * of mode 0600) or its password_file (mode 0600); without one, or with
 * a file others may read, the kiosk does not start. */
static char *
kiosk_password(const struct config *cfg)
{
	char	*p, *cause = NULL, *why;

	if ((p = config_problem(cfg)) != NULL) {
		why = xasprintf(_("bianmin --kiosk: %s"), p);
		free(p);
		refuse(why);
	}
	if (cfg->kiosk_user == NULL || (cfg->kiosk_password == NULL &&
	    cfg->kiosk_password_file == NULL))
		refuse(_("bianmin --kiosk: no kiosk account: set user and "
		    "password_file (a file of mode 0600) in the [kiosk] "
		    "section of config.ini."));
	if (cfg->kiosk_password != NULL)
		return (xstrdup(cfg->kiosk_password));
	if ((p = kiosk_read_secret(cfg->kiosk_password_file, &cause)) == NULL) {
		why = xasprintf(_("bianmin --kiosk: %s"), cause);
		free(cause);
		refuse(why);
	}
	return (p);
}

/* Secrets live in this process's memory: no core files, no ptrace by
 * other users' tools. */
static void
harden(void)
{
	struct rlimit	rl = { 0, 0 };

	setrlimit(RLIMIT_CORE, &rl);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	umask(077);
}

/* The width of ambiguous characters: the flag, else the config, else
 * the locale's (auto). */
static void
set_width(const struct options *o, const struct config *cfg)
{
	enum text_ambiguous	policy = TEXT_AMBIGUOUS_AUTO;

	if (o->ambiguous != NULL)
		text_parse_ambiguous(o->ambiguous, &policy);
	else if (cfg->ambiguous_set)
		policy = cfg->ambiguous;
	text_set_ambiguous(policy);
	settings.ambiguous = policy;
}

/* Shows the locale warning, else the config's or the keymap's first
 * problem, once. */
static void
startup_messages(const char *warn, const struct config *cfg)
{
	char	*p = config_problem(cfg), *k = keymap_problem();

	if (warn != NULL)
		app_message(MSG_ERROR, "%s", _(warn));
	else if (p != NULL)
		app_message(MSG_ERROR, "%s", p);
	else if (k != NULL)
		app_message(MSG_ERROR, "%s", k);
	free(p);
	free(k);
}

/* What is in force, kept for the settings screen; the print setup then
 * points into it, so it lives as long as the program. */
static void
keep_settings(struct options *o, const struct config *cfg)
{
	settings.receipt = xstrdup(o->print.receipt != NULL ?
	    o->print.receipt : "file");
	settings.a4 = xstrdup(o->print.a4 != NULL ? o->print.a4 : "file");
	settings.profile = xstrdup(o->print.profile != NULL ?
	    o->print.profile : "");
	settings.language = xstrdup(i18n_lang());
	settings.export_folder = xstrdup(cfg->export_folder != NULL ?
	    cfg->export_folder : "");
	settings.export_gb18030 = cfg->export_charset != NULL &&
	    strcmp(cfg->export_charset, "gb18030") == 0;
	o->print.receipt = settings.receipt;
	o->print.a4 = settings.a4;
	o->print.profile = *settings.profile != '\0' ? settings.profile :
	    NULL;
}

int
main(int argc, char **argv)
{
	struct options	 o;
	struct config	 cfg;
	struct http_options ho;
	const char	*warn, *pwarn;
	char		*cause = NULL, *kpass = NULL;

	harden();
	/* until a server says otherwise, the contract's zone, never the
	 * PC's: every date shown and printed is the service's */
	zone_set(ZONE_DEFAULT);
	warn = term_prepare();
	config_load(&cfg);
	i18n_init(cfg.language);
	parse_args(argc, argv, &o, &cfg);
	if (o.kiosk)
		kpass = kiosk_password(&cfg);
	keymap_load();
	guard_start();
	set_width(&o, &cfg);
	borders_prepare(cfg.borders_set ? cfg.borders : BORDERS_AUTO);
	if (o.verbose) {
		open_log();
		log_info("start: bianmin %s, language %s, server %s",
		    BIANMIN_VERSION, i18n_lang(), o.api);
	}
	memset(&ho, 0, sizeof ho);
	ho.ca_file = o.ca_file;
	ho.pin = o.pin;
	api_set_describe(messages_describe);
	app_on_pop(request_screen_gone);
	if ((app.api = api_new(o.api, &ho, &cause)) == NULL) {
		fprintf(stderr, "bianmin: %s\n", cause);
		free(cause);
		return (2);
	}
	app.counter_default = o.counter;
	app.lock_minutes = o.lock_minutes < 0 ? 0 : o.lock_minutes;
	if (o.evaluator) {
		/* facing the resident, beside a clerk: never locked */
		app.evaluator = o.counter;
		app.lock_minutes = 0;
	}
	app.last_key = time(NULL);
	app.waiting = -1;
	keep_settings(&o, &cfg);
	if ((pwarn = print_ui_init(&o.print)) != NULL && warn == NULL)
		warn = pwarn;
	atexit(term_end);
	term_start();
	if (kpass != NULL)
		kiosk_begin(cfg.kiosk_user, kpass,
		    kiosk_idle_seconds(cfg.kiosk_idle));
	else {
		app_push(&screen_login, NULL);
		startup_messages(warn, &cfg);
	}
	loop_run();
	if (kpass != NULL)
		kiosk_end();
	while (app.top != NULL)
		app_pop();
	term_end();
	print_ui_free();
	sender_free(app.sender);
	outbox_close(app.outbox);
	model_session_free(app.session);
	api_free(app.api);
	free(app.message);
	http_end();
	config_free(&cfg);
	settings_free();
	keymap_free();
	log_close();
	return (0);
}
