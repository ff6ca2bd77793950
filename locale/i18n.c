/* Finding and binding the message catalog. */
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "i18n.h"
#include "../util/xmalloc.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

static char	lang_in_use[16] = "en";

static int
is_dir(const char *p)
{
	struct stat	sb;

	return (stat(p, &sb) == 0 && S_ISDIR(sb.st_mode));
}

/* The catalog folder: an override, then beside the program (installed
 * under PREFIX, or built in the source tree), then the compiled one. */
static char *
catalog_dir(void)
{
	static const char	*rel[] = { "../share/locale", "../build/locale" };
	const char		*env = getenv("BIANMIN_LOCALEDIR");
	char			 exe[PATH_MAX], *slash, *p;
	ssize_t			 n;
	size_t			 i;

	if (env != NULL && *env != '\0')
		return (xstrdup(env));
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		for (i = 0; i < sizeof rel / sizeof *rel; i++) {
			p = xasprintf("%s/%s", exe, rel[i]);
			if (is_dir(p))
				return (p);
			free(p);
		}
	}
	return (xstrdup(LOCALEDIR));
}

static int
is_c_locale(const char *name)
{
	return (name == NULL || strcmp(name, "C") == 0 ||
	    strcmp(name, "POSIX") == 0);
}

/* Which language gettext will pick, by the same variables it reads. In
 * the C/POSIX locale it reads none of them: English. */
static void
detect(const char *lang)
{
	static const char	*vars[] = {
		"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"
	};
	const char		*v = lang;
	size_t			 i;

	if (v == NULL && is_c_locale(setlocale(LC_MESSAGES, NULL))) {
		strcpy(lang_in_use, "en");
		return;
	}
	for (i = 0; v == NULL && i < sizeof vars / sizeof *vars; i++) {
		v = getenv(vars[i]);
		if (v != NULL && *v == '\0')
			v = NULL;
	}
	strcpy(lang_in_use, v != NULL && strncmp(v, "zh", 2) == 0 ?
	    "zh_CN" : "en");
}

void
i18n_init(const char *lang)
{
	char	*dir = catalog_dir();

	detect(lang);
	if (lang != NULL) {
		setenv("LANGUAGE", strncmp(lang, "zh", 2) == 0 ? "zh_CN" :
		    "en", 1);
		/* gettext ignores LANGUAGE in the C locale: a language
		 * asked for by name needs a messages locale that is not C */
		if (is_c_locale(setlocale(LC_MESSAGES, NULL)))
			setlocale(LC_MESSAGES, "C.UTF-8");
	}
	bindtextdomain("bianmin", dir);
	bind_textdomain_codeset("bianmin", "UTF-8");
	textdomain("bianmin");
	free(dir);
}

const char *
i18n_lang(void)
{
	return (lang_in_use);
}
