/*
 * libcurl, loaded on the first request rather than at exec. Debian's
 * brings some thirty objects with it (OpenSSL, GnuTLS, Kerberos, LDAP,
 * SSH, RTMP …), all built with BIND_NOW, and curl_global_init() starts
 * OpenSSL: relocating and starting them cost more than everything else
 * before the login screen, which needs none of it. The calls are typed
 * from <curl/curl.h> itself; http.c is their only user.
 */
#ifndef API_CURL_LOAD_H
#define API_CURL_LOAD_H

#include <curl/curl.h>

/* CURLOPT_PROTOCOLS_STR, the oldest libcurl that has every call below */
#define CURL_LOAD_OLDEST	0x075500	/* 7.85.0 */

#define CURL_CALLS(X)							\
	X(global_init) X(global_cleanup) X(version_info)		\
	X(url) X(url_set) X(url_get) X(url_cleanup) X(free)		\
	X(multi_init) X(multi_setopt) X(multi_cleanup)			\
	X(multi_add_handle) X(multi_remove_handle) X(multi_perform)	\
	X(multi_info_read) X(multi_poll)				\
	X(easy_init) X(easy_cleanup) X(easy_setopt) X(easy_getinfo)	\
	X(easy_strerror) X(slist_append) X(slist_free_all)

/* curl_easy_setopt is also a type-checking macro in <curl/curl.h>: the
 * members drop the curl_ prefix so that a call through the table is
 * not taken for it. */
struct curl_calls {
#define CURL_CALL_MEMBER(f)	__typeof__(curl_##f) *f;
	CURL_CALLS(CURL_CALL_MEMBER)
#undef CURL_CALL_MEMBER
};

/* The calls, loading libcurl and running curl_global_init() the first
 * time; NULL with *cause (plain English, static: for the log and the
 * failed request) when the library is missing, too old or cannot start.
 * A failure is remembered: later calls answer the same at once. */
const struct curl_calls	*curl_calls(const char **cause);
/* 1 once curl_calls() has succeeded. */
int			 curl_calls_loaded(void);
/* curl_global_cleanup(), if the library was loaded. */
void			 curl_calls_end(void);

#endif
