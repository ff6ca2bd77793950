/* Receipt printer profiles: a built-in table and INI files (libinih). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ini.h>

#include "profile.h"
#include "../util/xmalloc.h"

#define PROFILE_MAX	32

static struct pprofile profiles[PROFILE_MAX] = {
	{ "generic-80", 80, 48, "GB18030", 1, 1, 6, PCUT_PARTIAL, 4 },
	{ "generic-80-42", 80, 42, "GB18030", 1, 1, 6, PCUT_PARTIAL, 4 },
	{ "generic-58", 58, 32, "GB18030", 1, 1, 4, PCUT_PARTIAL, 4 },
	{ "gbk-58-raster", 58, 32, "GBK", 1, 0, 4, PCUT_NONE, 4 },
	{ "gb2312-80", 80, 48, "GB2312", 0, 1, 6, PCUT_FULL, 3 },
};
static int nprofiles = 5;

/* A profile by the name the settings use. */
const struct pprofile *
profile_find(const char *name)
{
	int	i;

	if (name == NULL)
		return (NULL);
	for (i = 0; i < nprofiles; i++)
		if (strcmp(profiles[i].name, name) == 0)
			return (&profiles[i]);
	return (NULL);
}

/* The profile used when none is chosen. */
const struct pprofile *
profile_default(void)
{
	return (&profiles[0]);
}

/* Walks the profiles, for the settings screen. */
const struct pprofile *
profile_at(int i)
{
	return (i >= 0 && i < nprofiles ? &profiles[i] : NULL);
}

/* The slot for a section: the existing one, or a new copy of the
 * default, so that a file need only say what differs. */
static struct pprofile *
slot(const char *name)
{
	struct pprofile	*p = (struct pprofile *)profile_find(name);

	if (p != NULL)
		return (p);
	if (nprofiles == PROFILE_MAX || strlen(name) >= sizeof p->name)
		return (NULL);
	p = &profiles[nprofiles++];
	*p = profiles[0];
	snprintf(p->name, sizeof p->name, "%s", name);
	return (p);
}

/* A setting that must be a number within bounds. */
static int
number(const char *v, int lo, int hi, int *out)
{
	char	*end;
	long	 n = strtol(v, &end, 10);

	if (*v == '\0' || *end != '\0' || n < lo || n > hi)
		return (0);
	*out = (int)n;
	return (1);
}

/* Only the GB encodings Chinese printers speak. */
static int
set_encoding(struct pprofile *p, const char *v)
{
	if (strcasecmp(v, "GB18030") != 0 && strcasecmp(v, "GBK") != 0 &&
	    strcasecmp(v, "GB2312") != 0)
		return (0);
	snprintf(p->encoding, sizeof p->encoding, "%s", v);
	return (1);
}

/* How the printer cuts, if it can. */
static int
set_cut(struct pprofile *p, const char *v)
{
	if (strcmp(v, "partial") == 0)
		p->cut = PCUT_PARTIAL;
	else if (strcmp(v, "full") == 0)
		p->cut = PCUT_FULL;
	else if (strcmp(v, "none") == 0)
		p->cut = PCUT_NONE;
	else
		return (0);
	return (1);
}

/* libinih's callback: one key; 0 stops the parse at this line. */
static int
on_key(void *arg, const char *section, const char *key, const char *v)
{
	struct pprofile	*p = slot(section);
	int		 ok;

	(void)arg;
	if (p == NULL)
		return (0);
	if (strcmp(key, "paper") == 0)
		ok = number(v, 40, 120, &p->paper_mm);
	else if (strcmp(key, "columns") == 0)
		ok = number(v, 16, 80, &p->columns);
	else if (strcmp(key, "encoding") == 0)
		ok = set_encoding(p, v);
	else if (strcmp(key, "chinese") == 0) {
		ok = strcmp(v, "fs-and") == 0 || strcmp(v, "none") == 0;
		p->chinese_fs = strcmp(v, "fs-and") == 0;
	} else if (strcmp(key, "qr") == 0) {
		ok = strcmp(v, "native") == 0 || strcmp(v, "raster") == 0;
		p->qr_native = strcmp(v, "native") == 0;
	} else if (strcmp(key, "qr_size") == 0)
		ok = number(v, 1, 16, &p->qr_size);
	else if (strcmp(key, "cut") == 0)
		ok = set_cut(p, v);
	else if (strcmp(key, "feed") == 0)
		ok = number(v, 0, 10, &p->feed);
	else
		ok = 0;
	return (ok);
}

/* Adds a site's profiles, naming the line of any mistake. */
int
profile_load(const char *path, char **cause)
{
	int	line;

	line = ini_parse(path, on_key, NULL);
	if (line == -1) {
		*cause = xasprintf("%s: cannot open", path);
		return (-1);
	}
	if (line != 0) {
		*cause = xasprintf("%s:%d: bad profile setting", path, line);
		return (-1);
	}
	return (0);
}
