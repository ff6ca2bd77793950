/*
 * OpenSSL's error strings, loaded when a failure is to be explained
 * rather than when libcurl starts. curl_global_init() has OpenSSL load
 * every library's strings (some 0.8 MB of a client's resident memory,
 * 0.5 MB of libcrypto's pages and a table on the heap) for messages a
 * counter sees only when TLS fails; the configuration file is still
 * read as before.
 */
#ifndef API_TLS_STRINGS_H
#define API_TLS_STRINGS_H

#include <stddef.h>

/* Starts OpenSSL (from lib, the dlopen() handle of libcurl) with its
 * configuration but without its error strings, before libcurl starts
 * it; nothing when libcurl is not built on OpenSSL. */
void	tls_strings_defer(void *lib);
/* Rewrites OpenSSL's bare codes in msg (size bytes, NUL-terminated),
 * "error:0A000086:lib(20)::reason(134)", into the words OpenSSL would
 * have given ("error:0A000086:SSL routines::certificate verify
 * failed"), loading the strings the first time; msg is left as it is
 * when it holds no such code. */
void	tls_strings_explain(char *msg, size_t size);

#endif
