/*
 * The client's API layer against a real bianmind (BIANMIN_TEST_API, a
 * seeded demo database) and against a server of broken replies
 * (BIANMIN_TEST_BAD_API). tests/integration/run.sh starts both.
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

#include "../../api/catalog.h"
#include "../../api/applications.h"
#include "../../api/client.h"
#include "../../api/residents.h"
#include "../../api/session.h"
#include "../../tui/messages.h"
#include "../../forms/form.h"
#include "../../forms/idnum.h"
#include "../../forms/schema.h"

struct outcome {
	int		 done;
	enum api_status	 status;
	char		*problem;
	char		*message;
	char		*field;
	char		*code;
	void		*model;
	void		(*model_free)(void *);
};

static struct outcome	out;

static void
on_done(struct api_result *r, void *arg)
{
	(void)arg;
	out.done = 1;
	out.status = r->status;
	out.problem = r->problem != NULL ? strdup(r->problem) : NULL;
	out.message = r->message != NULL ? strdup(r->message) : NULL;
	if (r->nerrors > 0) {
		out.field = strdup(r->errors[0].field);
		out.code = strdup(r->errors[0].code);
	}
	out.model = r->model;
	out.model_free = r->model_free;
	r->model = NULL;
}

static void
reset(void)
{
	free(out.problem);
	free(out.message);
	free(out.field);
	free(out.code);
	if (out.model != NULL && out.model_free != NULL)
		out.model_free(out.model);
	memset(&out, 0, sizeof out);
}

/* Runs the client's transfers until the call finishes (at most 30 s). */
static void
wait_for(struct api *a)
{
	int	i;

	for (i = 0; i < 300 && !out.done; i++) {
		http_poll(api_http(a), NULL, 0, 100);
		http_process(api_http(a));
	}
	assert_true(out.done);
}

static struct api *
connect_to(const char *env, const char *suffix)
{
	const char	*base = getenv(env);
	struct api	*a;
	char		*url, *cause = NULL;

	assert_non_null(base);
	url = malloc(strlen(base) + strlen(suffix) + 1);
	strcpy(url, base);
	strcat(url, suffix);
	a = api_new(url, NULL, &cause);
	if (a == NULL)
		fail_msg("api_new: %s", cause);
	free(url);
	return (a);
}

static void
login(struct api *a, const char *user, const char *password)
{
	reset();
	api_login(a, user, password, "1", on_done, NULL);
	wait_for(a);
}

static void
login_ok(void **state)
{
	struct api		*a = connect_to("BIANMIN_TEST_API", "");
	struct api_session	*s;

	(void)state;
	login(a, "clerk01", "demo-clerk");
	assert_int_equal(out.status, API_OK);
	s = out.model;
	assert_string_equal(s->username, "clerk01");
	assert_string_equal(s->role, "clerk");
	assert_string_equal(s->staff_name, "陈晓梅");
	assert_non_null(strstr(s->centre_name, "红旗社区"));
	assert_string_equal(s->counter, "1");
	/* the token stays inside the API layer, not in the model */
	assert_true(s->token[0] == '\0');
	reset();
	api_free(a);
}

static void
login_wrong_password(void **state)
{
	struct api	*a = connect_to("BIANMIN_TEST_API", "");

	(void)state;
	login(a, "clerk01", "not-the-password");
	assert_int_equal(out.status, API_ERR_AUTH);
	assert_string_equal(out.problem, "invalid-credentials");
	assert_non_null(out.message);
	assert_null(out.model);
	login(a, "nobody", "demo-clerk");
	assert_int_equal(out.status, API_ERR_AUTH);
	assert_string_equal(out.problem, "invalid-credentials");
	reset();
	api_free(a);
}

static struct resident_page *
search(struct api *a, const char *id_number, const char *q)
{
	reset();
	api_resident_search(a, id_number, q, 1, on_done, NULL);
	wait_for(a);
	return (out.model);
}

static void
lookup_by_id(void **state)
{
	struct api		*a = connect_to("BIANMIN_TEST_API", "");
	struct resident_page	*p;
	struct resident		*r;
	long long		 id;

	(void)state;
	login(a, "clerk01", "demo-clerk");
	assert_int_equal(out.status, API_OK);
	p = search(a, "610202198503150021", NULL);
	assert_int_equal(out.status, API_OK);
	assert_int_equal(p->total, 1);
	assert_string_equal(p->items[0].name, "张红旗");
	assert_string_equal(p->items[0].id_number_masked,
	    "610***********0021");
	assert_string_equal(p->items[0].community, "红旗社区");
	id = p->items[0].id;
	reset();
	api_resident_get(a, id, on_done, NULL);
	wait_for(a);
	assert_int_equal(out.status, API_OK);
	r = out.model;
	assert_string_equal(r->s.name, "张红旗");
	assert_true(r->nmembers >= 3);
	assert_string_equal(r->members[0].relation, "户主");
	assert_null(strstr(r->members[1].id_number_masked, "19"));
	/* lowercase x finds 王建国 */
	p = search(a, "61020219671111005x", NULL);
	assert_int_equal(out.status, API_OK);
	assert_int_equal(p->total, 1);
	assert_string_equal(p->items[0].name, "王建国");
	/* by name prefix */
	p = search(a, NULL, "张红");
	assert_int_equal(out.status, API_OK);
	assert_true(p->total >= 1);
	reset();
	api_free(a);
}

static void
lookup_not_found(void **state)
{
	struct api		*a = connect_to("BIANMIN_TEST_API", "");
	struct resident_page	*p;
	char			 id[19] = "11010119900307001";

	(void)state;
	login(a, "clerk01", "demo-clerk");
	/* valid but unknown */
	id[17] = idnum_check_char(id);
	id[18] = '\0';
	p = search(a, id, NULL);
	assert_int_equal(out.status, API_OK);
	assert_int_equal(p->total, 0);
	assert_int_equal(p->n, 0);
	/* 李光明 lives in another centre's community */
	p = search(a, "610202194007080046", NULL);
	assert_int_equal(out.status, API_OK);
	assert_int_equal(p->total, 0);
	/* a wrong check digit is refused by the server as well */
	search(a, "610202198503150022", NULL);
	assert_int_equal(out.status, API_ERR_REFUSED);
	assert_string_equal(out.problem, "validation");
	assert_string_equal(out.field, "id_number");
	assert_string_equal(out.code, "check_digit");
	/* after logout the token is gone */
	reset();
	api_logout(a, on_done, NULL);
	wait_for(a);
	assert_int_equal(out.status, API_OK);
	search(a, "610202198503150021", NULL);
	assert_int_equal(out.status, API_ERR_AUTH);
	reset();
	api_free(a);
}

static void
expect_bad(const char *mode, enum api_status want)
{
	struct api	*a = connect_to("BIANMIN_TEST_BAD_API", mode);

	search(a, "610202198503150021", NULL);
	if (out.status != want)
		fail_msg("%s: status %d, want %d (%s)", mode, out.status, want,
		    out.message != NULL ? out.message : "");
	assert_non_null(out.message);
	assert_null(out.model);
	reset();
	api_free(a);
}

static void
malformed_replies(void **state)
{
	(void)state;
	expect_bad("/notjson", API_ERR_MALFORMED);
	expect_bad("/wrongtypes", API_ERR_MALFORMED);
	expect_bad("/truncated", API_ERR_MALFORMED);
	expect_bad("/html500", API_ERR_SERVER);
	expect_bad("/huge", API_ERR_NETWORK);
	expect_bad("/reset", API_ERR_NETWORK);
}

static void
hostile_problem_text_is_sanitized(void **state)
{
	struct api	*a = connect_to("BIANMIN_TEST_BAD_API", "/evilproblem");

	(void)state;
	search(a, "610202198503150021", NULL);
	assert_int_equal(out.status, API_ERR_REFUSED);
	assert_null(strchr(out.message, 0x1b));
	assert_null(strchr(out.message, 0x07));
	assert_null(strchr(out.message, '\r'));
	assert_null(strstr(out.message, "\xE2\x80\xAE"));
	reset();
	api_free(a);
}

static void
unreachable_server(void **state)
{
	struct sockaddr_in	sin;
	socklen_t		len = sizeof sin;
	struct api		*a;
	char			 url[64], *cause = NULL;
	int			 fd;

	(void)state;
	/* a port that was just free: nothing listens there */
	fd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sin, sizeof sin), 0);
	getsockname(fd, (struct sockaddr *)&sin, &len);
	close(fd);
	snprintf(url, sizeof url, "http://127.0.0.1:%d", ntohs(sin.sin_port));
	a = api_new(url, NULL, &cause);
	assert_non_null(a);
	login(a, "clerk01", "demo-clerk");
	assert_int_equal(out.status, API_ERR_NETWORK);
	assert_false(api_online(a));
	reset();
	api_free(a);
}

static void
refuses_unsafe_urls(void **state)
{
	static const char *const bad[] = {
		"http://example.org", "ftp://127.0.0.1/", "file:///etc/passwd",
		"smb://127.0.0.1/x", "not a url",
		/* checked before libcurl is loaded, by our own reading */
		"http://127.0.0.1@evil.example/", "http:/127.0.0.1",
		"http://", "http://[::1", "http://127.0.0.1:80x/",
		"1http://127.0.0.1", "http://127.0.0.1.evil.example:1",
		"http://[::2]:1", "http://localhost@:1",
	};
	static const char *const good[] = {
		"http://127.0.0.1:8080/", "HTTP://localhost", "http://[::1]:1/",
		"http://evil.example@127.0.0.1:1", "http://127.9.9.9?x",
		"https://example.org", "https://例子.example:8443/api",
	};
	struct api	*a;
	char		*cause;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		cause = NULL;
		if ((a = api_new(bad[i], NULL, &cause)) != NULL)
			fail_msg("%s was taken", bad[i]);
		assert_non_null(cause);
		free(cause);
	}
	for (i = 0; i < sizeof good / sizeof *good; i++) {
		cause = NULL;
		if ((a = api_new(good[i], NULL, &cause)) == NULL)
			fail_msg("%s was refused: %s", good[i], cause);
		api_free(a);
	}
}

/* Query values percent-encoded as RFC 3986 (and curl_easy_escape) do,
 * without libcurl. */
static void
escapes_query_values(void **state)
{
	char	*e;

	(void)state;
	e = http_escape("张 a&b=c~_.-/?#%");
	assert_string_equal(e, "%E5%BC%A0%20a%26b%3Dc~_.-%2F%3F%23%25");
	free(e);
	e = http_escape("");
	assert_string_equal(e, "");
	free(e);
}

/* Every service the server offers, by id, through the catalog's pages. */
static long long *
every_service(struct api *a, size_t *n)
{
	struct service_page	*p;
	long long		*ids = NULL;
	long long		 total = -1;
	size_t			 i;
	int			 page;

	*n = 0;
	for (page = 1; total < 0 || (long long)*n < total; page++) {
		reset();
		api_services(a, NULL, 0, page, 50, on_done, NULL);
		wait_for(a);
		assert_int_equal(out.status, API_OK);
		p = out.model;
		total = p->pg.total;
		assert_true(p->n > 0);
		ids = realloc(ids, (*n + p->n) * sizeof *ids);
		assert_non_null(ids);
		for (i = 0; i < p->n; i++)
			ids[(*n)++] = p->items[i].id;
	}
	reset();
	return (ids);
}

/* The form engine reads the form of every service of the catalog: a
 * schema it refused would be a service no counter could take. */
static void
catalog_every_form_loads(void **state)
{
	struct api	*a = connect_to("BIANMIN_TEST_API", "");
	struct service	*sv;
	struct form	*fm;
	long long	*ids;
	char		*cause;
	size_t		 n, i, fields = 0, materials = 0;

	(void)state;
	login(a, "clerk01", "demo-clerk");
	assert_int_equal(out.status, API_OK);
	ids = every_service(a, &n);
	assert_true(n >= 100);
	for (i = 0; i < n; i++) {
		reset();
		api_service_get(a, ids[i], on_done, NULL);
		wait_for(a);
		assert_int_equal(out.status, API_OK);
		sv = out.model;
		cause = NULL;
		fm = form_load(cJSON_GetObjectItemCaseSensitive(sv->json,
		    "form"), cJSON_GetObjectItemCaseSensitive(sv->json,
		    "materials"), &cause);
		if (fm == NULL)
			fail_msg("service %s: %s", sv->txcode, cause);
		assert_true(fm->nfields > 0);
		fields += fm->nfields;
		materials += fm->nmaterials;
		form_free(fm);
	}
	assert_true(fields > n && materials >= n);
	free(ids);
	reset();
	api_free(a);
}

static void
catalog_search(void **state)
{
	struct api		*a = connect_to("BIANMIN_TEST_API", "");
	struct service_page	*p;
	size_t			 i;

	(void)state;
	login(a, "clerk01", "demo-clerk");
	reset();
	api_services(a, "gljt", 0, 1, 20, on_done, NULL);	/* pinyin */
	wait_for(a);
	assert_int_equal(out.status, API_OK);
	p = out.model;
	assert_int_equal(p->n, 1);
	assert_string_equal(p->items[0].txcode, "0501");
	assert_string_equal(p->items[0].category, "养老服务");
	reset();
	api_services(a, "10", 0, 1, 50, on_done, NULL);	/* a code prefix */
	wait_for(a);
	p = out.model;
	assert_true(p->n > 0);
	for (i = 0; i < p->n; i++)
		assert_memory_equal(p->items[i].txcode, "10", 2);
	reset();
	api_services(a, "居住 &?=", 0, 1, 20, on_done, NULL);	/* escaped */
	wait_for(a);
	assert_int_equal(out.status, API_OK);
	reset();
	api_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(login_ok),
		cmocka_unit_test(login_wrong_password),
		cmocka_unit_test(lookup_by_id),
		cmocka_unit_test(lookup_not_found),
		cmocka_unit_test(malformed_replies),
		cmocka_unit_test(hostile_problem_text_is_sanitized),
		cmocka_unit_test(unreachable_server),
		cmocka_unit_test(refuses_unsafe_urls),
		cmocka_unit_test(escapes_query_values),
		cmocka_unit_test(catalog_every_form_loads),
		cmocka_unit_test(catalog_search),
	};
	int	rc;

	/* the clerk's sentences, as the client sets them */
	api_set_describe(messages_describe);
	rc = cmocka_run_group_tests_name("api", tests, NULL, NULL);
	reset();
	http_end();
	return (rc);
}
