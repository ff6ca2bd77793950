/*
 * The demo district's fixed tables: its places, the names its people are
 * drawn from, and the accounts and residents that the README and the
 * tests name. seed.c turns them into rows; nothing here changes at run
 * time.
 */
#ifndef SERVER_SEED_DATA_H
#define SERVER_SEED_DATA_H

#include <stddef.h>

/* The day the demo district's births are counted back from, fixed so
 * that one seed number always makes the same people. */
#define SEED_REF_YEAR	2026
#define SEED_REF_MONTH	6
#define SEED_REF_DAY	30

struct seed_district {
	const char	*code;		/* six-digit region code */
	const char	*name;
};

struct seed_community {
	const char	*code;		/* district, street, community */
	const char	*name;
	int		 grids;
};

/* A choice and how often it is made, relative to the sum of its list. */
struct seed_weighted {
	const char	*text;
	int		 weight;
};

struct seed_wlist {
	const struct seed_weighted	*v;
	size_t				 n;
};

struct seed_list {
	const char *const	*v;
	size_t			 n;
};

/* A household's shape, one letter a member after the head (H):
 * S spouse, C child, F father, M mother, P either parent, G grandchild
 * (a child of the first C). */
struct seed_shape {
	int		 size;
	int		 weight;
	const char	*shape;
};

struct seed_account {
	const char	*username;
	const char	*password;
	const char	*name;
	const char	*role;
	int		 community;	/* index; -1: no centre (admin) */
	int		 grid;		/* index within it; -1: none */
};

struct seed_person {
	const char	*name;
	const char	*id_number;
	const char	*relation;
	const char	*ethnicity;
	const char	*tags;		/* elderly_80 is added when due */
};

struct seed_family {
	int			 community;	/* in seed_communities */
	int			 grid;		/* index within the community */
	size_t			 n;
	struct seed_person	 members[4];
};

extern const struct seed_district	seed_districts[];
extern const size_t			seed_ndistricts;
/* Index 0 is 红旗社区 and index 1 光明社区: the demo accounts' centres. */
extern const struct seed_community	seed_communities[];
extern const size_t			seed_ncommunities;
extern const int			seed_total_grids;

extern const struct seed_account	seed_accounts[];
extern const size_t			seed_naccounts;
extern const struct seed_account	seed_kiosk;
extern const struct seed_family		seed_families[];
extern const size_t			seed_nfamilies;

extern const struct seed_shape		seed_shapes[];
extern const size_t			seed_nshapes;
/* Relative weights of household sizes 1 to 5. */
extern const int			seed_size_weights[5];

extern const struct seed_wlist		seed_surnames;
extern const struct seed_wlist		seed_hui_surnames;
extern const struct seed_wlist		seed_manchu_surnames;
/* Given-name characters, every one three bytes of UTF-8, for those born
 * before and after the 1980s' change of fashion. */
extern const char			seed_male_old[];
extern const char			seed_female_old[];
extern const char			seed_male_new[];
extern const char			seed_female_new[];
extern const struct seed_list		seed_uyghur_male;
extern const struct seed_list		seed_uyghur_female;

/* Birthplaces away from the district: the rest of 陕西, then elsewhere. */
extern const struct seed_wlist		seed_shaanxi_regions;
extern const struct seed_wlist		seed_other_regions;
extern const struct seed_list		seed_uyghur_regions;
extern const struct seed_list		seed_mobile_prefixes;

#endif
