/* bianmind: the reference server of the bianmin REST API. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <microhttpd.h>

#include "admin.h"
#include "audit.h"
#include "calendar.h"
#include "pinyin.h"
#include "certificates.h"
#include "conns.h"
#include "db-open.h"
#include "db.h"
#include "exchange-keys.h"
#include "exchange-send.h"
#include "http.h"
#include "idempotency.h"
#include "options.h"
#include "privs.h"
#include "proxy.h"
#include "route.h"
#include "router.h"
#include "secrets.h"
#include "seed.h"
#include "tls.h"
#include "../util/log.h"
#include "../util/version.h"
#include "../util/xmalloc.h"
#include "../util/zone.h"

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

/* SIGHUP: read again what a site may change while serving: the log
 * file (after logrotate), the TLS certificate, the calendar. What fails
 * to load leaves the old in place. */
static void
reload(const struct options *o)
{
	char	*cause = NULL;

	if (log_reopen() != 0)
		log_error("SIGHUP: cannot reopen the log %s", o->log);
	log_info("SIGHUP: reloading");
	if (o->tls_cert != NULL) {
		if (tls_load(o->tls_cert, o->tls_key, &cause) != 0) {
			log_error("TLS certificate not reloaded: %s", cause);
			free(cause);
		} else
			log_info("TLS certificate reloaded: %s", o->tls_cert);
	}
	load_calendar(o);
}

/* The next signal of set; meanwhile, four times a second, hangs up on
 * requests that take too long to arrive. */
static int
wait_signal(const sigset_t *set)
{
	struct timespec	ts = { 0, 250 * 1000 * 1000 };
	int		sig;

	while ((sig = sigtimedwait(set, NULL, &ts)) == -1) {
		if (errno != EAGAIN && errno != EINTR)
			return (SIGTERM);
		conns_reap();
	}
	return (sig);
}

/* The port the socket is bound to. */
static unsigned
bound_port(int fd)
{
	struct sockaddr_storage	ss;
	socklen_t		len = sizeof ss;

	if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0)
		return (0);
	if (ss.ss_family == AF_INET6)
		return (ntohs(((struct sockaddr_in6 *)&ss)->sin6_port));
	return (ntohs(((struct sockaddr_in *)&ss)->sin_port));
}

/* SIGTERM: no new connection is taken; the requests under way are
 * answered (for at most the request timeout) before the end. */
static void
drain(struct MHD_Daemon *d, int sig, unsigned seconds)
{
	struct timespec	 pause = { 0, 20 * 1000 * 1000 };
	MHD_socket	 fd;
	long		 waited = 0;

	fd = MHD_quiesce_daemon(d);
	log_info("signal %d: stopping once %d requests are answered", sig,
	    http_inflight());
	while (http_inflight() > 0 && waited < (long)seconds * 50) {
		nanosleep(&pause, NULL);
		waited++;
	}
	MHD_stop_daemon(d);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	log_info("stopped");
}

/* The daemon on the bound socket, HTTPS when given a certificate. */
static struct MHD_Daemon *
start_daemon(const struct options *o, int fd)
{
	unsigned	flags;
	char		*cause = NULL;

	/* a thread for each connection, and the requests of all of them
	 * take turns for o->threads database connections (db_request()):
	 * a pool of threads would serve each its share of the connections
	 * one request at a time, so that a request waited behind another
	 * connection's on the same thread while other threads were idle */
	flags = MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL | MHD_USE_ERROR_LOG |
	    MHD_USE_ITC;
	if (o->tls_cert != NULL) {
		if (tls_load(o->tls_cert, o->tls_key, &cause) != 0) {
			fprintf(stderr, "bianmind: %s\n", cause);
			free(cause);
			return (NULL);
		}
		flags |= MHD_USE_TLS;
	}
	http_set_body_timeout(o->body_timeout);
	conns_set_limits(o->body_timeout, o->per_addr);
	/* the per-address limit is conns_accept()'s: libmicrohttpd's own
	 * would count a trusted proxy's clients as one address */
	return (MHD_start_daemon(flags, 0, conns_accept, NULL, http_access,
	    NULL, MHD_OPTION_LISTEN_SOCKET, fd,
	    MHD_OPTION_CONNECTION_TIMEOUT, o->body_timeout,
	    MHD_OPTION_CONNECTION_LIMIT, 512u,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
	    MHD_OPTION_NOTIFY_COMPLETED, http_completed, NULL,
	    MHD_OPTION_NOTIFY_CONNECTION, conns_notify, NULL,
	    MHD_OPTION_URI_LOG_CALLBACK, http_uri_log, NULL,
	    o->tls_cert != NULL ? MHD_OPTION_HTTPS_CERT_CALLBACK :
	    MHD_OPTION_END, tls_retrieve,
	    MHD_OPTION_HTTPS_PRIORITIES, "NORMAL:-VERS-ALL:"
	    "+VERS-TLS1.3:+VERS-TLS1.2",
	    MHD_OPTION_END));
}

/* Serves on the bound socket until SIGTERM or SIGINT. */
static int
serve(const struct options *o, int fd)
{
	struct MHD_Daemon	*d;
	sigset_t		 set;
	unsigned		 port = bound_port(fd);
	char			*cause = NULL;
	int			 sig;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	if ((d = start_daemon(o, fd)) == NULL) {
		fprintf(stderr, "bianmind: cannot serve on %s: %s\n",
		    o->listen, strerror(errno));
		close(fd);
		return (1);
	}
	default_public_url(o, port);
	if (exchange_keys_load(o->exchange_inbound_keys,
	    o->exchange_inbound_window, &cause) != 0 ||
	    exchange_sender_start(o, &cause) != 0) {
		fprintf(stderr, "bianmind: %s\n", cause);
		log_error("%s", cause);
		free(cause);
		MHD_stop_daemon(d);
		close(fd);
		return (1);
	}
	if (o->port_file != NULL && write_port_file(o->port_file, port) != 0) {
		fprintf(stderr, "bianmind: cannot write %s\n", o->port_file);
		exchange_sender_stop();
		MHD_stop_daemon(d);
		close(fd);
		return (1);
	}
	log_info("bianmind %s listening on %s (port %u)", BIANMIN_VERSION,
	    o->listen, port);
	while ((sig = wait_signal(&set)) == SIGHUP)
		reload(o);
	drain(d, sig, o->body_timeout);
	exchange_sender_stop();
	exchange_keys_clear();
	close(fd);
	return (0);
}

/* The database password from its file, and warnings about secrets
 * others could read. */
static int
read_secrets(const struct options *o)
{
	char	*pw, *cause = NULL;

	secret_check_target(o->db);
	if (o->db_password_file == NULL)
		return (0);
	if ((pw = secret_read(o->db_password_file, &cause)) == NULL) {
		fprintf(stderr, "bianmind: %s\n", cause);
		free(cause);
		return (-1);
	}
	db_set_password(pw);
	explicit_bzero(pw, strlen(pw));
	free(pw);
	return (0);
}

/* Binds the address and, started as root, becomes --user: nothing
 * after this runs as root. The socket, or -1. */
static int
bind_and_drop(const struct options *o)
{
	char	*cause = NULL;
	int	 fd;

	if (geteuid() == 0 && o->user == NULL) {
		privs_drop(NULL, &cause);	/* says why it refuses */
		fprintf(stderr, "bianmind: %s\n", cause);
		free(cause);
		return (-1);
	}
	if ((fd = privs_listen(o->listen, &cause)) == -1 ||
	    privs_drop(o->user, &cause) != 0) {
		fprintf(stderr, "bianmind: %s\n", cause);
		free(cause);
		if (fd != -1)
			close(fd);
		return (-1);
	}
	return (fd);
}

int
main(int argc, char **argv)
{
	struct options	 o;
	struct db	*db;
	char		*cause = NULL;
	struct rlimit	 rl = { 0, 0 };
	int		 rc = 0, fd = -1;

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
	if (o.admin_argc > 0) {
		rc = admin_main(&o);
		options_free(&o);
		return (rc);
	}
	log_to_stderr();
	log_set_verbose(o.verbose);
	if (read_secrets(&o) != 0)
		return (1);
	if (o.listen != NULL && (fd = bind_and_drop(&o)) == -1)
		return (1);
	if (o.log != NULL && log_open(o.log) != 0) {
		fprintf(stderr, "bianmind: cannot open log %s\n", o.log);
		return (1);
	}
	log_set_verbose(o.verbose);
	if (load_calendar(&o) != 0)
		return (1);
	if ((db = db_open(o.db, &cause)) == NULL) {
		fprintf(stderr, "bianmind: %s\n", cause);
		log_error("%s", cause);
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
	if (rc == 0 && fd != -1) {
		db_configure(o.db);
		if (o.threads == 0)
			o.threads = db_default_request_limit(o.db);
		db_set_request_limit(o.threads);
		if ((db = db_thread()) != NULL) {
			idem_reset(db);
			log_info("database: %s at schema %d; time zone %s; "
			    "requests at once: %u", db_kind(db),
			    db_schema_version(db), zone_name(), o.threads);
		}
		rc = serve(&o, fd);
		db_close_all();
		tls_clear();
	} else if (fd != -1)
		close(fd);
	log_close();
	calendar_clear();
	options_free(&o);
	return (rc);
}
