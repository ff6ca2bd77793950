/* Reading config.ini with libinih. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "config.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

/* Notes the first problem only: the clerk sees one line. It is put
 * into words later, once the language is known. */
static void
problem(struct config *c, const char *path, const char *what,
    const char *word)
{
	if (c->problem_at != NULL)
		return;
	c->problem_at = xstrdup(path);
	c->problem_what = what;
	c->problem_word = xstrdup(word);
}

/* Worded only now, in the language the config itself may have chosen. */
char *
config_problem(const struct config *c)
{
	if (c->problem_at == NULL)
		return (NULL);
	/* TRANSLATORS: the file, what is wrong, then the word at fault */
	return (xasprintf(_("%s: %s: %s"), c->problem_at, _(c->problem_what),
	    c->problem_word));
}

/* An empty value unsets the key, as if it were not there. */
static void
set(char **field, const char *value)
{
	free(*field);
	*field = *value != '\0' ? xstrdup(value) : NULL;
}

struct ctx {
	struct config	*c;
	const char	*path;
};

/* One key, as inih hands it over; unknown keys and bad values are
 * noted, never fatal. */
static int
on_key(void *arg, const char *section, const char *name, const char *value)
{
	struct ctx	*x = arg;
	struct config	*c = x->c;

	if (strcmp(section, "general") == 0 && strcmp(name, "language") == 0)
		set(&c->language, value);
	else if (strcmp(section, "general") == 0 && strcmp(name, "api") == 0)
		set(&c->api, value);
	else if (strcmp(section, "general") == 0 &&
	    strcmp(name, "counter") == 0)
		set(&c->counter, value);
	else if (strcmp(section, "display") == 0 &&
	    strcmp(name, "ambiguous_width") == 0) {
		if (text_parse_ambiguous(value, &c->ambiguous) == 0)
			c->ambiguous_set = 1;
		else
			problem(c, x->path, N_("ambiguous_width "
			    "must be auto, 1 or 2"), value);
	} else
		problem(c, x->path, N_("unknown key"), name);
	return (1);
}

/* A missing file is normal: most counters have only one of the two. */
int
config_read(struct config *c, const char *path)
{
	struct ctx	x = { c, path };
	char		line[16];
	int		rc;

	rc = ini_parse(path, on_key, &x);
	if (rc == -1)
		return (-1);
	if (rc > 0) {
		snprintf(line, sizeof line, "%d", rc);
		problem(c, path, N_("cannot read line"), line);
	}
	return (0);
}

/* The site's file first, then the clerk's own, key by key. */
void
config_load(struct config *c)
{
	const char	*xdg = getenv("XDG_CONFIG_HOME");
	const char	*home = getenv("HOME");
	char		*user;

	memset(c, 0, sizeof *c);
	config_read(c, "/etc/bianmin/config.ini");
	if (xdg != NULL && *xdg == '/')
		user = xasprintf("%s/bianmin/config.ini", xdg);
	else
		user = xasprintf("%s/.config/bianmin/config.ini",
		    home != NULL ? home : ".");
	config_read(c, user);
	free(user);
}

/* Leaves the struct zeroed, ready for another config_load(). */
void
config_free(struct config *c)
{
	free(c->language);
	free(c->api);
	free(c->counter);
	free(c->problem_at);
	free(c->problem_word);
	memset(c, 0, sizeof *c);
}
