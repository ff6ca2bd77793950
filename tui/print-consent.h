/* The 核对授权书 and the 查询记录 (printing/paper-consent.h,
 * paper-reads.h) from the server's replies (print-consent.c). */
#ifndef TUI_PRINT_CONSENT_H
#define TUI_PRINT_CONSENT_H

#include <stddef.h>

struct consent;
struct dept_purpose;
struct pdoc;
struct read_list;

/* The 核对授权书 of purpose p for the resident (name, masked ID), to be
 * signed by signers (the household's adults, or the resident); c the
 * consent once recorded (its scope and dates), else NULL. */
struct pdoc	*print_consent(const struct dept_purpose *p,
		    const struct consent *c, const char *resident,
		    const char *id_masked, const char *const *signers,
		    size_t nsigners);
/* The resident's 查询记录. */
struct pdoc	*print_reads(const struct read_list *);

#endif
