/* The counter's paperwork about cases, built from the server's replies,
 * and printing that asks before a second copy. */
#ifndef TUI_PRINT_CASES_H
#define TUI_PRINT_CASES_H

#include <time.h>

#include "../api/applications.h"
#include "../api/handoffs.h"
#include "../api/certificates.h"
#include "../api/problem.h"

struct pdoc;

/* The notice of every missing material at once (一次性告知), as asked
 * for at at. */
struct pdoc	*cases_paper_missing(const struct app_detail *, time_t at);
/* The refusal notice (不予受理通知书) with its reason. */
struct pdoc	*cases_paper_refusal(const struct app_detail *);
/* The withdrawal note (撤回通知书) with the applicant's reason. */
struct pdoc	*cases_paper_withdrawal(const struct app_detail *);
/* The hand-off list (交接清单). */
struct pdoc	*cases_paper_handoff(const struct handoff *);
/* The A4 certificate; reprint_no > 0 marks the nth reprint (补打). */
struct pdoc	*cases_paper_certificate(const struct certificate *,
		    int reprint_no);
/* The note for a type no longer issued, for the resident (may be NULL
 * values) who asked. */
struct pdoc	*cases_paper_cert_refusal(const char *type_code,
		    const char *type_name, const char *basis,
		    const char *alternative, const char *resident,
		    const char *id_masked, const char *community);
/* "2026-11-29T08:30:00Z" as a time_t; now when malformed. */
time_t		 cases_instant(const char *);
/* The same instant as local "2026-11-29 16:30" into out[20]. */
void		 cases_local_time(const char *, char *out);

#endif
