/*
 * Departments' purposes, the residents' consents to them and the record
 * of who read a resident's data (docs/api.md 23): the counter records a
 * consent when the 核对授权书 is signed, withdraws it, and shows the
 * 查询记录. Every string was sanitized when it was parsed.
 */
#ifndef API_CONSENTS_H
#define API_CONSENTS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "client.h"

struct dept_purpose {
	char		*code;
	char		*name;
	char		*dept;		/* the department's name, 民政 */
	char		*basis;
	char		*consent;	/* none, subject, household_adults */
	long long	 consent_days;	/* 0 for none */
	char		**fields;	/* the resident fields it may see */
	size_t		 nfields;
};

struct dept_purpose_list {
	struct dept_purpose	*items;
	size_t		 n;
};

struct consent {
	long long	 id;
	char		*resident;	/* the name */
	char		*id_masked;
	char		*purpose;	/* the code */
	char		*purpose_name;
	char		*dept;		/* the department's name */
	char		*scope;
	char		*signed_on;	/* YYYY-MM-DD */
	char		*expires_on;
	char		*withdrawn_on;	/* "" when in force */
	char		*withdraw_reason;
	char		*recorded_by;
	int		 valid;
};

struct consent_list {
	struct consent	*items;
	size_t		 n;
};

struct data_read {
	char		*at;		/* RFC 3339, UTC */
	char		*kind;		/* dept_read, reveal */
	char		*staff;		/* name */
	char		*username;
	char		*dept;		/* "" for a reveal */
	char		*purpose;	/* its name; "" for a reveal */
	char		*basis;
	long long	 records;
	int		 refused;
	char		*reason;	/* a reveal's; "" */
};

struct read_list {
	char		*resident;
	char		*id_masked;
	struct data_read *items;
	size_t		 n;
};

int	model_purpose_list_parse(const cJSON *, struct dept_purpose_list *,
	    const char **cause);
void	model_purpose_list_free(void *);
int	model_consent_parse(const cJSON *, struct consent *,
	    const char **cause);
void	model_consent_free(void *);
int	model_consent_list_parse(const cJSON *, struct consent_list *,
	    const char **cause);
void	model_consent_list_free(void *);
int	model_read_list_parse(const cJSON *, struct read_list *,
	    const char **cause);
void	model_read_list_free(void *);

/* The active purposes of every department. model: struct
 * purpose_list. */
struct api_call	*api_purposes(struct api *, api_cb, void *);

/* The resident's consents, newest first. model: struct consent_list. */
struct api_call	*api_consents(struct api *, long long resident_id, api_cb,
		    void *);

/* Records a consent signed on signed_on (YYYY-MM-DD); expires_on NULL
 * for the purpose's whole term. model: struct consent. */
struct api_call	*api_consent_record(struct api *, long long resident_id,
		    const char *purpose, const char *scope,
		    const char *signed_on, const char *expires_on,
		    const char *key, api_cb, void *);

/* Withdraws a consent from today. model: struct consent. */
struct api_call	*api_consent_withdraw(struct api *, long long id,
		    const char *reason, const char *key, api_cb, void *);

/* Who read the resident's data (查询记录), newest first. model: struct
 * read_list. */
struct api_call	*api_resident_reads(struct api *, long long resident_id,
		    api_cb, void *);

#endif
