/*
 * Certificate types, certificates, reprints and verification (docs/api.md
 * 10). Every string was sanitized when it was parsed.
 */
#ifndef API_CERTIFICATES_H
#define API_CERTIFICATES_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "client.h"
#include "page.h"

/* A certificate type (CertificateType); template is the server's, owned,
 * NULL for a cancelled type. */
struct cert_type {
	long long	 id;
	char		*code;
	char		*name;
	int		 retained;
	char		*basis;
	char		*alternative;	/* "" when none */
	char		*purpose;	/* "" when none */
	int		 validity_days;	/* 0 when none */
	cJSON		*template;
	int		 promise;	/* may be issued on a promise */
};

struct cert_type_page {
	struct cert_type	*items;
	size_t			 n;
	long long		 total;
};

/* An issued certificate (Certificate). body keeps its line breaks. */
struct certificate {
	long long	 id;
	char		*serial;
	char		*type_name;
	char		*resident;
	char		*id_masked;
	char		*community;
	char		*purpose;
	char		*issued_at;
	char		*issued_by;
	char		*valid_until;
	char		*title;
	char		*body;
	char		*verify_code;
	char		*verify_url;
	char		*rate_url;	/* the rating page; "" when none */
	int		 reprints;
	int		 is_void;	/* 作废 */
	char		*voided_on;	/* "" unless void */
	char		*void_reason;	/* "" unless void */
	int		 corrections;	/* 更正 so far */
	long long	 promise_id;	/* issued on a promise (告知承诺): */
	char		*promise_at;	/* when; "" when not */
	char		*promise_status; /* unchecked, truthful, false */
	int		 promise_ban_days; /* as printed; 0 not sent */
};

/* An issued certificate as lists show it (CertificateSummary). */
struct cert_summary {
	long long	 id;
	char		*serial;
	char		*type_name;
	char		*issued_at;
	char		*valid_until;
	int		 reprints;
};

struct cert_page {
	struct cert_summary	*items;
	size_t			 n;
	long long		 total;
};

struct reprint {
	long long	 id;
	long long	 certificate_id;
	int		 reprint_no;
	char		*at;
	char		*reason;
};

struct verify_result {
	int	 valid;
	char	*status;	/* valid, expired, void, superseded */
	char	*ended_on;	/* the date it was voided or superseded */
	char	*type;
	char	*issued_on;
	char	*community;
	char	*valid_until;
};

int	model_cert_type_page_parse(const cJSON *, struct cert_type_page *,
	    const char **cause);

void	model_cert_type_page_free(void *);

int	model_certificate_parse(const cJSON *, struct certificate *,
	    const char **cause);

void	model_certificate_free(void *);

int	model_cert_page_parse(const cJSON *, struct cert_page *,
	    const char **cause);

void	model_cert_page_free(void *);

int	model_reprint_parse(const cJSON *, struct reprint *,
	    const char **cause);

void	model_reprint_free(void *);

int	model_verify_parse(const cJSON *, struct verify_result *,
	    const char **cause);

void	model_verify_free(void *);

/* Retained types only, or the cancelled too. model: struct
 * cert_type_page. */
struct api_call	*api_cert_types(struct api *, int with_cancelled, api_cb,
		    void *);

/* Takes data; purpose may be NULL (the type's); promise: issued on the
 * resident's written promise (告知承诺). model: struct certificate. */
struct api_call	*api_certificate_issue(struct api *, long long type_id,
		    long long resident_id, const char *purpose, cJSON *data,
		    int promise, const char *key, api_cb, void *);

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
