/*
 * The extension members of a problem reply (docs/api.md 1.5).
 */
#ifndef API_PROBLEM_H
#define API_PROBLEM_H

#include <stddef.h>

#include <cjson/cJSON.h>

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

/* The extension members of an error reply's problem object (NULL: none
 * known). Never fails; the caller frees with problem_ext_free. */
struct problem_ext *problem_ext_parse(const cJSON *problem);

void	problem_ext_free(struct problem_ext *);

#endif
