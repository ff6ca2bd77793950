/* printing/journal.c and the raw sinks: the record that makes printing
 * happen once, and printers outside CUPS. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../printing/journal.h"
#include "../../printing/sink-raw.h"
#include "../../util/xmalloc.h"

static char	dir[] = "/tmp/test-print-journal.XXXXXX";

static int
setup(void **state)
{
	(void)state;
	return (mkdtemp(dir) == NULL ? -1 : 0);
}

static int
teardown(void **state)
{
	char	*cmd = xasprintf("rm -rf '%s'", dir);

	(void)state;
	if (system(cmd) != 0)
		return (-1);
	free(cmd);
	return (0);
}

static void
journal_keeps_the_last_state(void **state)
{
	char			*path = xasprintf("%s/journal", dir), *cause;
	struct journal		*j, *again;
	struct pj_entry		 e = { .id = "receipt-1", .sink = "cups",
				    .dest = "receipt\tq\n", .state = PJ_PENDING };
	const struct pj_entry	*last;
	struct stat		 sb;
	FILE			*f;

	(void)state;
	j = journal_open(path, &cause);
	assert_non_null(j);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(journal_append(j, &e, &cause), 0);
	e.state = PJ_SENT;
	e.job = 7;
	e.detail = "bianmin receipt-1 #0";
	assert_int_equal(journal_append(j, &e, &cause), 0);
	e.id = "cert-2";
	e.state = PJ_FAILED;
	e.job = 0;
	assert_int_equal(journal_append(j, &e, &cause), 0);
	/* a crash tore the last line: it does not count */
	f = fopen(path, "a");
	fputs("1796000000\treceipt-1\t0\tdone\tcups", f);
	fclose(f);
	again = journal_open(path, &cause);
	last = journal_last(again, "receipt-1");
	assert_non_null(last);
	assert_int_equal(last->state, PJ_SENT);
	assert_int_equal(last->job, 7);
	assert_string_equal(last->dest, "receipt q");	/* no tab, no LF */
	assert_true(journal_maybe_printed(last->state));
	assert_int_equal(journal_last(again, "cert-2")->state, PJ_FAILED);
	assert_false(journal_maybe_printed(PJ_FAILED));
	assert_false(journal_maybe_printed(PJ_NONE));
	assert_true(journal_maybe_printed(PJ_ABORTED));
	assert_null(journal_last(again, "nope"));
	journal_free(again);
	journal_free(j);
	free(path);
}

/* A one-shot raw printer on loopback: what it got goes to fd. */
static int
listener(int *port, int out)
{
	struct sockaddr_in	sin;
	socklen_t		len = sizeof sin;
	int			s, c;
	char			buf[512];
	ssize_t			n;
	pid_t			pid;

	s = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(s, (struct sockaddr *)&sin, sizeof sin), 0);
	assert_int_equal(listen(s, 1), 0);
	getsockname(s, (struct sockaddr *)&sin, &len);
	*port = ntohs(sin.sin_port);
	if ((pid = fork()) == 0) {
		c = accept(s, NULL, NULL);
		while ((n = read(c, buf, sizeof buf)) > 0)
			if (write(out, buf, n) != n)
				_exit(1);
		_exit(0);
	}
	close(s);
	return (pid);
}

static void
tcp_9100(void **state)
{
	int	 fds[2], port, sent;
	char	*hp, *cause = NULL, got[64];
	pid_t	 pid;
	ssize_t	 n;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	pid = listener(&port, fds[1]);
	close(fds[1]);
	hp = xasprintf("127.0.0.1:%d", port);
	assert_int_equal(sink_tcp_write(hp, "\x1b@\xd5\xc5", 4, &sent, &cause),
	    0);
	assert_true(sent);
	waitpid(pid, NULL, 0);
	n = read(fds[0], got, sizeof got);
	assert_int_equal(n, 4);
	assert_memory_equal(got, "\x1b@\xd5\xc5", 4);
	close(fds[0]);
	free(hp);
	/* nobody listens there now */
	hp = xasprintf("127.0.0.1:%d", port);
	assert_int_equal(sink_tcp_write(hp, "x", 1, &sent, &cause), -1);
	assert_false(sent);
	assert_non_null(strstr(cause, hp));
	free(cause);
	free(hp);
}

static void
device_file(void **state)
{
	char	*path = xasprintf("%s/lp0", dir), *cause = NULL, got[8];
	int	 sent;
	FILE	*f;

	(void)state;
	f = fopen(path, "w");
	fclose(f);
	assert_int_equal(sink_device_write(path, "ab", 2, &sent, &cause), 0);
	f = fopen(path, "r");
	assert_int_equal(fread(got, 1, sizeof got, f), 2);
	fclose(f);
	assert_int_equal(sink_device_write("/nonexistent/lp0", "ab", 2, &sent,
	    &cause), -1);
	assert_false(sent);
	free(cause);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(journal_keeps_the_last_state),
		cmocka_unit_test(tcp_9100),
		cmocka_unit_test(device_file),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
