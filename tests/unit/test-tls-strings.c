/* OpenSSL's error strings: not loaded when libcurl starts, loaded to
 * explain a TLS failure in the words OpenSSL gives. */
#include <dlfcn.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../../api/curl-load.h"
#include "../../api/tls-strings.h"

/* OpenSSL's words for a code, or NULL while its strings are not loaded */
static const char *
reason(unsigned long code)
{
	void		*crypto;
	const char	*(*f)(unsigned long);

	crypto = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_NOLOAD);
	assert_non_null(crypto);
	*(void **)&f = dlsym(crypto, "ERR_reason_error_string");
	assert_non_null(f);
	return (f(code));
}

static void
strings_wait_for_a_failure(void **state)
{
	const char	*cause = NULL;
	char		 msg[256] = "OpenSSL/3.0.19: error:0A000086:lib(20)::"
	    "reason(134)";
	char		 plain[64] = "Could not connect to server";

	(void)state;
	if (curl_calls(&cause) == NULL)
		skip();
	assert_null(reason(0x0A000086UL));
	tls_strings_explain(plain, sizeof plain);
	assert_string_equal(plain, "Could not connect to server");
	assert_null(reason(0x0A000086UL));
	tls_strings_explain(msg, sizeof msg);
	assert_string_equal(msg, "OpenSSL/3.0.19: error:0A000086:SSL "
	    "routines::certificate verify failed");
	assert_non_null(reason(0x0A000086UL));
}

static void
words_fit_the_buffer_and_keep_the_tail(void **state)
{
	const char	*cause = NULL;
	char		 msg[96] = "x error:0A000410:lib(20)::reason(1040) y";
	char		 small[48] = "x error:0A000410:lib(20)::reason(1040) y";

	(void)state;
	if (curl_calls(&cause) == NULL)
		skip();
	tls_strings_explain(msg, sizeof msg);
	assert_string_equal(msg, "x error:0A000410:SSL routines::sslv3 alert "
	    "handshake failure y");
	tls_strings_explain(small, sizeof small);
	assert_string_equal(small, "x error:0A000410:SSL routines::sslv3 "
	    "alert hand");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(strings_wait_for_a_failure),
		cmocka_unit_test(words_fit_the_buffer_and_keep_the_tail),
	};

	return (cmocka_run_group_tests_name("tls-strings", tests, NULL,
	    NULL));
}
