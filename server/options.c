/* bianmind's options, from the command line and the config file. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ini.h>

#include "options.h"
#include "proxy.h"
#include "../util/version.h"
#include "../util/xmalloc.h"
#include "../util/zone.h"

/* Options that only make sense on a command line, never in the file. */
#define CLI_ONLY	"config no-config help version routes verify-audit seed"

/* The config file read when the command line names none. */
#ifndef CONFIG_FILE
#define CONFIG_FILE	"/etc/bianmin/bianmind.conf"
#endif

/* The exchange's options have no letter. */
enum {
	OPT_XURL = 256, OPT_XKEY, OPT_XKEYID, OPT_XCA, OPT_XHTTP, OPT_XRMIN,
	OPT_XRMAX, OPT_XTIMEOUT, OPT_XINKEYS, OPT_XWINDOW
};

static const struct option longopts[] = {
	{ "config", required_argument, NULL, 'C' },
	{ "db", required_argument, NULL, 'd' },
	{ "listen", required_argument, NULL, 'l' },
	{ "seed", required_argument, NULL, 's' },
	{ "residents", required_argument, NULL, 'r' },
	{ "seed-number", required_argument, NULL, 'n' },
	{ "threads", required_argument, NULL, 't' },
	{ "port-file", required_argument, NULL, 'p' },
	{ "log", required_argument, NULL, 'L' },
	{ "verify-audit", no_argument, NULL, 'A' },
	{ "routes", no_argument, NULL, 'R' },
	{ "tls-cert", required_argument, NULL, 'c' },
	{ "tls-key", required_argument, NULL, 'k' },
	{ "public-url", required_argument, NULL, 'u' },
	{ "request-timeout", required_argument, NULL, 'T' },
	{ "max-per-address", required_argument, NULL, 'P' },
	{ "time-zone", required_argument, NULL, 'z' },
	{ "calendar", required_argument, NULL, 'K' },
	{ "trusted-proxies", required_argument, NULL, 'X' },
	{ "no-config", no_argument, NULL, 'N' },
	{ "user", required_argument, NULL, 'U' },
	{ "db-password-file", required_argument, NULL, 'W' },
	{ "exchange-url", required_argument, NULL, OPT_XURL },
	{ "exchange-key-file", required_argument, NULL, OPT_XKEY },
	{ "exchange-key-id", required_argument, NULL, OPT_XKEYID },
	{ "exchange-ca-file", required_argument, NULL, OPT_XCA },
	{ "exchange-allow-http", required_argument, NULL, OPT_XHTTP },
	{ "exchange-retry-min", required_argument, NULL, OPT_XRMIN },
	{ "exchange-retry-max", required_argument, NULL, OPT_XRMAX },
	{ "exchange-timeout", required_argument, NULL, OPT_XTIMEOUT },
	{ "exchange-inbound-keys", required_argument, NULL, OPT_XINKEYS },
	{ "exchange-inbound-window", required_argument, NULL, OPT_XWINDOW },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* The synopsis and options, for -h and mistakes. */
static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: bianmind --db DB [--listen ADDR:PORT] [--seed demo]\n"
	    "                [--residents N] [--seed-number N] [--threads N]\n"
	    "                [--port-file FILE] [--log FILE] [-v]\n"
	    "                [--tls-cert FILE --tls-key FILE] [--public-url URL]\n"
	    "                [--request-timeout S] [--max-per-address N]\n"
	    "                [--time-zone ZONE] [--calendar FILE]\n"
	    "                [--trusted-proxies LIST]\n"
	    "                [--user NAME] [--db-password-file FILE]\n"
	    "                [--config FILE | --no-config]\n"
	    "       bianmind --db DB --verify-audit\n"
	    "       bianmind [--db DB] admin COMMAND ...   (bianmind admin help)\n"
	    "       bianmind --routes\n"
	    "\n"
	    "  --config FILE      read these settings from an INI file first\n"
	    "                     (key = long option name, no dashes before;\n"
	    "                     default " CONFIG_FILE " when it exists)\n"
	    "  --no-config        read no config file at all\n"
	    "  --db DB            sqlite:FILE or FILE (SQLite, the default),\n"
	    "                     or postgresql://... (several bianmind\n"
	    "                     processes may share one); created or\n"
	    "                     migrated as needed\n"
	    "  --listen ADDR:PORT address to serve (127.0.0.1:8080; port 0\n"
	    "                     picks a free one)\n"
	    "  --seed demo        fill an empty database with the demo\n"
	    "                     district; serves afterwards only with\n"
	    "                     --listen\n"
	    "  --residents N      residents to seed (default 5000)\n"
	    "  --seed-number N    PRNG seed for --seed (default 1)\n"
	    "  --threads N        requests served at once, each with its\n"
	    "                     database connection (default 16 on\n"
	    "                     SQLite, twice the CPUs and at least 4 on\n"
	    "                     PostgreSQL)\n"
	    "  --port-file FILE   write the bound port there once listening\n"
	    "  --log FILE         log there instead of stderr ('-' for stderr);\n"
	    "                     SIGHUP reopens it\n"
	    "  --user NAME        started as root: the account to serve as,\n"
	    "                     once the address is bound (root must be\n"
	    "                     named to stay root)\n"
	    "  --db-password-file FILE  the PostgreSQL password, read from\n"
	    "                     this file (never give it in --db)\n"
	    "  --tls-cert FILE    serve HTTPS with this PEM certificate\n"
	    "  --tls-key FILE     and this PEM private key (SIGHUP reloads\n"
	    "                     both)\n"
	    "  --public-url URL   base of certificates' verification links\n"
	    "                     (default: this server's own address)\n"
	    "  --request-timeout S  seconds a request (line, headers and\n"
	    "                     body) may take to arrive (30)\n"
	    "  --max-per-address N  connections from one address (64)\n"
	    "  --trusted-proxies LIST  addresses or CIDR blocks, comma-\n"
	    "                     separated, of reverse proxies whose\n"
	    "                     Forwarded / X-Forwarded-For is believed\n"
	    "                     (default none)\n"
	    "  --time-zone ZONE   the service's time zone, for every local\n"
	    "                     date and time (default Asia/Shanghai)\n"
	    "  --calendar FILE    the working-day calendar (default: the one\n"
	    "                     installed with bianmind); SIGHUP reloads it\n"
	    "  --exchange-url URL, --exchange-key-file FILE, --exchange-key-id ID,\n"
	    "  --exchange-ca-file FILE, --exchange-allow-http yes|no,\n"
	    "  --exchange-retry-min MS, --exchange-retry-max MS,\n"
	    "  --exchange-timeout S, --exchange-inbound-keys FILE,\n"
	    "  --exchange-inbound-window S\n"
	    "                     the exchange with the upper level\n"
	    "                     (bianmind(8), docs/api.md 24)\n"
	    "  --verify-audit     check the audit trail's hash chain\n"
	    "  --routes           print the route table and exit\n"
	    "  -V, --version      print the version\n");
}

/* Replaces a string option. */
static void
set_str(char **field, const char *value)
{
	free(*field);
	*field = xstrdup(value);
}

/* A whole decimal number in [min, max]; -1 otherwise. */
static int
number(const char *s, long min, long max, long *out)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		return (-1);
	*out = v;
	return (0);
}

/* One option by its getopt code; -1 with a message when its value is
 * wrong. */
static int
set_option(struct options *o, int c, const char *name, const char *v)
{
	long	 n = 0;
	char	*cause = NULL;

	switch (c) {
	case 'C': set_str(&o->config, v); return (0);
	case 'd': set_str(&o->db, v); return (0);
	case 'l': set_str(&o->listen, v); return (0);
	case 's': set_str(&o->seed, v); return (0);
	case 'p': set_str(&o->port_file, v); return (0);
	case 'L': set_str(&o->log, v); return (0);
	case 'c': set_str(&o->tls_cert, v); return (0);
	case 'k': set_str(&o->tls_key, v); return (0);
	case 'u': set_str(&o->public_url, v); return (0);
	case 'K': set_str(&o->calendar, v); return (0);
	case 'U': set_str(&o->user, v); return (0);
	case 'W': set_str(&o->db_password_file, v); return (0);
	case 'N': return (0);
	case OPT_XURL: set_str(&o->exchange_url, v); return (0);
	case OPT_XKEY: set_str(&o->exchange_key_file, v); return (0);
	case OPT_XKEYID: set_str(&o->exchange_key_id, v); return (0);
	case OPT_XCA: set_str(&o->exchange_ca_file, v); return (0);
	case OPT_XINKEYS: set_str(&o->exchange_inbound_keys, v); return (0);
	case OPT_XHTTP:
		if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)
			break;
		o->exchange_allow_http = strcmp(v, "yes") == 0;
		return (0);
	case 'z':
		if (!zone_valid(v)) {
			fprintf(stderr, "bianmind: unknown time zone %s (want "
			    "a name such as Asia/Shanghai)\n", v);
			return (-1);
		}
		set_str(&o->time_zone, v);
		return (0);
	case 'X':
		if (proxy_set(v, &cause) != 0) {
			fprintf(stderr, "bianmind: bad --trusted-proxies: %s\n",
			    cause);
			free(cause);
			return (-1);
		}
		set_str(&o->trusted_proxies, v);
		return (0);
	case 'A': o->verify_audit = 1; return (0);
	case 'R': o->routes = 1; return (0);
	}
	if (c == 'r' && number(v, 50, 10000000, &n) == 0)
		o->residents = n;
	else if (c == 'n' && number(v, 0, LONG_MAX, &n) == 0)
		o->seed_number = (unsigned long)n;
	else if (c == 't' && number(v, 1, 64, &n) == 0)
		o->threads = (unsigned)n;
	else if (c == 'T' && number(v, 1, 86400, &n) == 0)
		o->body_timeout = (unsigned)n;
	else if (c == 'P' && number(v, 1, 65535, &n) == 0)
		o->per_addr = (unsigned)n;
	else if (c == OPT_XRMIN && number(v, 10, 86400000, &n) == 0)
		o->exchange_retry_min = n;
	else if (c == OPT_XRMAX && number(v, 10, 86400000, &n) == 0)
		o->exchange_retry_max = n;
	else if (c == OPT_XTIMEOUT && number(v, 1, 3600, &n) == 0)
		o->exchange_timeout = n;
	else if (c == OPT_XWINDOW && number(v, 1, 86400, &n) == 0)
		o->exchange_inbound_window = n;
	else {
		fprintf(stderr, "bianmind: bad value for %s: %s (--residents "
		    "is 50 to 10000000, --threads 1 to 64, --request-timeout "
		    "and --max-per-address at least 1; the exchange's "
		    "retries 10 to 86400000 ms, its timeout 1 to 3600 s, its "
		    "window 1 to 86400 s, allow-http yes or no)\n", name, v);
		return (-1);
	}
	return (0);
}

/* The long option named name; NULL when there is none. */
static const struct option *
find_option(const char *name)
{
	const struct option	*lo;

	for (lo = longopts; lo->name != NULL; lo++) {
		if (strcmp(lo->name, name) == 0)
			return (lo);
	}
	return (NULL);
}

/* 1 if name is in the space-separated list. */
static int
in_list(const char *list, const char *name)
{
	size_t		 len = strlen(name);
	const char	*p;

	for (p = list; (p = strstr(p, name)) != NULL; p += len) {
		if ((p == list || p[-1] == ' ') &&
		    (p[len] == ' ' || p[len] == '\0'))
			return (1);
	}
	return (0);
}

struct file_ctx {
	struct options	*o;
	const char	*path;
	int		 failed;
};

/* One key = value of the config file ([bianmind] or no section). */
static int
file_key(void *arg, const char *section, const char *key, const char *v)
{
	struct file_ctx		*fc = arg;
	const struct option	*lo;
	char			 name[64], *p;

	if (*section != '\0' && strcmp(section, "bianmind") != 0)
		return (1);
	/* db_password_file and db-password-file are one key */
	snprintf(name, sizeof name, "%s", key);
	for (p = name; *p != '\0'; p++) {
		if (*p == '_')
			*p = '-';
	}
	lo = find_option(name);
	if (lo == NULL || in_list(CLI_ONLY, name)) {
		fprintf(stderr, "bianmind: %s: unknown setting %s\n", fc->path,
		    name);
		fc->failed = 1;
	} else if (lo->has_arg == no_argument) {
		fc->failed = 1;
	} else if (set_option(fc->o, lo->val, name, v) != 0)
		fc->failed = 1;
	return (1);
}

/* Reads the file --config named; exits 2 when it cannot. */
static void
read_config(struct options *o, const char *path)
{
	struct file_ctx	fc = { o, path, 0 };
	int		rc;

	rc = ini_parse(path, file_key, &fc);
	if (rc == -1) {
		fprintf(stderr, "bianmind: cannot read %s: %s\n", path,
		    strerror(errno));
		exit(2);
	}
	if (rc > 0)
		fprintf(stderr, "bianmind: %s:%d: not a key = value line\n",
		    path, rc);
	if (rc != 0 || fc.failed)
		exit(2);
}

/* The config file to read before the rest: --config's, none after
 * --no-config, else BIANMIND_CONFIG's (empty: none), else CONFIG_FILE
 * when it exists. Only the options before "admin" count. */
static const char *
config_arg(int argc, char **argv)
{
	const char	*env = getenv("BIANMIND_CONFIG");
	int		 i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0 || strcmp(argv[i], "admin") == 0)
			break;
		if (strcmp(argv[i], "--no-config") == 0)
			return (NULL);
		if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
			return (argv[i + 1]);
		if (strncmp(argv[i], "--config=", 9) == 0)
			return (argv[i] + 9);
	}
	if (env != NULL)
		return (*env != '\0' ? env : NULL);
	return (access(CONFIG_FILE, F_OK) == 0 ? CONFIG_FILE : NULL);
}

/* Defaults, then the file, then the command line over both. */
static void
read_args(int argc, char **argv, struct options *o)
{
	const char	*config;
	int		 c, idx;

	memset(o, 0, sizeof *o);
	o->residents = 5000;
	o->seed_number = 1;
	o->threads = 0;		/* db_default_request_limit() */
	o->body_timeout = 30;
	o->per_addr = 64;
	o->exchange_retry_min = 2000;
	o->exchange_retry_max = 600000;
	o->exchange_timeout = 30;
	o->exchange_inbound_window = 300;
	if ((config = config_arg(argc, argv)) != NULL) {
		set_str(&o->config, config);
		read_config(o, config);
	}
	/* "+": the options end at the first operand, so that an admin
	 * command's own options are left to it */
	while ((c = getopt_long(argc, argv, "+hvV", longopts, &idx)) != -1) {
		switch (c) {
		case 'v':
			o->verbose = 1;
			continue;
		case 'V':
			printf("bianmind %s\n", BIANMIN_VERSION);
			exit(0);
		case 'h':
			usage(stdout);
			exit(0);
		case '?':
			usage(stderr);
			exit(2);
		}
		if (set_option(o, c, argv[optind - 1], optarg) != 0)
			exit(2);
	}
}

void
options_parse(int argc, char **argv, struct options *o)
{
	read_args(argc, argv, o);
	if (o->routes && optind == argc)
		return;
	if (optind < argc && strcmp(argv[optind], "admin") == 0) {
		o->admin_argc = argc - optind;
		o->admin_argv = argv + optind;
		if (o->time_zone == NULL)
			set_str(&o->time_zone, ZONE_DEFAULT);
		return;
	}
	if (optind != argc || o->db == NULL ||
	    (o->tls_cert == NULL) != (o->tls_key == NULL)) {
		usage(stderr);
		exit(2);
	}
	if (o->listen == NULL && o->seed == NULL && !o->verify_audit)
		set_str(&o->listen, "127.0.0.1:8080");
	if (o->seed != NULL && strcmp(o->seed, "demo") != 0) {
		fprintf(stderr, "bianmind: the only seed is 'demo'\n");
		exit(2);
	}
	if (o->time_zone == NULL)
		set_str(&o->time_zone, ZONE_DEFAULT);
}

void
options_free(struct options *o)
{
	free(o->config);
	free(o->db);
	free(o->listen);
	free(o->seed);
	free(o->port_file);
	free(o->log);
	free(o->tls_cert);
	free(o->tls_key);
	free(o->public_url);
	free(o->time_zone);
	free(o->calendar);
	free(o->trusted_proxies);
	free(o->user);
	free(o->db_password_file);
	free(o->exchange_url);
	free(o->exchange_key_file);
	free(o->exchange_key_id);
	free(o->exchange_ca_file);
	free(o->exchange_inbound_keys);
	memset(o, 0, sizeof *o);
}
