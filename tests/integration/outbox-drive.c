/*
 * Drives the outbox without a terminal, for the fault tests: logs in,
 * saves N submissions of BODY (each with a new key) and sends until the
 * outbox is drained or the time is up. Killing it at any moment and
 * starting it again with -n 0 must lose nothing and send nothing twice.
 *
 *	outbox-drive URL DB USER PASSWORD BODY N SECONDS
 *
 * Prints "pending P failed F done D" and exits 0 when nothing is pending.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../api/applications.h"
#include "../../api/client.h"
#include "../../api/residents.h"
#include "../../api/session.h"
#include "../../api/outbox.h"
#include "../../api/sender.h"

static int	logged_in, login_done;

static void
on_login(struct api_result *r, void *arg)
{
	(void)arg;
	login_done = 1;
	logged_in = r->status == API_OK;
	if (!logged_in)
		fprintf(stderr, "login: %s\n", r->message);
}

static void
on_event(enum sender_event ev, const struct outbox_item *it,
    const struct api_result *r, void *arg)
{
	(void)arg;
	if (ev == SENDER_FAILED)
		fprintf(stderr, "refused %lld: %s\n", it->id, r->message);
}

static void
turn(struct api *a, struct sender *s)
{
	long	ms = s != NULL ? sender_timeout_ms(s, time(NULL)) : -1;

	if (ms < 0 || ms > 100)
		ms = 100;
	http_poll(api_http(a), NULL, 0, (int)ms);
	http_process(api_http(a));
	if (s != NULL)
		sender_pump(s, time(NULL));
}

int
main(int argc, char **argv)
{
	struct api	*a;
	struct outbox	*o;
	struct sender	*s;
	char		*cause = NULL, *warn = NULL, key[33];
	time_t		 end;
	int		 n, i, pending = 0, failed = 0, done = 0;

	if (argc != 8) {
		fprintf(stderr, "usage: outbox-drive URL DB USER PASSWORD "
		    "BODY N SECONDS\n");
		return (2);
	}
	n = atoi(argv[6]);
	end = time(NULL) + atoi(argv[7]);
	if ((a = api_new(argv[1], NULL, &cause)) == NULL ||
	    (o = outbox_open(argv[2], &warn, &cause)) == NULL) {
		fprintf(stderr, "outbox-drive: %s\n", cause);
		return (2);
	}
	for (i = 0; i < n; i++) {
		api_new_key(key);
		if (outbox_add(o, argv[3], "POST", "/api/v1/applications",
		    argv[5], key, "test", &cause) <= 0) {
			fprintf(stderr, "outbox-drive: not saved\n");
			return (2);
		}
		printf("saved %s\n", key);
		fflush(stdout);
	}
	api_login(a, argv[3], argv[4], "1", on_login, NULL);
	while (!login_done && time(NULL) < end)
		turn(a, NULL);
	s = sender_new(a, o, on_event, NULL);
	if (logged_in)
		sender_set_staff(s, argv[3]);
	do {
		turn(a, s);
		outbox_counts(o, &pending, &failed, &done);
	} while (logged_in && (pending > 0 || sender_busy(s)) &&
	    time(NULL) < end);
	printf("pending %d failed %d done %d\n", pending, failed, done);
	sender_free(s);
	outbox_close(o);
	api_free(a);
	http_end();
	return (pending == 0 ? 0 : 1);
}
