/* The service catalog and certificate types the seed writes: fixed data
 * (seed-catalog-data.c, seed-certs-data.c) and the code that turns it
 * into rows (seed-catalog.c). */
#ifndef SERVER_SEED_CATALOG_H
#define SERVER_SEED_CATALOG_H

#include <stddef.h>

struct db;

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

struct seed_cert_type {
	const char	*code, *name, *basis, *alternative, *purpose;
	int		 validity_days;
	const char	*body;		/* NULL for a cancelled type */
	const char	*fields;	/* names of seed_fields, space apart */
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
extern const struct seed_cert_type	seed_cert_types[];
extern const size_t			seed_ncert_types;

/* Writes the categories, services and certificate types, inside the
 * caller's transaction; 0, or -1 with *cause. */
int	seed_catalog(struct db *, const char *updated_at, char **cause);

/* The JSON text of a Field from its definition. Caller frees. */
char	*seed_field_json(const struct seed_field *, int certificate);

#endif
