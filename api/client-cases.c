/* REST calls for the counter's cases: application queries and actions,
 * hand-offs, certificate types, certificates and their verification. */
#include <stdio.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "cases.h"
#include "../util/xmalloc.h"

static int
parse_app_page(const cJSON *j, void *m, const char **cause)
{
	return (model_app_page_parse(j, m, cause));
}

static int
parse_app_detail(const cJSON *j, void *m, const char **cause)
{
	return (model_app_detail_parse(j, m, cause));
}

static int
parse_timeline(const cJSON *j, void *m, const char **cause)
{
	return (model_timeline_parse(j, m, cause));
}

static int
parse_handoff(const cJSON *j, void *m, const char **cause)
{
	return (model_handoff_parse(j, m, cause));
}

static int
parse_cert_types(const cJSON *j, void *m, const char **cause)
{
	return (model_cert_type_page_parse(j, m, cause));
}

static int
parse_certificate(const cJSON *j, void *m, const char **cause)
{
	return (model_certificate_parse(j, m, cause));
}

static int
parse_cert_page(const cJSON *j, void *m, const char **cause)
{
	return (model_cert_page_parse(j, m, cause));
}

static int
parse_reprint(const cJSON *j, void *m, const char **cause)
{
	return (model_reprint_parse(j, m, cause));
}

static int
parse_verify(const cJSON *j, void *m, const char **cause)
{
	return (model_verify_parse(j, m, cause));
}

static const struct api_kind kind_app_page = {
	parse_app_page, sizeof(struct app_page), model_app_page_free
};
static const struct api_kind kind_app_detail = {
	parse_app_detail, sizeof(struct app_detail), model_app_detail_free
};
static const struct api_kind kind_timeline = {
	parse_timeline, sizeof(struct timeline), model_timeline_free
};
static const struct api_kind kind_handoff = {
	parse_handoff, sizeof(struct handoff), model_handoff_free
};
static const struct api_kind kind_cert_types = {
	parse_cert_types, sizeof(struct cert_type_page),
	model_cert_type_page_free
};
static const struct api_kind kind_certificate = {
	parse_certificate, sizeof(struct certificate), model_certificate_free
};
static const struct api_kind kind_cert_page = {
	parse_cert_page, sizeof(struct cert_page), model_cert_page_free
};
static const struct api_kind kind_reprint = {
	parse_reprint, sizeof(struct reprint), model_reprint_free
};
static const struct api_kind kind_verify = {
	parse_verify, sizeof(struct verify_result), model_verify_free
};

/* A GET into a model of kind k; takes path. */
static struct api_call *
get_path(struct api *a, const struct api_kind *k, char *path, api_cb cb,
    void *arg)
{
	struct api_call	*c = api_call(a, "GET", path, NULL, NULL, 0, k, cb,
			    arg);

	free(path);
	return (c);
}

/* Appends "&name=value", the value escaped, when there is a value. */
static void
query_add(char **q, const char *name, const char *value)
{
	char	*v, *s;

	if (value == NULL || *value == '\0')
		return;
	v = http_escape(value);
	s = xasprintf("%s&%s=%s", *q, name, v);
	free(v);
	free(*q);
	*q = s;
}

struct api_call *
api_application_search(struct api *a, const struct app_query *f, int page,
    api_cb cb, void *arg)
{
	char	*q = xasprintf("/api/v1/applications?page=%d&per_page=50",
		    page), id[32];

	if (f->resident_id > 0) {
		snprintf(id, sizeof id, "%lld", f->resident_id);
		query_add(&q, "resident_id", id);
	}
	query_add(&q, "status", f->status);
	query_add(&q, "from", f->from);
	query_add(&q, "to", f->to);
	return (get_path(a, &kind_app_page, q, cb, arg));
}

struct api_call *
api_application_get(struct api *a, long long id, api_cb cb, void *arg)
{
	return (get_path(a, &kind_app_detail,
	    xasprintf("/api/v1/applications/%lld", id), cb, arg));
}

struct api_call *
api_application_by_number(struct api *a, const char *number, api_cb cb,
    void *arg)
{
	char	*v = http_escape(number), *path;

	path = xasprintf("/api/v1/applications/by-number/%s", v);
	free(v);
	return (get_path(a, &kind_app_detail, path, cb, arg));
}

struct api_call *
api_application_timeline(struct api *a, long long id, api_cb cb, void *arg)
{
	return (get_path(a, &kind_timeline,
	    xasprintf("/api/v1/applications/%lld/timeline?per_page=100", id),
	    cb, arg));
}

struct api_call *
api_application_transition(struct api *a, long long id, long long version,
    cJSON *body, const char *key, api_cb cb, void *arg)
{
	struct api_call	*c;
	char		*path;

	path = xasprintf("/api/v1/applications/%lld/transitions", id);
	c = api_call(a, "POST", path, body, key, version, &kind_app_detail,
	    cb, arg);
	free(path);
	return (c);
}

struct api_call *
api_handoff_create(struct api *a, const long long *ids, size_t n,
    const char *to, const char *key, api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject(), *list;
	size_t	 i;

	list = cJSON_AddArrayToObject(b, "application_ids");
	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(list, cJSON_CreateNumber((double)ids[i]));
	cJSON_AddStringToObject(b, "to", to);
	return (api_call(a, "POST", "/api/v1/handoffs", b, key, 0,
	    &kind_handoff, cb, arg));
}

struct api_call *
api_cert_types(struct api *a, int with_cancelled, api_cb cb, void *arg)
{
	return (get_path(a, &kind_cert_types,
	    xasprintf("/api/v1/certificate-types?per_page=100%s",
	    with_cancelled ? "&include=cancelled" : ""), cb, arg));
}

struct api_call *
api_certificate_issue(struct api *a, long long type_id, long long resident_id,
    const char *purpose, cJSON *data, const char *key, api_cb cb, void *arg)
{
	cJSON	*b = cJSON_CreateObject();

	cJSON_AddNumberToObject(b, "type_id", (double)type_id);
	cJSON_AddNumberToObject(b, "resident_id", (double)resident_id);
	if (purpose != NULL && *purpose != '\0')
		cJSON_AddStringToObject(b, "purpose", purpose);
	cJSON_AddItemToObject(b, "data", data != NULL ? data :
	    cJSON_CreateObject());
	return (api_call(a, "POST", "/api/v1/certificates", b, key, 0,
	    &kind_certificate, cb, arg));
}

struct api_call *
api_certificate_get(struct api *a, long long id, api_cb cb, void *arg)
{
	return (get_path(a, &kind_certificate,
	    xasprintf("/api/v1/certificates/%lld", id), cb, arg));
}

struct api_call *
api_certificates_of(struct api *a, long long resident_id, api_cb cb,
    void *arg)
{
	return (get_path(a, &kind_cert_page,
	    xasprintf("/api/v1/certificates?resident_id=%lld&per_page=50",
	    resident_id), cb, arg));
}

struct api_call *
api_certificate_reprint(struct api *a, long long id, const char *reason,
    const char *key, api_cb cb, void *arg)
{
	cJSON		*b = cJSON_CreateObject();
	struct api_call	*c;
	char		*path;

	cJSON_AddStringToObject(b, "reason", reason);
	path = xasprintf("/api/v1/certificates/%lld/reprints", id);
	c = api_call(a, "POST", path, b, key, 0, &kind_reprint, cb, arg);
	free(path);
	return (c);
}

struct api_call *
api_certificate_void(struct api *a, long long id, const char *reason,
    const char *key, api_cb cb, void *arg)
{
	cJSON		*b = cJSON_CreateObject();
	struct api_call	*c;
	char		*path;

	cJSON_AddStringToObject(b, "reason", reason);
	path = xasprintf("/api/v1/certificates/%lld/void", id);
	c = api_call(a, "POST", path, b, key, 0, &kind_certificate, cb, arg);
	free(path);
	return (c);
}

struct api_call *
api_certificate_correct(struct api *a, long long id, const char *purpose,
    const char *reason, const char *key, api_cb cb, void *arg)
{
	cJSON		*b = cJSON_CreateObject();
	struct api_call	*c;
	char		*path;

	cJSON_AddStringToObject(b, "reason", reason);
	cJSON_AddStringToObject(b, "purpose", purpose);
	path = xasprintf("/api/v1/certificates/%lld/corrections", id);
	c = api_call(a, "POST", path, b, key, 0, &kind_certificate, cb, arg);
	free(path);
	return (c);
}

struct api_call *
api_verify_code(struct api *a, const char *code, api_cb cb, void *arg)
{
	char	*v = http_escape(code), *path;

	path = xasprintf("/api/v1/verify?code=%s", v);
	free(v);
	return (get_path(a, &kind_verify, path, cb, arg));
}
