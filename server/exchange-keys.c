/* The departments' inbound keys, from their file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "exchange-keys.h"
#include "../util/xmalloc.h"

#define KEYS_MAX	64

static struct exchange_key	 keys[KEYS_MAX];
static int			 nkeys;
static long			 window = 300;

/* One line "KEY_ID HEX_KEY DEPARTMENT" into k; 0 or -1. */
static int
parse_line(char *line, struct exchange_key *k)
{
	char	*id, *hex, *dept, *end;
	int	 rc;

	id = strtok(line, " \t");
	hex = strtok(NULL, " \t");
	dept = strtok(NULL, "");
	if (id == NULL || hex == NULL || dept == NULL ||
	    !exchange_name_valid(id))
		return (-1);
	dept += strspn(dept, " \t");
	end = dept + strlen(dept);
	while (end > dept && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	if (*dept == '\0' || strlen(dept) >= sizeof k->department)
		return (-1);
	rc = exchange_key_parse(hex, k->key);
	explicit_bzero(hex, strlen(hex));
	if (rc != 0)
		return (-1);
	snprintf(k->id, sizeof k->id, "%s", id);
	snprintf(k->department, sizeof k->department, "%s", dept);
	return (0);
}

/* The lines of an open file; 0 or -1 with *cause. */
static int
read_lines(FILE *f, const char *path, char **cause)
{
	char	 line[512];
	int	 n = 0;

	while (fgets(line, sizeof line, f) != NULL) {
		n++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[strspn(line, " \t")] == '\0' || line[0] == '#')
			continue;
		if (nkeys == KEYS_MAX || parse_line(line, &keys[nkeys]) != 0 ||
		    exchange_keys_find(keys[nkeys].id) != NULL) {
			explicit_bzero(line, sizeof line);
			*cause = xasprintf("%s:%d: want KEY_ID HEX_KEY "
			    "DEPARTMENT (a new key id, 64 hex characters; at "
			    "most %d keys)", path, n, KEYS_MAX);
			return (-1);
		}
		nkeys++;
		explicit_bzero(line, sizeof line);
	}
	return (0);
}

int
exchange_keys_load(const char *path, long secs, char **cause)
{
	struct stat	 sb;
	FILE		*f;
	int		 rc;

	exchange_keys_clear();
	window = secs;
	if (path == NULL)
		return (0);
	if ((f = fopen(path, "r")) == NULL) {
		*cause = xasprintf("cannot read %s: %s", path,
		    strerror(errno));
		return (-1);
	}
	if (fstat(fileno(f), &sb) != 0 || (sb.st_mode & 077) != 0) {
		fclose(f);
		*cause = xasprintf("%s holds keys and others may read it "
		    "(mode %03o): chmod 600 it", path,
		    (unsigned)(sb.st_mode & 0777));
		return (-1);
	}
	rc = read_lines(f, path, cause);
	fclose(f);
	if (rc == 0 && nkeys == 0) {
		*cause = xasprintf("%s holds no key", path);
		rc = -1;
	}
	if (rc != 0)
		exchange_keys_clear();
	return (rc);
}

const struct exchange_key *
exchange_keys_find(const char *id)
{
	int	i;

	for (i = 0; i < nkeys; i++) {
		if (strcmp(keys[i].id, id) == 0)
			return (&keys[i]);
	}
	return (NULL);
}

int
exchange_keys_count(void)
{
	return (nkeys);
}

long
exchange_keys_window(void)
{
	return (window);
}

void
exchange_keys_clear(void)
{
	explicit_bzero(keys, sizeof keys);
	nkeys = 0;
}
