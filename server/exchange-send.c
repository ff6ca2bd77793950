/* The exchange's sender thread: the oldest due message of each stream,
 * signed and POSTed, delivered only on a 2xx answer. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "db.h"
#include "db-open.h"
#include "exchange-send.h"
#include "exchange-sign.h"
#include "options.h"
#include "secrets.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

static struct {
	pthread_t	 thread;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	int		 running, stop;
	char		*url, *key_id, *ca_file;
	unsigned char	 key[EXCHANGE_KEY_LEN];
	long		 retry_min, retry_max, timeout;
} snd = { .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };

/* One message taken from the outbox. */
struct msg {
	long long	 row;
	long long	 attempts;
	char		 id[65];
	char		*body;
};

int
exchange_url_check(const char *url, int allow_http, char **cause)
{
	static const char *const loopback[] = { "127.", "localhost:",
	    "localhost/", "[::1]" };
	size_t	 i;

	if (strncmp(url, "https://", 8) == 0 && url[8] != '\0')
		return (0);
	if (strncmp(url, "http://", 7) == 0 && allow_http) {
		for (i = 0; i < sizeof loopback / sizeof loopback[0]; i++) {
			if (strncmp(url + 7, loopback[i],
			    strlen(loopback[i])) == 0)
				return (0);
		}
	}
	*cause = xasprintf("exchange-url %s: want https://, or http:// to a "
	    "loopback host with exchange-allow-http = yes", url);
	return (-1);
}

/* The wall clock plus ms, as 2026-11-29T08:30:00.123Z into out[64]. */
static void
stamp_ms(long ms, char *out)
{
	struct timespec	ts;
	struct tm	tm;
	long long	total;
	time_t		t;

	clock_gettime(CLOCK_REALTIME, &ts);
	total = (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 + ms;
	t = (time_t)(total / 1000);
	gmtime_r(&t, &tm);
	snprintf(out, 64, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, (int)(total % 1000));
}

/* The oldest undelivered message of a stream whose time has come,
 * oldest stream first: 1 taken, 0 none, -1 error. */
static int
next_due(struct db *db, struct msg *m)
{
	struct db_stmt	*st;
	char		 now[64];
	int		 rc;

	stamp_ms(0, now);
	rc = db_query(db, &st, "SELECT o.id, o.message_id, o.body, "
	    "o.attempts FROM exchange_outbox o WHERE o.delivered_at IS NULL "
	    "AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?) AND "
	    "NOT EXISTS (SELECT 1 FROM exchange_outbox p WHERE p.stream = "
	    "o.stream AND p.delivered_at IS NULL AND p.sequence < o.sequence) "
	    "ORDER BY o.id LIMIT 1", "t", now);
	if (rc == 1) {
		m->row = db_int(st, 0);
		snprintf(m->id, sizeof m->id, "%s", db_text(st, 1));
		m->body = xstrdup(db_text(st, 2));
		m->attempts = db_int(st, 3);
	}
	db_reset(st);
	return (rc);
}

/* Abandons a transfer once the thread is told to stop. */
static int
on_progress(void *arg, curl_off_t dt, curl_off_t dn, curl_off_t ut,
    curl_off_t un)
{
	(void)arg; (void)dt; (void)dn; (void)ut; (void)un;
	return (__atomic_load_n(&snd.stop, __ATOMIC_SEQ_CST) ? 1 : 0);
}

/* The answer's body is not read. */
static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	(void)p; (void)arg;
	return (size * n);
}

/* The sender's handle, set up once: it keeps the connection to the
 * endpoint open between messages. NULL on failure. */
static CURL *
handle(void)
{
	CURL	*e;

	if ((e = curl_easy_init()) == NULL)
		return (NULL);
	curl_easy_setopt(e, CURLOPT_URL, snd.url);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, snd.timeout);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	if (snd.ca_file != NULL)
		curl_easy_setopt(e, CURLOPT_CAINFO, snd.ca_file);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(e, CURLOPT_USERAGENT, "bianmind");
	return (e);
}

/* POSTs the message, signed, on e: 1 delivered, 0 failed (error in
 * err), -1 abandoned because the thread stops. */
static int
post(CURL *e, const struct msg *m, char *err, size_t errlen)
{
	struct curl_slist	*h = NULL;
	char			 line[160], ts[24], sig[EXCHANGE_SIG_LEN + 1];
	char			 cerr[CURL_ERROR_SIZE] = "";
	long			 code = 0;
	size_t			 len = strlen(m->body);
	CURLcode		 rc;

	snprintf(ts, sizeof ts, "%lld", (long long)time(NULL));
	if (exchange_sign(snd.key, ts, m->id, m->body, len, sig) != 0) {
		snprintf(err, errlen, "cannot sign the request");
		return (0);
	}
	h = curl_slist_append(h, "Content-Type: application/json");
	snprintf(line, sizeof line, "X-Bianmin-Key-Id: %s", snd.key_id);
	h = curl_slist_append(h, line);
	snprintf(line, sizeof line, "X-Bianmin-Timestamp: %s", ts);
	h = curl_slist_append(h, line);
	snprintf(line, sizeof line, "X-Bianmin-Message-Id: %s", m->id);
	h = curl_slist_append(h, line);
	snprintf(line, sizeof line, "X-Bianmin-Signature: %s", sig);
	h = curl_slist_append(h, line);
	h = curl_slist_append(h, "Expect:");
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(e, CURLOPT_POSTFIELDS, m->body);
	curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, (long)len);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, cerr);
	rc = curl_easy_perform(e);
	if (rc == CURLE_OK)
		curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, NULL);
	curl_slist_free_all(h);
	if (rc == CURLE_ABORTED_BY_CALLBACK)
		return (-1);
	if (rc != CURLE_OK) {
		snprintf(err, errlen, "%s", *cerr != '\0' ? cerr :
		    curl_easy_strerror(rc));
		return (0);
	}
	if (code >= 200 && code < 300)
		return (1);
	snprintf(err, errlen, "HTTP %ld", code);
	return (0);
}

/* Records the attempt: the delivery, or the error and the next try
 * after the back-off (retry-min doubled per failed attempt, capped). */
static void
record(struct db *db, const struct msg *m, int delivered, const char *err)
{
	char		now[64], next[64];
	long		wait = snd.retry_min;
	long long	i;

	stamp_ms(0, now);
	if (delivered) {
		db_exec(db, "UPDATE exchange_outbox SET attempts = attempts + "
		    "1, last_attempt_at = ?, delivered_at = ?, endpoint = ?, "
		    "next_attempt_at = NULL WHERE id = ?", "tttl", now, now,
		    snd.url, m->row);
		return;
	}
	for (i = 0; i < m->attempts && wait < snd.retry_max; i++)
		wait *= 2;
	if (wait > snd.retry_max)
		wait = snd.retry_max;
	stamp_ms(wait, next);
	log_info("exchange: message %s not delivered (attempt %lld): %s; "
	    "again in %ld ms", m->id, m->attempts + 1, err, wait);
	db_exec(db, "UPDATE exchange_outbox SET attempts = attempts + 1, "
	    "last_attempt_at = ?, last_error = ?, next_attempt_at = ? WHERE "
	    "id = ?", "tttl", now, err, next, m->row);
}

/* Waits ms, or less when told to stop; 1 when the thread stops. */
static int
pause_ms(long ms)
{
	struct timespec	until;
	int		stop;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (ms % 1000) * 1000000;
	if (until.tv_nsec >= 1000000000) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&snd.mu);
	while (!snd.stop && pthread_cond_timedwait(&snd.cv, &snd.mu,
	    &until) == 0)
		;
	stop = snd.stop;
	pthread_mutex_unlock(&snd.mu);
	return (stop);
}

/* The thread: one process of those sharing a database sends (the one
 * holding the sender's lock); it looks for due messages as often as
 * the shortest back-off, at most every half second. */
static void *
run(void *arg)
{
	struct db	*db;
	struct msg	 m;
	CURL		*e = NULL;
	char		 err[CURL_ERROR_SIZE + 32];
	long		 idle = snd.retry_min < 500 ? snd.retry_min : 500;
	int		 locked = 0, rc;

	(void)arg;
	log_info("exchange: sending to %s", snd.url);
	for (;;) {
		if ((db = db_thread()) == NULL) {
			locked = 0;
			if (pause_ms(1000))
				break;
			continue;
		}
		if (!locked && (locked = db_try_lock(db,
		    "exchange-sender") == 1) == 0) {
			if (pause_ms(1000))
				break;
			continue;
		}
		memset(&m, 0, sizeof m);
		if ((rc = next_due(db, &m)) != 1) {
			if (pause_ms(rc == 0 ? idle : 1000))
				break;
			continue;
		}
		*err = '\0';
		if (e == NULL && (e = handle()) == NULL) {
			snprintf(err, sizeof err, "cannot set up the request");
			rc = 0;
		} else
			rc = post(e, &m, err, sizeof err);
		if (rc >= 0)
			record(db, &m, rc, err);
		free(m.body);
		if (rc < 0 || __atomic_load_n(&snd.stop, __ATOMIC_SEQ_CST))
			break;
	}
	if (e != NULL)
		curl_easy_cleanup(e);
	if (locked && (db = db_thread()) != NULL)
		db_unlock(db, "exchange-sender");
	log_info("exchange: sender stopped");
	return (NULL);
}

/* The site's key from its file; 0 or -1 with *cause. */
static int
read_key(const char *path, char **cause)
{
	char	*hex;
	int	 rc;

	if ((hex = secret_read(path, cause)) == NULL)
		return (-1);
	rc = exchange_key_parse(hex, snd.key);
	explicit_bzero(hex, strlen(hex));
	free(hex);
	if (rc != 0)
		*cause = xasprintf("%s: want 64 hex characters", path);
	return (rc);
}

int
exchange_sender_start(const struct options *o, char **cause)
{
	if (o->exchange_url == NULL) {
		log_info("exchange: no exchange-url; messages are kept, not "
		    "sent");
		return (0);
	}
	if (exchange_url_check(o->exchange_url, o->exchange_allow_http,
	    cause) != 0)
		return (-1);
	if (o->exchange_key_file == NULL || o->exchange_key_id == NULL ||
	    !exchange_name_valid(o->exchange_key_id)) {
		*cause = xstrdup("exchange-url wants exchange-key-file and "
		    "exchange-key-id (1-64 of A-Z a-z 0-9 _ . -)");
		return (-1);
	}
	if (read_key(o->exchange_key_file, cause) != 0)
		return (-1);
	snd.url = xstrdup(o->exchange_url);
	snd.key_id = xstrdup(o->exchange_key_id);
	snd.ca_file = o->exchange_ca_file != NULL ?
	    xstrdup(o->exchange_ca_file) : NULL;
	snd.retry_min = o->exchange_retry_min;
	snd.retry_max = o->exchange_retry_max > o->exchange_retry_min ?
	    o->exchange_retry_max : o->exchange_retry_min;
	snd.timeout = o->exchange_timeout;
	snd.stop = 0;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
	    pthread_create(&snd.thread, NULL, run, NULL) != 0) {
		*cause = xstrdup("cannot start the exchange's sender");
		return (-1);
	}
	snd.running = 1;
	return (0);
}

void
exchange_sender_stop(void)
{
	if (!snd.running)
		return;
	pthread_mutex_lock(&snd.mu);
	__atomic_store_n(&snd.stop, 1, __ATOMIC_SEQ_CST);
	pthread_cond_broadcast(&snd.cv);
	pthread_mutex_unlock(&snd.mu);
	pthread_join(snd.thread, NULL);
	snd.running = 0;
	curl_global_cleanup();
	explicit_bzero(snd.key, sizeof snd.key);
	free(snd.url);
	free(snd.key_id);
	free(snd.ca_file);
	snd.url = snd.key_id = snd.ca_file = NULL;
}
