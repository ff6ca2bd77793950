/* Global actions: their names, default keys and handlers, rebound by
 * keys.ini; the key names shown in help, the key bar and --keys. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ini.h>

#include "cases.h"
#include "form-ui.h"
#include "keymap.h"
#include "keys.h"
#include "screen-certificates.h"
#include "tui.h"
#include "../locale/i18n.h"
#include "../util/xmalloc.h"

static void	run_help(void);
static void	ask_quit(void);
static void	go_home_asked(void);
static void	run_lookup(void);
static void	run_outbox(void);
static void	run_applications(void);

/* Table 1: action id -> name (keys.ini, --keys), label, what it does. */
static const struct {
	const char	*name;
	const char	*label;
	void		(*run)(void);
} names[ACT_COUNT] = {
	[ACT_HELP] = { "help", N_("This help"), run_help },
	[ACT_QUIT] = { "quit", N_("Quit"), ask_quit },
	[ACT_LOOKUP] = { "lookup", N_("Resident lookup"), run_lookup },
	[ACT_TXCODE] = { "txcode", N_("A service by its transaction code"),
	    txcode_prompt },
	[ACT_OUTBOX] = { "outbox", N_("The outbox"), run_outbox },
	[ACT_QUEUE] = { "queue", N_("Queue: call the next ticket"),
	    queue_next_anywhere },
	[ACT_APPLICATIONS] = { "applications",
	    N_("Applications: query and handle"), run_applications },
	[ACT_CERTIFICATES] = { "certificates",
	    N_("Certificates: issue, reprint, verify"), certificates_open },
	[ACT_HOME] = { "home", N_("Back to the main menu"),
	    go_home_asked },
};

/* Table 2: default keys -> action id. README "Keys" fixes these. */
static const struct binding {
	int		key;
	enum action	action;
} defaults[] = {
	{ TK_F(1), ACT_HELP },
	{ TK_F(10), ACT_QUIT },
	{ TK_CTRL('q'), ACT_QUIT },
	{ TK_CTRL('c'), ACT_QUIT },
	{ TK_F(2), ACT_LOOKUP },
	{ TK_F(3), ACT_TXCODE },
	{ TK_F(8), ACT_OUTBOX },
	{ TK_CTRL('n'), ACT_QUEUE },
	{ TK_F(6), ACT_APPLICATIONS },
	{ TK_F(7), ACT_CERTIFICATES },
	{ TK_CTRL('g'), ACT_HOME },
};

#define MAX_BINDINGS	64

static struct binding	bound[MAX_BINDINGS];
static int		nbound;
static char		*problem_at;
static const char	*problem_what;
static char		*problem_word;

static void
run_help(void)
{
	if (app.top != NULL && app.top->ops != &dialog_help)
		app_push(&dialog_help, app.top);
}

static void
quit_confirmed(void *arg)
{
	(void)arg;
	app.quit = 1;
}

/* Asks before quitting; the loop ends once confirmed. */
static void
ask_quit(void)
{
	if (app.top != NULL && app.top->ops == &dialog_confirm)
		return;
	confirm_ask(_("Quit bianmin?"), quit_confirmed, NULL);
}

static void
go_home(void *arg)
{
	(void)arg;
	app_save_all();		/* forms keep their drafts */
	while (app.top != NULL && app.top->ops != &screen_home)
		app_pop();
}

/* From anywhere to the main menu in two keys at most (Ctrl-G): this
 * one, and a yes when more than one screen would close. */
static void
go_home_asked(void)
{
	struct screen	*s;
	int		 n = 0;

	for (s = app.top; s != NULL && s->ops != &screen_home; s = s->below)
		n++;
	if (s == NULL || n == 0)
		return;		/* logged out, or there already */
	if (n == 1)
		go_home(NULL);
	else
		confirm_ask(_("Back to the main menu? Open forms are kept as "
		    "drafts."), go_home, NULL);
}

static void
run_lookup(void)
{
	if (app.session != NULL && app.top != NULL &&
	    app.top->ops != &screen_lookup)
		app_push(&screen_lookup, NULL);
}

static void
run_outbox(void)
{
	if (app.top != NULL && app.top->ops != &screen_outbox &&
	    app.session != NULL)
		app_push(&screen_outbox, NULL);
}

/* F6: the applications; the resident's own from a profile. */
static void
run_applications(void)
{
	const struct resident		*r = resident_on_screen();
	struct applications_open	 o;

	if (app.session == NULL || app.top == NULL ||
	    app.top->ops == &screen_applications)
		return;
	if (r == NULL) {
		app_push(&screen_applications, NULL);
		return;
	}
	/* from a resident's profile: that resident's applications */
	o.resident_id = r->s.id;
	o.resident_name = r->s.name;
	app_push(&screen_applications, &o);
}

enum action
keymap_action(int key)
{
	int	i;

	for (i = 0; i < nbound; i++) {
		if (bound[i].key == key)
			return (bound[i].action);
	}
	return (ACT_NONE);
}

int
keymap_run(int key)
{
	enum action	a = keymap_action(key);

	if (a == ACT_NONE)
		return (0);
	names[a].run();
	return (1);
}

void
keymap_do(enum action a)
{
	names[a].run();
}

const char *
keymap_name(enum action a)
{
	return (a >= 0 && a < ACT_COUNT ? names[a].name : NULL);
}

const char *
keymap_label(enum action a)
{
	return (a >= 0 && a < ACT_COUNT ? names[a].label : "");
}

static enum action
action_by_name(const char *name)
{
	int	i;

	for (i = 0; i < ACT_COUNT; i++) {
		if (strcmp(names[i].name, name) == 0)
			return ((enum action)i);
	}
	return (ACT_NONE);
}

/* Ctrl and a letter, in any of the spellings people write. */
static int
parse_ctrl(const char *s)
{
	int	c;

	if (strncasecmp(s, "Ctrl-", 5) == 0 || strncasecmp(s, "Ctrl+", 5) == 0)
		s += 5;
	else if (strncmp(s, "C-", 2) == 0 || s[0] == '^')
		s += s[0] == '^' ? 1 : 2;
	else
		return (-1);
	if (!isalpha((unsigned char)s[0]) || s[1] != '\0')
		return (-1);
	c = tolower((unsigned char)s[0]);
	/* Backspace, Tab, Enter and Enter again */
	if (c == 'h' || c == 'i' || c == 'j' || c == 'm')
		return (-1);
	return (TK_CTRL(c));
}

int
keymap_parse_key(const char *s)
{
	char	*end;
	long	 n;

	if ((s[0] == 'F' || s[0] == 'f') && isdigit((unsigned char)s[1])) {
		n = strtol(s + 1, &end, 10);
		if (*end != '\0' || n < 1 || n > 12)
			return (-1);
		return (TK_F((int)n));
	}
	return (parse_ctrl(s));
}

/* A key's name as keys.ini writes it. */
static void
name_of_key(int key, char *out, size_t len)
{
	int	n;

	for (n = 1; n <= 12; n++) {
		if (key == TK_F(n)) {
			snprintf(out, len, "F%d", n);
			return;
		}
	}
	if (key >= 1 && key <= 26)
		snprintf(out, len, "Ctrl-%c", 'A' + key - 1);
	else
		snprintf(out, len, "?");
}

void
keymap_keys_text(enum action a, int first_only, char *out, size_t len)
{
	char	name[16];
	size_t	used = 0;
	int	i;

	out[0] = '\0';
	for (i = 0; i < nbound; i++) {
		if (bound[i].action != a)
			continue;
		name_of_key(bound[i].key, name, sizeof name);
		used += snprintf(out + used, used < len ? len - used : 0,
		    "%s%s", used > 0 ? " / " : "", name);
		if (first_only || used >= len)
			break;
	}
	if (used >= len && len > 0)
		out[len - 1] = '\0';
}

/* Drops binding i, keeping the order of the rest (the first key of an
 * action is the one the key bar shows). */
static void
unbind_at(int i)
{
	memmove(&bound[i], &bound[i + 1], (size_t)(nbound - i - 1) *
	    sizeof *bound);
	nbound--;
}

static void
unbind_key(int key)
{
	int	i;

	for (i = nbound - 1; i >= 0; i--) {
		if (bound[i].key == key)
			unbind_at(i);
	}
}

static void
unbind_action(enum action a)
{
	int	i;

	for (i = nbound - 1; i >= 0; i--) {
		if (bound[i].action == a)
			unbind_at(i);
	}
}

/* Keeps the defaults' order, so F10 is named before Ctrl-Q. */
static void
bind_key(int key, enum action a)
{
	unbind_key(key);
	if (nbound < MAX_BINDINGS)
		bound[nbound++] = (struct binding){ key, a };
}

static void
note(const char *path, const char *what, const char *word)
{
	if (problem_at != NULL)
		return;
	problem_at = xstrdup(path);
	problem_what = what;
	problem_word = xstrdup(word);
}

/* The keys of one line, "F12, Ctrl-Q": all of them or none. */
static int
parse_keys(const char *value, int *keys, int max, const char **bad)
{
	char	*copy = xstrdup(value), *p = copy, *w;
	int	 n = 0, k;

	while ((w = strsep(&p, ",")) != NULL) {
		while (isspace((unsigned char)*w))
			w++;
		w[strcspn(w, " \t")] = '\0';
		if (*w == '\0' || strcasecmp(w, "none") == 0)
			continue;
		if ((k = keymap_parse_key(w)) == -1 || n == max) {
			*bad = value;
			free(copy);
			return (-1);
		}
		keys[n++] = k;
	}
	free(copy);
	return (n);
}

static int
on_line(void *arg, const char *section, const char *name, const char *value)
{
	const char	*path = arg, *bad = NULL;
	enum action	 a;
	int		 keys[8], n, i;

	if (strcmp(section, "global") != 0) {
		note(path, N_("unknown section"), section);
		return (1);
	}
	if ((a = action_by_name(name)) == ACT_NONE) {
		note(path, N_("unknown action"), name);
		return (1);
	}
	if ((n = parse_keys(value, keys, 8, &bad)) < 0) {
		note(path, N_("not a key that can be bound (F1-F12, "
		    "Ctrl-A-Z)"), bad);
		return (1);
	}
	unbind_action(a);
	for (i = 0; i < n; i++)
		bind_key(keys[i], a);
	return (1);
}

int
keymap_read(const char *path)
{
	char	line[16];
	int	rc = ini_parse(path, on_line, (void *)path);

	if (rc == -1)
		return (-1);
	if (rc > 0) {
		snprintf(line, sizeof line, "%d", rc);
		note(path, N_("cannot read line"), line);
	}
	return (0);
}

char *
keymap_user_path(void)
{
	const char	*xdg = getenv("XDG_CONFIG_HOME");
	const char	*home = getenv("HOME");

	if (xdg != NULL && *xdg == '/')
		return (xasprintf("%s/bianmin/keys.ini", xdg));
	return (xasprintf("%s/.config/bianmin/keys.ini",
	    home != NULL ? home : "."));
}

void
keymap_load(void)
{
	char	*user;
	size_t	 i;

	keymap_free();
	for (i = 0; i < sizeof defaults / sizeof *defaults; i++)
		bind_key(defaults[i].key, defaults[i].action);
	keymap_read("/etc/bianmin/keys.ini");
	user = keymap_user_path();
	keymap_read(user);
	free(user);
}

char *
keymap_problem(void)
{
	if (problem_at == NULL)
		return (NULL);
	/* what is wrong first: a long path is what the message line cuts */
	/* TRANSLATORS: what is wrong, the word at fault, then the file */
	return (xasprintf(_("%s: %s (in %s)"), _(problem_what),
	    problem_word, problem_at));
}

void
keymap_free(void)
{
	free(problem_at);
	free(problem_word);
	problem_at = problem_word = NULL;
	problem_what = NULL;
	nbound = 0;
}
