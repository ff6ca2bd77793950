/*
 * What the client knows of the server's resources. Every string in these
 * structs has been sanitized for display when it was parsed.
 */
#ifndef API_MODEL_H
#define API_MODEL_H

#include <stddef.h>

#include <cjson/cJSON.h>

struct community_ref {
	long long	 id;
	char		*name;
};

struct api_session {
	char		*token;
	struct community_ref *communities;	/* the centre's */
	size_t		 ncommunities;
	char		*staff_name;
	char		*username;
	char		*role;
	char		*centre_name;	/* "" for staff of no centre */
	char		*counter;
	char		*time_zone;	/* the service's; NULL if not told */
	int		 idle_timeout_s;
	int		 must_change_password;	/* a first password */
};

struct resident_summary {
	long long	 id;
	char		*name;
	char		*sex;		/* "M" or "F" */
	int		 age;
	char		*id_number_masked;
	char		*phone_masked;	/* "" when none */
	char		*community;
	char		*address;
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

struct resident {
	struct resident_summary	 s;
	char			*ethnicity;
	char			*grid;		/* "" when none */
	char			*grid_member;
	char			*grid_member_phone;
	char			*household_address;
	struct household_member	*members;
	size_t			 nmembers;
	char			**tags;
	size_t			 ntags;
	long long		 version;
};

/* A service of the catalog: the parts the client reads directly, and the
 * whole JSON for the form engine and drafts. */
struct service {
	long long	 id;
	char		*txcode;
	char		*name;
	char		*name_en;
	cJSON		*json;		/* the Service object, owned */
};

struct application {
	long long	 id;
	char		*number;
	char		*status;
	char		*due_date;	/* "" when none */
	char		*service_name;
	char		*resident_name;
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

/* Each parser fills its struct from JSON or returns -1 with *cause (a
 * static English description of the first thing wrong). */
int	model_session_parse(const cJSON *, struct api_session *,
	    const char **cause);
void	model_session_free(void *);
int	model_resident_page_parse(const cJSON *, struct resident_page *,
	    const char **cause);
void	model_resident_page_free(void *);
int	model_resident_parse(const cJSON *, struct resident *,
	    const char **cause);
void	model_resident_free(void *);

int	model_service_parse(const cJSON *, struct service *,
	    const char **cause);
void	model_service_free(void *);
int	model_application_parse(const cJSON *, struct application *,
	    const char **cause);
void	model_application_free(void *);

int	model_app_briefs_parse(const cJSON *, struct briefs *, const char **);
int	model_cert_briefs_parse(const cJSON *, struct briefs *, const char **);
void	model_briefs_free(void *);
int	model_revealed_parse(const cJSON *, struct revealed *, const char **);
void	model_revealed_free(void *);

#endif
