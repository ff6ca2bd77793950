/*
 * TLS as the client sees it, against openssl s_server instances started
 * by tests/integration/with-tls.sh: every bad certificate is refused with
 * a message that says so; a private CA and a pinned key work.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../api/client.h"
#include "../../api/residents.h"
#include "../../tui/messages.h"

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

/* Tries a request against env's server; returns the outcome's status. */
static enum api_status
attempt(const char *env, const char *ca, const char *pin)
{
	struct http_options	 o;
	struct api		*a;
	char			*cause = NULL;
	int			 i;

	memset(&o, 0, sizeof o);
	memset(&out, 0, sizeof out);
	o.ca_file = ca;
	o.pin = pin;
	o.timeout_ms = 10000;
	assert_non_null(getenv(env));
	a = api_new(getenv(env), &o, &cause);
	assert_non_null(a);
	/* a GET: s_server -www answers those (with HTML) */
	api_resident_search(a, NULL, "张", 1, on_done, NULL);
	for (i = 0; i < 200 && !out.done; i++) {
		http_poll(api_http(a), NULL, 0, 100);
		http_process(api_http(a));
	}
	api_free(a);
	assert_true(out.done);
	return (out.status);
}

static void
refused(const char *env, const char *ca, const char *pin, const char *word)
{
	if (attempt(env, ca, pin) != API_ERR_NETWORK)
		fail_msg("%s was not refused: %s", env, out.message);
	if (strstr(out.message, word) == NULL)
		fail_msg("%s: message without '%s': %s", env, word,
		    out.message);
}

static void
bad_certificates_are_refused(void **state)
{
	const char	*ca = getenv("BIANMIN_TLS_CA");

	(void)state;
	refused("BIANMIN_TLS_SELFSIGNED", ca, NULL, "certificate");
	refused("BIANMIN_TLS_SELFSIGNED", NULL, NULL, "certificate");
	refused("BIANMIN_TLS_WRONGHOST", ca, NULL, "certificate");
	refused("BIANMIN_TLS_EXPIRED", ca, NULL, "clock");
	refused("BIANMIN_TLS_FUTURE", ca, NULL, "clock");
	/* the system's store does not know our private CA */
	refused("BIANMIN_TLS_GOOD", NULL, NULL, "certificate");
}

static void
private_ca_and_pin(void **state)
{
	const char	*ca = getenv("BIANMIN_TLS_CA");

	(void)state;
	/* the handshake passes; s_server then answers HTML, not JSON */
	if (attempt("BIANMIN_TLS_GOOD", ca, NULL) != API_ERR_MALFORMED)
		fail_msg("good certificate: %d %s", out.status, out.message);
	assert_int_equal(attempt("BIANMIN_TLS_GOOD", ca,
	    getenv("BIANMIN_TLS_PIN")), API_ERR_MALFORMED);
	refused("BIANMIN_TLS_GOOD", ca, getenv("BIANMIN_TLS_OTHER_PIN"),
	    "certificate");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bad_certificates_are_refused),
		cmocka_unit_test(private_ca_and_pin),
	};
	int	rc;

	/* the clerk's sentences, as the client sets them */
	api_set_describe(messages_describe);
	rc = cmocka_run_group_tests_name("tls", tests, NULL, NULL);
	http_end();
	return (rc);
}
