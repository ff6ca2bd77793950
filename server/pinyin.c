/* Pinyin initials through ICU's Han-Latin transliterator: every CJK
 * character ICU knows (the extensions' rare name characters too), not
 * only GB 2312's. */
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utrans.h>

#include "db.h"
#include "pinyin.h"
#include "../locale/text.h"
#include "../util/log.h"
#include "../util/xmalloc.h"

#define CACHED	0x30000		/* the BMP and planes 1-2 (CJK Ext. B-F) */
#define NONE	'-'		/* no Latin initial */

/* Characters read otherwise in the names and words this server deals
 * in than ICU's first reading. */
static const struct {
	const char	*ch;
	char		 initial;
} overrides[] = {
	{ "行", 'h' },		/* 银行 */
	{ "单", 's' },		/* the surname */
	{ "曾", 'z' },
	{ "解", 'x' },
	{ "仇", 'q' },
	{ "朴", 'p' },
	{ "查", 'z' },
	{ "区", 'q' },
	{ "藏", 'z' },		/* 藏族 */
};

/* The transliterator is not safe to share between threads: one at a
 * time, and each character's answer kept. */
static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;
static UTransliterator	*trans;
static char		*cache;

static void
open_trans(void)
{
	static const char	 id[] = "Han-Latin; Latin-ASCII";
	UChar			 uid[sizeof id];
	UErrorCode		 err = U_ZERO_ERROR;
	size_t			 i, n;
	uint32_t		 cp;

	cache = xcalloc(CACHED, 1);
	for (i = 0; i < sizeof overrides / sizeof *overrides; i++) {
		n = utf8_decode(overrides[i].ch, strlen(overrides[i].ch), &cp);
		if (n > 0 && cp < CACHED)
			cache[cp] = overrides[i].initial;
	}
	for (i = 0; i < sizeof id; i++)
		uid[i] = (UChar)id[i];
	trans = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &err);
	if (U_FAILURE(err)) {
		log_info("pinyin: ICU's %s: %s", id, u_errorName(err));
		trans = NULL;
	}
}

/* The Latin initial ICU gives cp, or NONE. */
static char
transliterate(uint32_t cp)
{
	UChar		buf[32];
	UErrorCode	err = U_ZERO_ERROR;
	int32_t		len, limit;

	if (trans == NULL)
		return (NONE);
	if (cp > 0xFFFF) {
		buf[0] = (UChar)(0xD800 + ((cp - 0x10000) >> 10));
		buf[1] = (UChar)(0xDC00 + ((cp - 0x10000) & 0x3FF));
		len = 2;
	} else {
		buf[0] = (UChar)cp;
		len = 1;
	}
	limit = len;
	utrans_transUChars(trans, buf, &len, 32, 0, &limit, &err);
	if (U_FAILURE(err) || len < 1 || buf[0] > 0x7f ||
	    !isalpha((int)buf[0]))
		return (NONE);
	return ((char)tolower((int)buf[0]));
}

/* The initial for a CJK code point, or 0. */
static char
lookup(uint32_t cp)
{
	char	c;

	if (cp >= CACHED)
		return (0);
	pthread_mutex_lock(&lock);
	if (cache == NULL)
		open_trans();
	if ((c = cache[cp]) == 0)
		c = cache[cp] = transliterate(cp);
	pthread_mutex_unlock(&lock);
	return (c == NONE ? 0 : c);
}

void
pinyin_initials(const char *s, char *out, size_t len)
{
	size_t		n, o = 0, left = strlen(s);
	uint32_t	cp;
	char		c;

	while (left > 0 && (n = utf8_decode(s, left, &cp)) > 0) {
		s += n;
		left -= n;
		if (cp < 128)
			c = isalnum((int)cp) ? (char)tolower((int)cp) : 0;
		else
			c = lookup(cp);
		if (c != 0 && o + 1 < len)
			out[o++] = c;
	}
	if (len > 0)
		out[o] = '\0';
}

/* Residents stored by an older server, whose table knew GB 2312 level 1
 * only, have initials shorter than their names: made again. */
void
pinyin_backfill(struct db *db)
{
	struct db_stmt	*st;
	long long	*ids = NULL;
	char		**names = NULL, initials[128];
	size_t		 n = 0, i, fixed = 0;

	st = db_stmt(db, "SELECT id, name, initials FROM residents WHERE "
	    "length(initials) < length(name)");
	while (db_step(st) == 1) {
		pinyin_initials(db_text(st, 1), initials, sizeof initials);
		if (strcmp(initials, db_text(st, 2)) == 0)
			continue;
		ids = xreallocarray(ids, n + 1, sizeof *ids);
		names = xreallocarray(names, n + 1, sizeof *names);
		ids[n] = db_int(st, 0);
		names[n++] = xstrdup(initials);
	}
	db_reset(st);
	if (n > 0 && db_begin(db) == 0) {
		for (i = 0; i < n; i++)
			fixed += db_exec(db, "UPDATE residents SET initials = ? "
			    "WHERE id = ?", "tl", names[i], ids[i]) == 0;
		if (db_commit(db) != 0)
			fixed = 0;
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(ids);
	if (fixed > 0)
		log_info("pinyin: initials made again for %zu residents",
		    fixed);
}
