/* The fixed data of the demo catalog (seed-catalog-data.c): categories,
 * departments, materials, form fields and service items. */
#ifndef SERVER_SEED_CATALOG_DATA_H
#define SERVER_SEED_CATALOG_DATA_H

#include <stddef.h>

struct seed_category {
	const char	*code, *name, *name_en, *queue_prefix, *abbrev;
};

struct seed_department {
	const char	*name;
	const char	*chain;		/* levels separated by | */
};

struct seed_material {
	char		 letter;
	const char	*name;
	int		 originals, copies, required;
	int		 defer_days;	/* 容缺: days to bring it, or 0 */
	int		 promise;	/* 告知承诺 may replace it */
};

/* One form field; -1 for min or max means none, options are
 * value:label:label_en separated by |. */
struct seed_field {
	const char	*name, *label, *label_en, *type;
	int		 required, min_length, max_length;
	const char	*pattern;
	long		 min, max;
	const char	*options, *def, *help;
};

struct seed_service {
	const char	*txcode, *name, *name_en;
	int		 days, fee_fen, department;
	const char	*conditions;	/* min_age=80;tag=x;community=1,2 */
	const char	*materials;	/* letters of seed_materials */
	const char	*fields;	/* names of seed_fields, space apart */
};

/* The legal basis of a service's fee (收费依据), for the services that
 * charge one. */
struct seed_fee {
	const char	*txcode, *basis;
};

/* A relief of a service's fee: for residents carrying tag the fee is
 * amount_fen (0: waived, 免收; more: reduced, 减收), as basis says. */
struct seed_relief {
	const char	*txcode, *tag;
	int		 amount_fen;
	const char	*message, *basis;
};

/* A case of a service's fee: when the form's field has value, the fee
 * is fee_fen as basis says, and the reliefs apply only if reliefs. */
struct seed_fee_case {
	const char	*txcode, *field, *value;
	int		 fee_fen, reliefs;
	const char	*message, *basis;
};

extern const struct seed_category	seed_categories[];
extern const size_t			seed_ncategories;
extern const struct seed_department	seed_departments[];
extern const size_t			seed_ndepartments;
extern const struct seed_material	seed_materials[];
extern const size_t			seed_nmaterials;
extern const struct seed_field		seed_fields[];
extern const size_t			seed_nfields;
extern const struct seed_service	seed_services[];
extern const size_t			seed_nservices;
extern const struct seed_fee		seed_fees[];
extern const size_t			seed_nfees;
extern const struct seed_relief		seed_reliefs[];
extern const size_t			seed_nreliefs;
extern const struct seed_fee_case	seed_fee_cases[];
extern const size_t			seed_nfee_cases;

#endif
