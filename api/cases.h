/*
 * The counter's cases as asynchronous calls: application queries and
 * actions (docs/api.md 8), hand-offs (9), certificate types,
 * certificates and their verification (10). Models in model-cases.h.
 */
#ifndef API_CASES_H
#define API_CASES_H

#include <stddef.h>

#include "client.h"
#include "model-cases.h"

/* Application search; every filter is optional (0 or NULL). */
struct app_query {
	long long	 resident_id;
	const char	*status;
	const char	*from;		/* YYYY-MM-DD */
	const char	*to;
};
/* model: struct app_page. */
struct api_call	*api_application_search(struct api *,
		    const struct app_query *, int page, api_cb, void *);
/* model: struct app_detail. */
struct api_call	*api_application_get(struct api *, long long id, api_cb,
		    void *);
struct api_call	*api_application_by_number(struct api *,
		    const char *number, api_cb, void *);
/* The first 100 entries, oldest first. model: struct timeline. */
struct api_call	*api_application_timeline(struct api *, long long id,
		    api_cb, void *);
/* Takes body ({"action": ...}); sent with If-Match: version and the
 * Idempotency-Key key. model: struct app_detail. */
struct api_call	*api_application_transition(struct api *, long long id,
		    long long version, cJSON *body, const char *key, api_cb,
		    void *);
/* model: struct handoff. */
struct api_call	*api_handoff_create(struct api *, const long long *ids,
		    size_t n, const char *to, const char *key, api_cb, void *);

/* Retained types only, or the cancelled too. model: struct
 * cert_type_page. */
struct api_call	*api_cert_types(struct api *, int with_cancelled, api_cb,
		    void *);
/* Takes data; purpose may be NULL (the type's). model: struct
 * certificate. */
struct api_call	*api_certificate_issue(struct api *, long long type_id,
		    long long resident_id, const char *purpose, cJSON *data,
		    const char *key, api_cb, void *);
/* model: struct certificate. */
struct api_call	*api_certificate_get(struct api *, long long id, api_cb,
		    void *);
/* A resident's issued certificates, newest first, the first 50.
 * model: struct cert_page. */
struct api_call	*api_certificates_of(struct api *, long long resident_id,
		    api_cb, void *);
/* model: struct reprint. */
struct api_call	*api_certificate_reprint(struct api *, long long id,
		    const char *reason, const char *key, api_cb, void *);
/* The supervisor voids it (作废) with a reason. model: struct
 * certificate, as it now is. */
struct api_call	*api_certificate_void(struct api *, long long id,
		    const char *reason, const char *key, api_cb, void *);
/* The supervisor corrects its purpose (更正) with a reason. model:
 * struct certificate, reissued. */
struct api_call	*api_certificate_correct(struct api *, long long id,
		    const char *purpose, const char *reason, const char *key,
		    api_cb, void *);
/* By the printed verification code. model: struct verify_result. */
struct api_call	*api_verify_code(struct api *, const char *code, api_cb,
		    void *);

#endif
