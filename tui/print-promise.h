/* The 告知承诺书 (printing/paper-promise.h) from what the server said of
 * an application or a certificate taken on a promise (print-promise.c). */
#ifndef TUI_PRINT_PROMISE_H
#define TUI_PRINT_PROMISE_H

#include <cjson/cJSON.h>

struct certificate;
struct pdoc;

/* For the proofs an application (the server's JSON, or what a form
 * knows of it before the answer) replaced by a promise; NULL when it has
 * none. */
struct pdoc	*print_promise_application(const cJSON *application);
/* For a certificate issued on a promise; NULL when it was not. */
struct pdoc	*print_promise_certificate(const struct certificate *);

#endif
