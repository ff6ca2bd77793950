/* bianmind: the reference server of the bianmin REST API. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <microhttpd.h>

#include "audit.h"
#include "calendar.h"
#include "db.h"
#include "pinyin.h"
#include "certificates.h"
#include "http.h"
#include "idempotency.h"
#include "options.h"
#include "seed.h"
#include "../util/log.h"
#include "../util/xmalloc.h"
#include "../util/zone.h"

/* ADDR:PORT or [ADDR6]:PORT into a socket address. */
static int
parse_listen(const char *s, struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in	*in4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6	*in6 = (struct sockaddr_in6 *)ss;
	const char		*colon = strrchr(s, ':');
	char			 host[64];
	char			*end;
	long			 port;
	size_t			 hlen;

	if (colon == NULL)
		return (-1);
	port = strtol(colon + 1, &end, 10);
	if (*end != '\0' || colon[1] == '\0' || port < 0 || port > 65535)
		return (-1);
	hlen = (size_t)(colon - s);
	if (hlen >= sizeof host)
		return (-1);
	memcpy(host, s, hlen);
	host[hlen] = '\0';
	memset(ss, 0, sizeof *ss);
	if (host[0] == '[' && hlen > 2 && host[hlen - 1] == ']') {
		host[hlen - 1] = '\0';
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		*len = sizeof *in6;
		return (inet_pton(AF_INET6, host + 1, &in6->sin6_addr) == 1 ?
		    0 : -1);
	}
	in4->sin_family = AF_INET;
	in4->sin_port = htons((uint16_t)port);
	*len = sizeof *in4;
	return (inet_pton(AF_INET, host, &in4->sin_addr) == 1 ? 0 : -1);
}

/* Writes the port atomically so a waiting script never reads half. */
static int
write_port_file(const char *path, unsigned port)
{
	char	*tmp = xasprintf("%s.tmp", path);
	FILE	*f;
	int	 rc = -1;

	if ((f = fopen(tmp, "w")) != NULL) {
		fprintf(f, "%u\n", port);
		if (fclose(f) == 0 && rename(tmp, path) == 0)
			rc = 0;
	}
	free(tmp);
	return (rc);
}

/* --verify-audit: 0 if the chain holds, 1 naming the first broken row. */
static int
verify_audit(struct db *db)
{
	long long	 rows;
	char		*cause = NULL;

	if (audit_verify(db, &rows, &cause) != 0) {
		fprintf(stderr, "bianmind: %s\n", cause);
		free(cause);
		return (1);
	}
	printf("audit trail intact: %lld rows\n", rows);
	return (0);
}

/* Reads a whole PEM file into memory for libmicrohttpd. */
static char *
read_file(const char *path)
{
	FILE	*f = fopen(path, "r");
	char	*data = NULL;
	size_t	 len = 0, got;
	char	 chunk[4096];

	if (f == NULL)
		return (NULL);
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		data = xreallocarray(data, len + got + 1, 1);
		memcpy(data + len, chunk, got);
		len += got;
	}
	fclose(f);
	if (data != NULL)
		data[len] = '\0';
	return (data);
}

/* Prints each route as METHOD PATTERN, for tests and operators. */
static void
print_route(const struct route *r, void *arg)
{
	(void)arg;
	printf("%s %s\n", r->method, r->pattern);
}

/* The verification links' base when none was given: this server. */
static void
default_public_url(const struct options *o, unsigned port)
{
	char	*url;

	if (o->public_url != NULL) {
		certificates_set_public_url(o->public_url);
		return;
	}
	url = xasprintf("%s://%.*s:%u", o->tls_cert != NULL ? "https" :
	    "http", (int)(strrchr(o->listen, ':') - o->listen), o->listen,
	    port);
	certificates_set_public_url(url);
	free(url);
}

/* The calendar, from the configured file or the installed one; at
 * start a bad file is fatal, on reload the old calendar stays. */
static int
load_calendar(const struct options *o)
{
	char	*path, *cause = NULL;
	int	 rc = 0;

	path = o->calendar != NULL ? xstrdup(o->calendar) :
	    calendar_default_path();
	if (path == NULL) {
		log_info("warning: no working-day calendar installed; due "
		    "dates count weekends only");
		return (0);
	}
	if (calendar_load(path, &cause) != 0) {
		log_info("calendar: %s", cause);
		fprintf(stderr, "bianmind: %s\n", cause);
		rc = -1;
	} else
		log_info("calendar: %s", path);
	free(cause);
	free(path);
	return (rc);
}

/* SIGHUP: read again what a site may change while serving. */
static void
reload(const struct options *o)
{
	log_info("SIGHUP: reloading");
	load_calendar(o);
}

/* Listens until a signal, HTTPS when given a certificate. */
static int
serve(const struct options *o)
{
	struct sockaddr_storage		 ss;
	socklen_t			 sslen;
	struct MHD_Daemon		*d;
	const union MHD_DaemonInfo	*info;
	sigset_t			 set;
	int				 sig;
	unsigned			 flags;
	char				*cert = NULL, *key = NULL;

	if (parse_listen(o->listen, &ss, &sslen) != 0) {
		fprintf(stderr, "bianmind: bad --listen %s (want ADDR:PORT)\n",
		    o->listen);
		return (2);
	}
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
	    MHD_USE_ERROR_LOG;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	if (o->tls_cert != NULL) {
		if ((cert = read_file(o->tls_cert)) == NULL ||
		    (key = read_file(o->tls_key)) == NULL) {
			fprintf(stderr, "bianmind: cannot read %s or %s\n",
			    o->tls_cert, o->tls_key);
			free(cert);
			return (1);
		}
		flags |= MHD_USE_TLS;
	}
	http_set_body_timeout(o->body_timeout);
	d = MHD_start_daemon(flags, 0, NULL, NULL, http_access, NULL,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_THREAD_POOL_SIZE, o->threads,
	    MHD_OPTION_CONNECTION_TIMEOUT, o->body_timeout,
	    MHD_OPTION_CONNECTION_LIMIT, 512u,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, o->per_addr,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
	    MHD_OPTION_NOTIFY_COMPLETED, http_completed, NULL,
	    cert != NULL ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, cert,
	    MHD_OPTION_HTTPS_MEM_KEY, key,
	    MHD_OPTION_HTTPS_PRIORITIES, "NORMAL:-VERS-ALL:"
	    "+VERS-TLS1.3:+VERS-TLS1.2",
	    MHD_OPTION_END);
	free(cert);
	if (key != NULL)
		explicit_bzero(key, strlen(key));
	free(key);
	if (d == NULL) {
		fprintf(stderr, "bianmind: cannot listen on %s: %s\n",
		    o->listen, strerror(errno));
		return (1);
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	default_public_url(o, info != NULL ? info->port : 0);
	if (o->port_file != NULL && (info == NULL ||
	    write_port_file(o->port_file, info->port) != 0)) {
		fprintf(stderr, "bianmind: cannot write %s\n", o->port_file);
		MHD_stop_daemon(d);
		return (1);
	}
	log_info("listening on %s (port %u)", o->listen,
	    info != NULL ? info->port : 0);
	while (sigwait(&set, &sig) == 0 && sig == SIGHUP)
		reload(o);
	log_info("signal %d: stopping", sig);
	MHD_stop_daemon(d);
	return (0);
}

int
main(int argc, char **argv)
{
	struct options	 o;
	struct db	*db;
	char		*cause = NULL;
	struct rlimit	 rl = { 0, 0 };
	int		 rc = 0;

	options_parse(argc, argv, &o);
	if (o.routes) {
		route_each(print_route, NULL);
		options_free(&o);
		return (0);
	}
	if (zone_set(o.time_zone) != 0) {
		fprintf(stderr, "bianmind: unknown time zone %s\n",
		    o.time_zone);
		return (2);
	}
	umask(077);
	setrlimit(RLIMIT_CORE, &rl);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	if (o.log != NULL && log_open(o.log) != 0) {
		fprintf(stderr, "bianmind: cannot open log %s\n", o.log);
		return (1);
	}
	if (load_calendar(&o) != 0)
		return (1);
	if ((db = db_open(o.db, &cause)) == NULL) {
		fprintf(stderr, "bianmind: %s\n", cause);
		return (1);
	}
	if (!o.verify_audit)
		pinyin_backfill(db);
	if (o.verify_audit)
		rc = verify_audit(db);
	else if (o.seed != NULL &&
	    seed_demo(db, o.residents, o.seed_number, &cause) != 0) {
		fprintf(stderr, "bianmind: seeding: %s\n", cause);
		rc = 1;
	}
	db_close(db);
	free(cause);
	if (rc == 0 && !o.verify_audit && o.listen != NULL) {
		db_configure(o.db);
		if ((db = db_thread()) != NULL)
			idem_reset(db);
		rc = serve(&o);
		db_close_all();
	}
	log_close();
	calendar_clear();
	options_free(&o);
	return (rc);
}
