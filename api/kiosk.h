/*
 * The self-service terminal's calls (docs/api.md 25): the kiosk's own
 * login, the public 办事指南, and a resident's visit (identify with the
 * card and the 取件码, the visit's applications and certificates, one
 * print, a rating). The kiosk token and the visit token go to the HTTP
 * layer and nowhere else.
 */
#ifndef API_KIOSK_H
#define API_KIOSK_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "client.h"

struct kiosk_login {
	char	*token;		/* wiped once kept */
	char	*name;
	char	*centre;
};

struct kiosk_guide_item {
	long long	 no;	/* what the resident types */
	long long	 id;
	char		*name;
	char		*category;
};

struct kiosk_guides {
	struct kiosk_guide_item	*items;
	size_t			 n;
};

struct kiosk_material {
	char		*name;
	long long	 originals;
	long long	 copies;
	int		 required;
};

struct kiosk_guide {
	long long		 id;
	char			*name;
	char			*category;
	char			**conditions;
	size_t			 nconditions;
	struct kiosk_material	*materials;
	size_t			 nmaterials;
	long long		 time_limit_days;
	long long		 fee_fen;
	char			*fee_basis;	/* "" when none */
};

/* The visit: the token is wiped once kept; name is masked (张*旗). */
struct kiosk_visit {
	char	*visit;
	char	*name;
};

struct kiosk_app {
	long long	 id;
	char		*number;
	char		*service;
	char		*status;
	char		*submitted_on;
	char		*due_on;	/* "" when none */
	char		*completed_on;	/* "" when none */
	char		**rateable;
	size_t		 nrateable;
};

struct kiosk_apps {
	struct kiosk_app	*items;
	size_t			 n;
};

struct kiosk_cert {
	long long	 id;
	char		*type;
	char		*serial;
	char		*issued_on;
};

struct kiosk_certs {
	struct kiosk_cert	*items;
	size_t			 n;
};

int	model_kiosk_guides_parse(const cJSON *, struct kiosk_guides *,
	    const char **);
void	model_kiosk_guides_free(void *);
int	model_kiosk_guide_parse(const cJSON *, struct kiosk_guide *,
	    const char **);
void	model_kiosk_guide_free(void *);
int	model_kiosk_apps_parse(const cJSON *, struct kiosk_apps *,
	    const char **);
/* Wipes every string of the visit's applications before freeing. */
void	model_kiosk_apps_free(void *);
int	model_kiosk_certs_parse(const cJSON *, struct kiosk_certs *,
	    const char **);
void	model_kiosk_certs_free(void *);

/* POST /kiosk/sessions. model: struct kiosk_login. */
struct api_call	*api_kiosk_login(struct api *, const char *user,
		    const char *password, api_cb, void *);
/* GET /kiosk/guides. model: struct kiosk_guides. */
struct api_call	*api_kiosk_guides(struct api *, api_cb, void *);
/* GET /kiosk/guides/{id}. model: struct kiosk_guide. */
struct api_call	*api_kiosk_guide(struct api *, long long id, api_cb, void *);
/* POST /kiosk/identify; the visit is kept for the calls below. model:
 * struct kiosk_visit. */
struct api_call	*api_kiosk_identify(struct api *, const char *id_number,
		    const char *code, api_cb, void *);
/* DELETE /kiosk/visit, and the visit is forgotten here at once. */
struct api_call	*api_kiosk_end_visit(struct api *, api_cb, void *);
/* GET /kiosk/visit/applications. model: struct kiosk_apps. */
struct api_call	*api_kiosk_apps(struct api *, api_cb, void *);
/* GET /kiosk/visit/certificates. model: struct kiosk_certs. */
struct api_call	*api_kiosk_certs(struct api *, api_cb, void *);
/* POST /kiosk/visit/certificates/{id}/print. model: struct certificate. */
struct api_call	*api_kiosk_print(struct api *, long long id, api_cb, void *);
/* POST /kiosk/visit/ratings. model: struct rating. */
struct api_call	*api_kiosk_rate(struct api *, long long application_id,
		    const char *occasion, const char *level, api_cb, void *);

/* The clerk's side. A fresh pickup code: six digits, shown once. */
struct pickup_code {
	char	*code;		/* wiped by the free; "" in a replay */
	char	*expires_at;
};
int	model_pickup_code_parse(const cJSON *, struct pickup_code *,
	    const char **cause);
void	model_pickup_code_free(void *);
/* POST /residents/{id}/pickup-codes. model: struct pickup_code. */
struct api_call	*api_pickup_code_new(struct api *, long long resident,
		    const char *key, api_cb, void *);
/* POST /certificates/{id}/kiosk-release. model: struct certificate. */
struct api_call	*api_certificate_kiosk_release(struct api *, long long id,
		    const char *key, api_cb, void *);

#endif
