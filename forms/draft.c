/* Saving and restoring form drafts. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "draft.h"
#include "../util/paths.h"
#include "../util/xmalloc.h"

#define DRAFT_MAX_BYTES	(1024 * 1024)

static const char *const origin_names[] = {
	"none", "default", "record", "derived", "typed"
};

cJSON *
draft_values(const struct form *fm)
{
	cJSON	*o = cJSON_CreateObject(), *vals, *orig, *mats, *over;
	char	*t;
	size_t	 i;

	vals = cJSON_AddObjectToObject(o, "values");
	orig = cJSON_AddObjectToObject(o, "origins");
	over = cJSON_AddObjectToObject(o, "overrides");
	for (i = 0; i < fm->nfields; i++) {
		const struct form_field	*f = &fm->fields[i];

		if (f->type == FT_MATERIALS)
			continue;
		t = form_value_text(f);
		cJSON_AddStringToObject(vals, f->name, t);
		free(t);
		cJSON_AddStringToObject(orig, f->name,
		    origin_names[f->origin]);
		if (f->override)
			cJSON_AddStringToObject(over, f->name,
			    f->override_reason != NULL ? f->override_reason :
			    "");
	}
	mats = cJSON_AddArrayToObject(o, "materials");
	for (i = 0; i < fm->nmaterials; i++)
		cJSON_AddItemToArray(mats, fm->materials[i].deferred ?
		    cJSON_CreateString("deferred") : fm->materials[i].promised ?
		    cJSON_CreateString("promised") :
		    cJSON_CreateBool(fm->materials[i].received));
	return (o);
}

static enum field_origin
origin_of(const char *s)
{
	size_t	i;

	for (i = 0; s != NULL && i < sizeof origin_names /
	    sizeof *origin_names; i++) {
		if (strcmp(origin_names[i], s) == 0)
			return ((enum field_origin)i);
	}
	return (ORIGIN_TYPED);
}

int
draft_restore(struct form *fm, const cJSON *d)
{
	const cJSON	*vals = cJSON_GetObjectItemCaseSensitive(d, "values");
	const cJSON	*orig = cJSON_GetObjectItemCaseSensitive(d, "origins");
	const cJSON	*over = cJSON_GetObjectItemCaseSensitive(d, "overrides");
	const cJSON	*mats = cJSON_GetObjectItemCaseSensitive(d, "materials");
	const cJSON	*v, *r;
	size_t		 i;
	int		 n = 0;

	for (i = 0; i < fm->nfields; i++) {
		struct form_field	*f = &fm->fields[i];

		v = cJSON_GetObjectItemCaseSensitive(vals, f->name);
		if (!cJSON_IsString(v) || form_set_text(f, v->valuestring,
		    origin_of(cJSON_GetStringValue(
		    cJSON_GetObjectItemCaseSensitive(orig, f->name)))) != 0)
			continue;
		r = cJSON_GetObjectItemCaseSensitive(over, f->name);
		if (cJSON_IsString(r)) {
			f->override = 1;
			free(f->override_reason);
			f->override_reason = xstrdup(r->valuestring);
		}
		n++;
	}
	for (i = 0; i < fm->nmaterials && cJSON_IsArray(mats); i++) {
		v = cJSON_GetArrayItem(mats, (int)i);
		fm->materials[i].received = cJSON_IsTrue(v);
		fm->materials[i].deferred = fm->materials[i].defer_days > 0 &&
		    cJSON_IsString(v) && strcmp(v->valuestring, "promised") !=
		    0;
		fm->materials[i].promised = fm->materials[i].promisable &&
		    cJSON_IsString(v) && strcmp(v->valuestring, "promised") ==
		    0;
	}
	return (n);
}

/* Keys become file names: only these characters. */
static int
key_ok(const char *key)
{
	size_t	i, n = strlen(key);

	for (i = 0; i < n; i++) {
		if (!((key[i] >= '0' && key[i] <= '9') ||
		    (key[i] >= 'a' && key[i] <= 'z') || key[i] == '-'))
			return (0);
	}
	return (n > 0 && n < 64);
}

int
draft_write(const char *dir, const char *key, const cJSON *doc)
{
	char	*path, *text;
	int	 rc;

	if (!key_ok(key)) {
		errno = EINVAL;
		return (-1);
	}
	if ((text = cJSON_PrintUnformatted(doc)) == NULL)
		fatal("out of memory printing a draft");
	path = xasprintf("%s/%s.json", dir, key);
	rc = paths_write_file(path, text, strlen(text));
	free(path);
	free(text);
	return (rc);
}

cJSON *
draft_read(const char *path, char **cause)
{
	FILE	*f;
	char	*buf;
	size_t	 n;
	cJSON	*doc;

	if ((f = fopen(path, "r")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return (NULL);
	}
	buf = xmalloc(DRAFT_MAX_BYTES + 1);
	n = fread(buf, 1, DRAFT_MAX_BYTES + 1, f);
	fclose(f);
	doc = n <= DRAFT_MAX_BYTES ? cJSON_ParseWithLength(buf, n) : NULL;
	free(buf);
	if (doc == NULL || !cJSON_IsObject(doc)) {
		cJSON_Delete(doc);
		*cause = xasprintf("%s: not a draft", path);
		return (NULL);
	}
	return (doc);
}

struct dated {
	char	*path;
	time_t	 mtime;
};

static int
by_time(const void *a, const void *b)
{
	const struct dated	*x = a, *y = b;

	if (x->mtime != y->mtime)
		return (x->mtime < y->mtime ? -1 : 1);
	return (strcmp(x->path, y->path));
}

char **
draft_list(const char *dir, size_t *n)
{
	DIR		*d;
	struct dirent	*e;
	struct dated	*v = NULL;
	struct stat	 sb;
	char		**out, *p;
	size_t		 i, len;

	*n = 0;
	if ((d = opendir(dir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			len = strlen(e->d_name);
			if (len < 6 || strcmp(e->d_name + len - 5, ".json"))
				continue;
			p = xasprintf("%s/%s", dir, e->d_name);
			if (stat(p, &sb) != 0) {
				free(p);
				continue;
			}
			v = xreallocarray(v, *n + 1, sizeof *v);
			v[*n].path = p;
			v[(*n)++].mtime = sb.st_mtime;
		}
		closedir(d);
	}
	if (*n > 0)
		qsort(v, *n, sizeof *v, by_time);
	out = xcalloc(*n + 1, sizeof *out);
	for (i = 0; i < *n; i++)
		out[i] = v[i].path;
	free(v);
	return (out);
}

int
draft_remove(const char *dir, const char *key)
{
	char	*path;
	int	 rc;

	if (!key_ok(key))
		return (-1);
	path = xasprintf("%s/%s.json", dir, key);
	rc = unlink(path);
	free(path);
	return (rc == 0 || errno == ENOENT ? 0 : -1);
}
