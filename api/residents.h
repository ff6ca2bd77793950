/*
 * Residents (docs/api.md 4, 5): search, profile, the audited reveal,
 * updates and registration, and the short lines of a profile about a
 * resident's applications and certificates. Every string in these
 * structs was sanitized when it was parsed.
 */
#ifndef API_RESIDENTS_H
#define API_RESIDENTS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "client.h"
#include "page.h"

struct resident_summary {
	long long	 id;
	char		*name;
	char		*sex;		/* "M" or "F" */
	int		 age;
	char		*id_number_masked;
	char		*phone_masked;	/* "" when none */
	char		*community;
	char		*address;
	char		*status;	/* active, moved_out, death_reported,
					   deceased */
};

struct resident_page {
	struct resident_summary	*items;
	size_t			 n;
	int			 page;
	int			 per_page;
	long long		 total;
};

struct household_member {
	long long	 id;
	char		*name;
	char		*relation;
	char		*sex;
	int		 age;
	char		*id_number_masked;
};

/* An open data-error flag on a profile. */
struct open_flag {
	long long	 id;
	char		*text;		/* line breaks kept */
	char		*raised_at;	/* RFC 3339, UTC */
	char		*raised_by;
};

struct resident {
	struct resident_summary	 s;
	char			*ethnicity;
	char			*grid;		/* "" when none */
	char			*grid_member;
	char			*grid_member_phone;
	long long		 household_id;	/* 0 when none */
	char			*household_address;
	struct household_member	*members;
	size_t			 nmembers;
	char			**tags;
	size_t			 ntags;
	char			*residence;	/* registered, floating, lodging */
	char			*presence;	/* consistent, ... */
	char			*moved_in_on;	/* "" when none: each of these */
	char			*moved_in_from;
	char			*moved_out_on;
	char			*moved_out_to;
	char			*death_date;
	char			*death_source;
	struct open_flag	*flags;
	size_t			 nflags;
	long long		 version;
};

/* One line about an application or certificate, for a profile. */
struct brief {
	char	*what;		/* the service or certificate type */
	char	*ref;		/* application number or certificate serial */
	char	*state;		/* status, or valid-until date */
	char	*date;		/* YYYY-MM-DD */
};

struct briefs {
	struct brief	*items;
	size_t		 n;
	long long	 total;
};

/* The audited reveal: full values, kept in memory only. */
struct revealed {
	char	*id_number;
	char	*phone;		/* "" when none */
	char	*birth_date;
};

int	model_resident_page_parse(const cJSON *, struct resident_page *,
	    const char **cause);

void	model_resident_page_free(void *);

int	model_resident_parse(const cJSON *, struct resident *,
	    const char **cause);

void	model_resident_free(void *);

/* A household's members (HouseholdMember) into a new array of *n. */
int	model_members_parse(const cJSON *, struct household_member **,
	    size_t *n, const char **cause);

void	model_members_free(struct household_member *, size_t n);

int	model_app_briefs_parse(const cJSON *, struct briefs *, const char **);

int	model_cert_briefs_parse(const cJSON *, struct briefs *, const char **);

void	model_briefs_free(void *);

int	model_revealed_parse(const cJSON *, struct revealed *, const char **);

void	model_revealed_free(void *);

/* By exact ID number when id_number is set, else by q (name prefix or
 * mobile number). model: struct resident_page. */
struct api_call	*api_resident_search(struct api *, const char *id_number,
		    const char *q, int page, api_cb, void *);

/* model: struct resident. */
struct api_call	*api_resident_get(struct api *, long long id, api_cb,
		    void *);

/* The resident's latest applications / certificates. model: struct
 * briefs. */
struct api_call	*api_resident_applications(struct api *, long long id, api_cb,
		    void *);

struct api_call	*api_resident_certificates(struct api *, long long id, api_cb,
		    void *);

/* The audited reveal of the full ID number (reason required). model:
 * struct revealed, which the caller frees as soon as it is not shown. */
struct api_call	*api_resident_reveal(struct api *, long long id,
		    const char *reason, api_cb, void *);

/* A merge patch of the resident at version (takes patch); a stale
 * version answers 412. model: the updated struct resident. */
struct api_call	*api_resident_patch(struct api *, long long id,
		    long long version, cJSON *patch, api_cb, void *);

/* A status action (docs/api.md 4: move_in, move_out, report_death,
 * confirm_death, reject_death; takes body) at the resident's version,
 * with the Idempotency-Key key. model: the updated struct resident. */
struct api_call	*api_resident_transition(struct api *, long long id,
		    long long version, cJSON *body, const char *key, api_cb,
		    void *);

/* Registers a resident (takes body). model: struct resident. */
struct api_call	*api_resident_create(struct api *, cJSON *body,
		    const char *key, api_cb, void *);

#endif
