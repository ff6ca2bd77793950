/*
 * Plain HTTP goes only to this machine (docs/api.md 17). Run by
 * tests/integration/with-netns.sh in a private network namespace where
 * BIANMIN_TEST_ELSEWHERE (198.18.0.1) stands for another machine and
 * the name 127.evil.example resolves to it: a login by plain HTTP must
 * send nothing there, whether a name only looks like loopback or the
 * environment names a proxy there, while a listener on 127.0.0.1 gets
 * the requests meant for it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "../../api/applications.h"
#include "../../api/client.h"
#include "../../api/residents.h"
#include "../../api/session.h"
#include "../../tui/messages.h"

#define PASSWORD	"demo-clerk"

struct listener {
	int	fd;
	int	port;
	int	conns[16];
	int	nconns;
	char	got[8192];
	size_t	len;
};

static struct {
	int		 done;
	enum api_status	 status;
	char		 message[512];
} out;

static void
on_done(struct api_result *r, void *arg)
{
	(void)arg;
	out.done = 1;
	out.status = r->status;
	snprintf(out.message, sizeof out.message, "%s",
	    r->message != NULL ? r->message : "");
}

/* A listener on addr and a free port that never answers. */
static void
listen_on(struct listener *l, const char *addr)
{
	struct sockaddr_in	sin;
	socklen_t		len = sizeof sin;

	memset(l, 0, sizeof *l);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	assert_int_equal(inet_pton(AF_INET, addr, &sin.sin_addr), 1);
	l->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	assert_true(l->fd >= 0);
	assert_int_equal(bind(l->fd, (struct sockaddr *)&sin, sizeof sin), 0);
	assert_int_equal(listen(l->fd, 16), 0);
	getsockname(l->fd, (struct sockaddr *)&sin, &len);
	l->port = ntohs(sin.sin_port);
}

/* Takes every waiting connection and whatever bytes have come. */
static void
drain(struct listener *l)
{
	ssize_t	n;
	int	fd, i;

	while (l->nconns < 16 && (fd = accept4(l->fd, NULL, NULL,
	    SOCK_NONBLOCK)) >= 0)
		l->conns[l->nconns++] = fd;
	for (i = 0; i < l->nconns; i++) {
		while (l->len < sizeof l->got - 1 && (n = recv(l->conns[i],
		    l->got + l->len, sizeof l->got - 1 - l->len, 0)) > 0)
			l->len += (size_t)n;
	}
	l->got[l->len] = '\0';
}

static void
close_listener(struct listener *l)
{
	int	i;

	for (i = 0; i < l->nconns; i++)
		close(l->conns[i]);
	close(l->fd);
}

/* Logs in through a, watching the listeners until the call ends. */
static void
log_in(struct api *a, struct listener *ls, int n)
{
	int	i, j;

	memset(&out, 0, sizeof out);
	api_login(a, "clerk01", PASSWORD, "1", on_done, NULL);
	for (i = 0; i < 60 && !out.done; i++) {
		http_poll(api_http(a), NULL, 0, 100);
		http_process(api_http(a));
		for (j = 0; j < n; j++)
			drain(&ls[j]);
	}
	for (j = 0; j < n; j++)
		drain(&ls[j]);
	assert_true(out.done);
}

static struct api *
client(const char *url)
{
	struct http_options	 o;
	char			*cause = NULL;
	struct api		*a;

	memset(&o, 0, sizeof o);
	o.connect_timeout_ms = 1000;
	o.timeout_ms = 1500;
	a = api_new(url, &o, &cause);
	free(cause);
	return (a);
}

static void
look_alike_names_are_refused(void **state)
{
	static const char *const names[] = {
		"127.evil.example", "127.0.0.1.evil.example",
		"localhost.evil.example", "127.1.2.3.nip.example",
	};
	struct listener	 elsewhere;
	struct api	*a;
	char		 url[128];
	size_t		 i;

	(void)state;
	listen_on(&elsewhere, getenv("BIANMIN_TEST_ELSEWHERE"));
	for (i = 0; i < sizeof names / sizeof *names; i++) {
		snprintf(url, sizeof url, "http://%s:%d", names[i],
		    elsewhere.port);
		if ((a = client(url)) == NULL)
			continue;
		log_in(a, &elsewhere, 1);
		api_free(a);
		fail_msg("%s was taken for this machine; elsewhere got %zu "
		    "bytes%s", url, elsewhere.len, strstr(elsewhere.got,
		    PASSWORD) != NULL ? ", the password among them" : "");
	}
	assert_int_equal(elsewhere.len, 0);
	close_listener(&elsewhere);
}

static void
proxy_elsewhere_is_refused(void **state)
{
	struct listener	 ls[2];	/* the server on loopback, the proxy */
	struct api	*a;
	char		 url[64], proxy[64];

	(void)state;
	listen_on(&ls[0], "127.0.0.1");
	listen_on(&ls[1], getenv("BIANMIN_TEST_ELSEWHERE"));
	snprintf(proxy, sizeof proxy, "http://%s:%d",
	    getenv("BIANMIN_TEST_ELSEWHERE"), ls[1].port);
	setenv("http_proxy", proxy, 1);
	unsetenv("no_proxy");
	unsetenv("NO_PROXY");
	snprintf(url, sizeof url, "http://127.0.0.1:%d", ls[0].port);
	assert_non_null(a = client(url));
	log_in(a, ls, 2);
	api_free(a);
	unsetenv("http_proxy");
	if (ls[1].len > 0)
		fail_msg("the proxy elsewhere got %zu bytes%s", ls[1].len,
		    strstr(ls[1].got, PASSWORD) != NULL ?
		    ", the password among them" : "");
	assert_int_not_equal(out.status, API_OK);
	assert_non_null(strstr(out.message, "this machine"));
	close_listener(&ls[0]);
	close_listener(&ls[1]);
}

static void
loopback_gets_its_requests(void **state)
{
	static const char *const hosts[] = { "127.0.0.1", "localhost" };
	struct listener	 here;
	struct api	*a;
	char		 url[64];
	size_t		 i;

	(void)state;
	assert_non_null(a = client("http://[::1]:1"));
	api_free(a);
	for (i = 0; i < sizeof hosts / sizeof *hosts; i++) {
		listen_on(&here, "127.0.0.1");
		snprintf(url, sizeof url, "http://%s:%d", hosts[i], here.port);
		assert_non_null(a = client(url));
		log_in(a, &here, 1);
		api_free(a);
		if (strstr(here.got, "POST /api/v1/sessions") == NULL)
			fail_msg("%s: the listener got: %s", url, here.got);
		close_listener(&here);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(look_alike_names_are_refused),
		cmocka_unit_test(proxy_elsewhere_is_refused),
		cmocka_unit_test(loopback_gets_its_requests),
	};
	int	rc;

	if (getenv("BIANMIN_TEST_ELSEWHERE") == NULL) {
		fprintf(stderr, "run me with tests/integration/with-netns.sh\n");
		return (2);
	}
	/* the clerk's sentences, as the client sets them */
	api_set_describe(messages_describe);
	rc = cmocka_run_group_tests_name("loopback", tests, NULL, NULL);
	http_end();
	return (rc);
}
