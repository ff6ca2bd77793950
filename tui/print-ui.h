/* Printing from the client: the printers chosen, the jobs followed by
 * the event loop, and the counter's documents built from server data. */
#ifndef TUI_PRINT_UI_H
#define TUI_PRINT_UI_H

#include <curl/curl.h>

#include <cjson/cJSON.h>

struct pdoc;

/* Where documents go: "file" (the prints folder), "cups:QUEUE",
 * "tcp:HOST[:PORT]" or "device:PATH"; profile names the receipt
 * printer's ESC/POS profile (NULL: the default). */
struct print_setup {
	const char	*receipt;
	const char	*a4;
	const char	*profile;
};

/* Opens the prints folder and settles what a crash left. NULL or a
 * sentence for the message line. */
const char	*print_ui_init(const struct print_setup *);
void		 print_ui_free(void);
/* Prints to other printers from now on (the settings screen); the
 * strings must live until the next call. -1 when one is malformed. */
int		 print_ui_retarget(const struct print_setup *);
/* Prints d (kept by the caller). A document that may already be on paper
 * is only printed again when reprint is set; 1 when it asks for that. */
int		 print_ui_document(struct pdoc *, int reprint);
/* Prints d (taken). A document printed before is printed again only
 * when the clerk says yes (question, or the usual one when NULL),
 * marked as a reprint. */
void		 print_ui_offer(struct pdoc *, const char *question);
/* The acceptance receipt for an application (the server's JSON), or a
 * provisional one for a submission still in the outbox (local_ref > 0,
 * marked 待同步); replaces > 0 marks the real one as replacing that
 * provisional slip. kind: "receipt", "materials" or "deferral" (the
 * 容缺受理通知书, two copies). */
struct pdoc	*print_ui_application(const cJSON *application,
		    long long local_ref, const char *kind,
		    long long replaces);
/* Whether the printer for this paper (1: A4) may be promised: NULL
 * when ready (printing to files always is), else the printing layer's
 * last word on it (a stopped printer, paper out), translated. */
const char	*print_ui_problem(int a4_paper);
/* In a public place (the kiosk): a print to a file says only that it
 * printed, never the folder it went to. */
void		 print_ui_public(int);
/* 1 while a job is being followed. */
int		 print_ui_busy(void);
/* 1 if the document was printed (or may have been). */
int		 print_ui_printed(const char *id);

#endif
