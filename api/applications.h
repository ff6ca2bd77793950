/*
 * Applications (docs/api.md 8): create, search, detail, timeline and
 * transitions, and the lists the day's figures show. Every string was
 * sanitized when it was parsed; the parsers are strict: a member of
 * the wrong type refuses the whole reply.
 */
#ifndef API_APPLICATIONS_H
#define API_APPLICATIONS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "client.h"
#include "page.h"
#include "payments.h"

struct application {
	long long	 id;
	char		*number;
	char		*status;
	char		*due_date;	/* "" when none */
	char		*service_name;
	char		*resident_name;
};

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

/* A material taken 容缺 (DeferredMaterial). */
struct app_deferred {
	char	*name;
	char	*due_date;	/* YYYY-MM-DD: bring it by */
	int	 received;
};

/* A proof replaced by the resident's written promise (PromiseRef). */
struct app_promise {
	long long	 id;
	char		*matter;	/* the material */
	char		*made_at;	/* RFC 3339, UTC */
	char		*status;	/* unchecked, truthful, false */
	int		 ban_days;	/* as printed; 0 when not sent */
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
	struct app_deferred	*deferred;	/* none from an older server */
	size_t			 ndeferred;
	struct app_promise	*promises;	/* 告知承诺; none likewise */
	size_t			 npromises;
	struct app_fee		 fee;		/* status "" from an older
						   server */
	cJSON			*json;		/* the reply, owned, for paper */
};

struct timeline_entry {
	char	*at;
	char	*staff;	/* NULL for a department's report */
	char	*action;	/* create, accept ... department_note */
	char	*to_status;
	char	*detail;	/* reason, department, missing, collector,
				   note: whichever the action carries */
};

struct timeline {
	struct timeline_entry	*items;
	size_t			 n;
	long long		 total;
};

/* An application as lists show it (ApplicationSummary), or an overdue
 * one (OverdueApplication, with overdue_days). */
struct app_row {
	long long	 id;
	char		*number;
	char		*txcode;
	char		*service;
	char		*resident;
	char		*id_masked;
	char		*community;
	char		*status;
	char		*counter;	/* "" */
	char		*staff;
	char		*created_at;
	char		*due_date;	/* "" */
	int		 overdue;
	int		 overdue_days;	/* -1 when not sent */
};

struct app_rows {
	struct page_info pg;
	struct app_row	*items;
	size_t		 n;
};

int	model_application_parse(const cJSON *, struct application *,
	    const char **cause);
/* Whether an answer taking an application is the replay of one that was
 * lost, its 取件码 not kept (docs/api.md 1.8): pickup_code null, where a
 * read of the application has none at all. */
int	application_code_lost(const cJSON *);

void	model_application_free(void *);

/* Each parser fills its struct from JSON or returns -1 with *cause (a
 * static English description of the first thing wrong); a struct that
 * failed is still freed with its free function. */
/* A list of ApplicationSummary (a hand-off's applications) into a new
 * array; app_summaries_free releases it, also after a failure. */
int	app_summaries_parse(const cJSON *list, struct app_summary **items,
	    size_t *n, const char **cause);
void	app_summaries_free(struct app_summary *items, size_t n);
int	model_app_page_parse(const cJSON *, struct app_page *,
	    const char **cause);

void	model_app_page_free(void *);

int	model_app_detail_parse(const cJSON *, struct app_detail *,
	    const char **cause);

void	model_app_detail_free(void *);

int	model_timeline_parse(const cJSON *, struct timeline *,
	    const char **cause);

void	model_timeline_free(void *);

int	model_app_rows_parse(const cJSON *, struct app_rows *, const char **);

void	model_app_rows_free(void *);

/* What an application carries: takes data, materials, deferred (the
 * names taken 容缺) and promised (the names replaced by a written
 * promise, 告知承诺); deferred and promised may be NULL or empty, and
 * are then not sent. */
struct app_new {
	long long	 service_id;
	long long	 resident_id;
	cJSON		*data;
	cJSON		*materials;
	cJSON		*deferred;
	cJSON		*promised;
};

/* key is the Idempotency-Key, made when the submission was first saved
 * and reused for every retry. model: struct application. */
struct api_call	*api_application_create(struct api *, const struct app_new *,
		    const char *key, api_cb, void *);

/* The request body of an application (takes what app_new holds); the
 * outbox stores it as text. Caller frees. */
char		*api_application_body(const struct app_new *);

/* Application search; every filter is optional (0 or NULL). */
struct app_query {
	long long	 resident_id;
	const char	*status;
	const char	*from;		/* YYYY-MM-DD */
	const char	*to;
	const char	*deferred;	/* outstanding, overdue */
	const char	*applicant;	/* deceased, moved_out */
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

/* 更正: the form field name corrected to value (taken; NULL removes it),
 * with the reason, at If-Match version. model: struct app_detail. */
struct api_call	*api_application_correct(struct api *, long long id,
		    long long version, const char *name, cJSON *value,
		    const char *reason, const char *key, api_cb, void *);

/* Applications created on date (YYYY-MM-DD), one page of 100; counter
 * may be NULL. model: struct app_rows. */
struct api_call	*api_applications_of_day(struct api *, const char *date,
		    const char *counter, int page, api_cb, void *);

/* Open applications (submitted, accepted, materials requested,
 * forwarded), the first 100; counter may be NULL. model: struct
 * app_rows. */
struct api_call	*api_applications_open(struct api *, const char *counter,
		    api_cb, void *);

#endif
