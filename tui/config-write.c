/* Writing settings back into the clerk's config.ini: only the keys that
 * changed, every other line and comment kept, the file replaced at once
 * (a crash leaves the old file or the new one, never half of one). */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config-write.h"
#include "config.h"
#include "../locale/i18n.h"
#include "../util/buf.h"
#include "../util/paths.h"
#include "../util/xmalloc.h"

#define MAX_CONFIG	(256 * 1024)

/* The file's lines (without their ends); a missing file has none. */
static char **
read_lines(const char *path, size_t *n, char **cause)
{
	FILE	*f = fopen(path, "r");
	char	**v = NULL, *line = NULL;
	size_t	 cap = 0, total = 0;
	ssize_t	 len;

	*n = 0;
	if (f == NULL) {
		if (errno == ENOENT)
			return (xcalloc(1, sizeof *v));
		*cause = xasprintf(_("Cannot read %s: %s"), path,
		    strerror(errno));
		return (NULL);
	}
	v = xcalloc(1, sizeof *v);
	while ((len = getline(&line, &cap, f)) != -1 && total < MAX_CONFIG) {
		total += (size_t)len;
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			line[--len] = '\0';
		v = xreallocarray(v, *n + 2, sizeof *v);
		v[(*n)++] = xstrdup(line);
	}
	free(line);
	fclose(f);
	return (v);
}

static const char *
skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return (s);
}

/* The section a "[name]" line opens, into out; 0 if it is not one. */
static int
section_of(const char *line, char *out, size_t len)
{
	const char	*s = skip_blanks(line), *end;

	if (*s != '[' || (end = strchr(s, ']')) == NULL)
		return (0);
	snprintf(out, len, "%.*s", (int)(end - s - 1), s + 1);
	return (1);
}

/* Whether line sets key ("key = ...", "key: ..."). */
static int
sets_key(const char *line, const char *key)
{
	const char	*s = skip_blanks(line);
	size_t		 n = strlen(key);

	if (*s == ';' || *s == '#' || strncmp(s, key, n) != 0)
		return (0);
	s = skip_blanks(s + n);
	return (*s == '=' || *s == ':');
}

/* Puts "key = value" where it belongs: over the key's line, else after
 * the section's last line, else in a new section at the end. */
static void
set_item(char ***v, size_t *n, const struct config_item *it)
{
	char	 sec[128] = "";
	size_t	 i, at = 0;
	int	 found = 0;

	for (i = 0; i < *n; i++) {
		if (section_of((*v)[i], sec, sizeof sec))
			continue;
		if (strcmp(sec, it->section) != 0)
			continue;
		found = 1;
		if (sets_key((*v)[i], it->key)) {
			free((*v)[i]);
			(*v)[i] = xasprintf("%s = %s", it->key, it->value);
			return;
		}
		if (*skip_blanks((*v)[i]) != '\0')
			at = i + 1;
	}
	*v = xreallocarray(*v, *n + 4, sizeof **v);
	if (!found) {
		if (*n > 0 && *(*v)[*n - 1] != '\0')
			(*v)[(*n)++] = xstrdup("");
		(*v)[(*n)++] = xasprintf("[%s]", it->section);
		at = *n;
	} else if (at == 0) {
		/* the section is its header alone: just below it */
		for (i = 0; i < *n; i++) {
			if (section_of((*v)[i], sec, sizeof sec) &&
			    strcmp(sec, it->section) == 0) {
				at = i + 1;
				break;
			}
		}
	}
	memmove(*v + at + 1, *v + at, (*n - at) * sizeof **v);
	(*v)[at] = xasprintf("%s = %s", it->key, it->value);
	(*n)++;
}

static int
write_lines(const char *path, char **v, size_t n, char **cause)
{
	struct buf	 b;
	char		*dir = xstrdup(path);
	size_t		 i;
	int		 rc;

	buf_init(&b);
	buf_add(&b, "", 0);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s\n", v[i]);
	rc = paths_mkdirs(dirname(dir));
	if (rc == 0)
		rc = paths_write_file(path, b.data, b.len);
	if (rc != 0)
		*cause = xasprintf(_("Cannot write %s: %s"), path,
		    strerror(errno));
	free(dir);
	buf_free(&b);
	return (rc);
}

int
config_write(const char *path, const struct config_item *items, size_t n,
    char **cause)
{
	char	**v;
	size_t	  nl, i;
	int	  rc;

	*cause = NULL;
	if ((v = read_lines(path, &nl, cause)) == NULL)
		return (-1);
	for (i = 0; i < n; i++)
		set_item(&v, &nl, &items[i]);
	rc = write_lines(path, v, nl, cause);
	for (i = 0; i < nl; i++)
		free(v[i]);
	free(v);
	return (rc);
}
