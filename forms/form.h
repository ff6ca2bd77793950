/*
 * A form is data: sections of typed fields loaded from a service's form
 * schema (docs/api.md, "Form"), each field with its value being edited,
 * where the value came from, and its current error. Pure C: no curses.
 */
#ifndef FORMS_FORM_H
#define FORMS_FORM_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "lineedit.h"

enum field_type {
	FT_TEXT,
	FT_MULTILINE,
	FT_ID_NUMBER,
	FT_USCC,
	FT_PHONE,
	FT_POSTAL_CODE,
	FT_DATE,
	FT_NUMBER,
	FT_MONEY,
	FT_SELECT,
	FT_MULTISELECT,
	FT_CHECKBOX,
	FT_MATERIALS
};

struct form_option {
	char	*value;
	char	*label;
	char	*label_en;
	char	*pinyin;
};

/* One item of the service's materials checklist and what was received. */
struct form_material {
	char	*name;
	int	 originals;
	int	 copies;
	int	 required;
	int	 received;	/* ticked by the clerk */
	int	 defer_days;	/* may be taken 容缺: days to bring it; 0 not */
	int	 deferred;	/* taken 容缺 (never also received) */
	int	 promisable;	/* a written promise may replace it */
	int	 promised;	/* replaced by the resident's promise
				   (告知承诺; never also received or
				   deferred) */
};

/* Where a field's value came from, so the clerk can tell. */
enum field_origin {
	ORIGIN_NONE,
	ORIGIN_DEFAULT,
	ORIGIN_RECORD,		/* pre-filled from the resident's record */
	ORIGIN_DERIVED,		/* filled from an ID number typed here */
	ORIGIN_TYPED
};

struct form_field {
	char			*name;
	char			*label;
	char			*label_en;
	char			*help;
	char			*prefill;
	enum field_type		 type;
	int			 section;
	int			 required;
	int			 min_length;	/* -1: none */
	int			 max_length;	/* characters */
	char			*pattern;	/* POSIX ERE, anchored */
	int			 has_min, has_max;
	long long		 min, max;
	struct form_option	*options;
	size_t			 noptions;

	/* The value being edited. */
	struct lineedit		 edit;		/* text-like types */
	int			 choice;	/* select: option index or -1 */
	unsigned char		*chosen;	/* multiselect: flag per option */
	int			 checked;	/* checkbox */
	enum field_origin	 origin;
	char			*error;		/* translated; NULL when valid */
	/* a USCC that fails its check kept on purpose, with why */
	int			 override;
	char			*override_reason;
};

struct form_section {
	char	*title;
	char	*title_en;
};

struct form {
	int			 version;
	struct form_section	*sections;
	size_t			 nsections;
	struct form_field	*fields;
	size_t			 nfields;
	struct form_material	*materials;
	size_t			 nmaterials;
};

void		 form_free(struct form *);
struct form_field *form_field(struct form *, const char *name);

/* The field's value as text for display and drafts ("" when empty). The
 * caller frees. */
char		*form_value_text(const struct form_field *);
/* Sets a field from text (a draft, a record); returns -1 when the text
 * is not a value of the field (an unknown option, say). */
int		 form_set_text(struct form_field *, const char *text,
		    enum field_origin);
int		 form_field_empty(const struct form_field *);

/* The "data" object of docs/api.md for the form's values; fields still
 * holding the resident record's value are left for the server to fill. */
cJSON		*form_data(const struct form *);
/* The ticked materials as [{name, originals, copies}]. */
cJSON		*form_materials_json(const struct form *);
/* The names of the materials taken 容缺, an array (maybe empty). */
cJSON		*form_deferred_json(const struct form *);
/* The names of the materials replaced by a promise (告知承诺), an
 * array (maybe empty). */
cJSON		*form_promised_json(const struct form *);
/* Puts server field errors ("data.<name>" or "<name>") onto fields;
 * returns how many matched a field. */
int		 form_apply_errors(struct form *, const char *const *fields,
		    const char *const *messages, size_t n);

/* Per-keystroke filter of the field's type (digits and X for an ID
 * number …); 1 if cp may be typed. */
int		 form_accepts(const struct form_field *, uint32_t cp);
/* After a valid ID number was entered in f: fills birth date, sex and
 * age into the fields that take them. */
void		 form_derive_from_id(struct form *, struct form_field *,
		    time_t now);

#endif
