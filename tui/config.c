/* Reading config.ini with libinih. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "config.h"
#include "kiosk-setup.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

struct settings	settings;

void
settings_free(void)
{
	free(settings.receipt);
	free(settings.a4);
	free(settings.profile);
	free(settings.language);
	free(settings.export_folder);
	memset(&settings, 0, sizeof settings);
}

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
	/* what is wrong first: a long path is what the message line cuts */
	/* TRANSLATORS: what is wrong, the word at fault, then the file */
	return (xasprintf(_("%s: %s (in %s)"), _(c->problem_what),
	    c->problem_word, c->problem_at));
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

int
config_printer_ok(const char *s)
{
	static const char *const	prefixes[] = { "cups:", "tcp:",
	    "device:" };
	size_t				i, n;

	if (strcmp(s, "file") == 0)
		return (1);
	for (i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
		n = strlen(prefixes[i]);
		if (strncmp(s, prefixes[i], n) == 0 && s[n] != '\0')
			return (1);
	}
	return (0);
}

double
config_parse_minutes(const char *s)
{
	char	*end;
	double	 v;

	v = strtod(s, &end);
	if (end == s || *end != '\0' || !(v >= 0 && v <= 1440))
		return (-1);
	return (v);
}

static int
is(const char *section, const char *name, const char *s, const char *n)
{
	return (strcmp(section, s) == 0 && strcmp(name, n) == 0);
}

/* [printing], [session] and [export]: 1 if the key was one of theirs. */
static int
on_work_key(struct ctx *x, const char *section, const char *name,
    const char *value)
{
	struct config	*c = x->c;

	if (is(section, name, "printing", "receipt") ||
	    is(section, name, "printing", "a4")) {
		if (*value != '\0' && !config_printer_ok(value))
			problem(c, x->path, N_("a printer is file, cups:QUEUE, "
			    "tcp:HOST or device:PATH"), value);
		else
			set(name[0] == 'r' ? &c->receipt : &c->a4, value);
	} else if (is(section, name, "printing", "receipt_profile"))
		set(&c->receipt_profile, value);
	else if (is(section, name, "session", "lock_minutes")) {
		if ((c->lock_minutes = config_parse_minutes(value)) < 0)
			problem(c, x->path, N_("lock_minutes must be a number "
			    "from 0 to 1440"), value);
		else
			c->lock_set = 1;
	} else if (is(section, name, "export", "folder"))
		set(&c->export_folder, value);
	else if (is(section, name, "export", "charset")) {
		if (strcmp(value, "utf-8") != 0 && strcmp(value, "gb18030") != 0)
			problem(c, x->path, N_("charset must be utf-8 or "
			    "gb18030"), value);
		else
			set(&c->export_charset, value);
	} else
		return (0);
	return (1);
}

/* [kiosk]: 1 if the key was one of its. A password stands only in a
 * file nobody else may read. */
static int
on_kiosk_key(struct ctx *x, const char *section, const char *name,
    const char *value)
{
	struct config	*c = x->c;

	if (strcmp(section, "kiosk") != 0)
		return (0);
	if (strcmp(name, "user") == 0)
		set(&c->kiosk_user, value);
	else if (strcmp(name, "password_file") == 0)
		set(&c->kiosk_password_file, value);
	else if (strcmp(name, "password") == 0) {
		if (!kiosk_file_private(x->path))
			problem(c, x->path, N_("a password stands only in a "
			    "file of mode 0600"), name);
		else {
			if (c->kiosk_password != NULL)
				explicit_bzero(c->kiosk_password,
				    strlen(c->kiosk_password));
			set(&c->kiosk_password, value);
		}
	} else if (strcmp(name, "idle_seconds") == 0) {
		if ((c->kiosk_idle = kiosk_parse_idle(value)) < 0) {
			c->kiosk_idle = 0;
			problem(c, x->path, N_("idle_seconds must be a number "
			    "from 1 to 3600"), value);
		}
	} else
		problem(c, x->path, N_("unknown key"), name);
	return (1);
}

/* One key, as inih hands it over; unknown keys and bad values are
 * noted, never fatal. */
static int
on_key(void *arg, const char *section, const char *name, const char *value)
{
	struct ctx	*x = arg;
	struct config	*c = x->c;

	if (on_work_key(x, section, name, value) ||
	    on_kiosk_key(x, section, name, value))
		return (1);
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
	} else if (strcmp(section, "display") == 0 &&
	    strcmp(name, "borders") == 0) {
		if (borders_parse(value, &c->borders) == 0)
			c->borders_set = 1;
		else
			problem(c, x->path, N_("borders must be auto, "
			    "unicode, acs or ascii"), value);
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

char *
config_user_path(void)
{
	const char	*xdg = getenv("XDG_CONFIG_HOME");
	const char	*home = getenv("HOME");

	if (xdg != NULL && *xdg == '/')
		return (xasprintf("%s/bianmin/config.ini", xdg));
	return (xasprintf("%s/.config/bianmin/config.ini",
	    home != NULL ? home : "."));
}

/* The site's file first, then the clerk's own, key by key. */
void
config_load(struct config *c)
{
	char	*user = config_user_path();

	memset(c, 0, sizeof *c);
	config_read(c, "/etc/bianmin/config.ini");
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
	free(c->receipt);
	free(c->a4);
	free(c->receipt_profile);
	free(c->export_folder);
	free(c->export_charset);
	free(c->kiosk_user);
	if (c->kiosk_password != NULL)
		explicit_bzero(c->kiosk_password, strlen(c->kiosk_password));
	free(c->kiosk_password);
	free(c->kiosk_password_file);
	free(c->problem_at);
	free(c->problem_word);
	memset(c, 0, sizeof *c);
}
