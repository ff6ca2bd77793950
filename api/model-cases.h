/*
 * What the client knows of the counter's cases: applications with their
 * timelines, hand-offs, certificate types and certificates, verification
 * results, and the extension members of a problem reply. Every string in
 * these structs has been sanitized for display when it was parsed; the
 * parsers are strict: a member of the wrong type refuses the whole reply.
 */
#ifndef API_MODEL_CASES_H
#define API_MODEL_CASES_H

#include <stddef.h>

#include <cjson/cJSON.h>

struct api_result;

/* An application as lists show it (ApplicationSummary). */
struct app_summary {
	long long	 id;
	long long	 version;
	char		*number;
	char		*status;	/* submitted, accepted ... */
	char		*service;
	char		*txcode;
	char		*resident;
	char		*id_masked;
	char		*community;
	char		*created_at;	/* RFC 3339, UTC */
	char		*due_date;	/* YYYY-MM-DD */
	int		 overdue;
};

struct app_page {
	struct app_summary	*items;
	size_t			 n;
	int			 page;
	int			 per_page;
	long long		 total;
};

/* One application in full (Application). */
struct app_detail {
	struct app_summary	 s;
	long long		 service_id;
	char			*counter;
	char			*staff;
	char			*note;		/* "" when none */
	char			*reason;	/* "" when none */
	char			*department;	/* "" when none */
	char			*collector;	/* "name id", "" when none */
	char			*updated_at;
	char			**missing;	/* missing_materials */
	size_t			 nmissing;
	cJSON			*json;		/* the reply, owned, for paper */
};

struct timeline_entry {
	char	*at;
	char	*staff;
	char	*action;	/* create, accept ... handoff_received */
	char	*to_status;
	char	*detail;	/* reason, department, missing, collector,
				   note: whichever the action carries */
};

struct timeline {
	struct timeline_entry	*items;
	size_t			 n;
	long long		 total;
};

struct handoff {
	long long		 id;
	char			*number;
	char			*to;
	char			*note;		/* "" when none */
	char			*centre;
	char			*staff;
	char			*created_at;
	struct app_summary	*items;
	size_t			 n;
};

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
	int		 reprints;
	int		 is_void;	/* 作废 */
	char		*voided_on;	/* "" unless void */
	char		*void_reason;	/* "" unless void */
	int		 corrections;	/* 更正 so far */
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

/* What a problem reply says beyond its message: the actions allowed now
 * (invalid-transition), the version the server holds (412), the legal
 * basis of a refused certificate type, the applications in the way of a
 * hand-off. Lists are empty, strings "" and numbers -1 when absent. */
struct problem_ext {
	char		*current_status;
	char		**allowed;
	size_t		 nallowed;
	long long	 current_version;
	char		*type_name;
	char		*basis;
	char		*alternative;
	char		**conflicts;	/* "number (status)" */
	size_t		 nconflicts;
};

/* Each parser fills its struct from JSON or returns -1 with *cause (a
 * static English description of the first thing wrong); a struct that
 * failed is still freed with its free function. */
int	model_app_page_parse(const cJSON *, struct app_page *,
	    const char **cause);
void	model_app_page_free(void *);
int	model_app_detail_parse(const cJSON *, struct app_detail *,
	    const char **cause);
void	model_app_detail_free(void *);
int	model_timeline_parse(const cJSON *, struct timeline *,
	    const char **cause);
void	model_timeline_free(void *);
int	model_handoff_parse(const cJSON *, struct handoff *,
	    const char **cause);
void	model_handoff_free(void *);
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

/* The extension members of an error reply's problem object (NULL: none
 * known). Never fails; the caller frees with problem_ext_free. */
struct problem_ext *problem_ext_parse(const cJSON *problem);
void	problem_ext_free(struct problem_ext *);

#endif
